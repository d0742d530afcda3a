import Files

/// A `FileObject` that knows the dimensions of the image it holds.
///
/// ```swift
/// let image = try ImageFile(path: "/srv/media/photo.jpg")
/// image.width   // 1800, read from the header once and cached
/// ```
///
/// The corresponding Django API is `django.core.files.images.ImageFile`. As in Django, the dimensions
/// are read once and cached for the object's lifetime; unlike Django, reading them puts the position
/// back instead of leaving it at 0, and they are the displayed size (EXIF orientation applied).
open class ImageFile: FileObject {
    private var cachedDimensions: (width: Int, height: Int)??

    /// The displayed width in pixels, or `nil` when the content is not a readable image.
    public var width: Int? { dimensions?.width }

    /// The displayed height in pixels, or `nil` when the content is not a readable image.
    public var height: Int? { dimensions?.height }

    private var dimensions: (width: Int, height: Int)? {
        if let cachedDimensions { return cachedDimensions }
        let measured = imageDimensions(of: self)
        cachedDimensions = .some(measured)
        return measured
    }
}
