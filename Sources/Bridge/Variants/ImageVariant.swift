import Files

/// A stored variant, ready to render: its storage name, URL and pixel size.
///
/// ```swift
/// let small = try await generator.variant(smallSpec, of: "photos/IMG_1234.jpg")
/// html += #"<img src="\#(small.url)" width="\#(small.width)" height="\#(small.height)">"#
/// ```
///
/// The corresponding Django API is the `ImageFieldFile` (or sorl-thumbnail's `ImageFile`) a template
/// reads `url`, `width` and `height` from.
public struct ImageVariant: Sendable, Hashable {
    /// The variant's name in the storage.
    public var name: String
    /// The URL the storage serves it at.
    public var url: String
    /// The width in pixels.
    public var width: Int
    /// The height in pixels.
    public var height: Int

    /// Creates a variant value.
    public init(name: String, url: String, width: Int, height: Int) {
        self.name = name
        self.url = url
        self.width = width
        self.height = height
    }

    /// The pixel size.
    public var size: Size { Size(width: width, height: height) }
}
