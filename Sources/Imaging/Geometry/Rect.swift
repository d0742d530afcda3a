/// A rectangle of whole pixels: the top-left corner and the size.
///
/// ```swift
/// let face = try photo.cropped(to: Rect(x: 120, y: 40, width: 200, height: 200))
/// ```
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    /// The left edge, in pixels from the image's left side.
    public var x: Int
    /// The top edge, in pixels from the image's top.
    public var y: Int
    /// The width in pixels.
    public var width: Int
    /// The height in pixels.
    public var height: Int

    /// Creates a rectangle from its top-left corner and size.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// A rectangle at the origin covering `size`.
    public init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// The rectangle's size.
    public var size: Size { Size(width: width, height: height) }

    public var description: String { "\(width)×\(height) at (\(x), \(y))" }
}
