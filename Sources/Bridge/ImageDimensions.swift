#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension File {
    /// Reads the image header of this file: format, size, orientation, alpha. Never decodes pixels.
    ///
    /// ```swift
    /// let info = try upload.imageInfo()
    /// print(info.displaySize, info.format.mimeType)
    /// ```
    ///
    /// Reads from the start in growing pieces (1 KiB, then doubling, as Django's
    /// `get_image_dimensions`) until the header is complete, and puts the position back afterwards.
    /// A JPEG's header is usually found in the first few kilobytes; large EXIF blocks need more.
    ///
    /// - Throws: ``ImageFileError`` naming the file when it cannot be read or is not a recognised image
    ///   image (`ImagingError.truncated(_:offset:)` when it ends inside the header).
    public func imageInfo() throws(ImageFileError) -> ImageInfo {
        let result = try attributing("read") { () throws(FileError) -> Result<ImageInfo, ImagingError> in
            try withPositionRestored { () throws(FileError) in
                if isSeekable { try seek(to: 0) }
                var header = IncrementalProbe()
                return try header.probe(firstCount: 1024) { count throws(FileError) in try read(count) }
            }
        }
        return try attributing("read the image header of") { () throws(ImagingError) in try result.get() }
    }
}

/// The width and height of the image in `file` as it is displayed (EXIF orientation applied), or `nil`
/// when the file is not a readable image.
///
/// ```swift
/// if let (width, height) = imageDimensions(of: upload) { print(width, height) }
/// ```
///
/// Header only, position restored; see ``Files/File/imageInfo()`` for the error instead of `nil`.
/// The corresponding Django API is `django.core.files.images.get_image_dimensions(file)`, which returns
/// `(None, None)` where this returns `nil`.
public func imageDimensions(of file: File) -> (width: Int, height: Int)? {
    guard let info = try? file.imageInfo() else { return nil }
    return (info.displaySize.width, info.displaySize.height)
}

/// A `File` that knows the dimensions of the image it holds.
///
/// ```swift
/// let image = try ImageFile(path: "/srv/media/photo.jpg")
/// image.width   // 1800, read from the header once and cached
/// ```
///
/// The corresponding Django API is `django.core.files.images.ImageFile`. As in Django, the dimensions
/// are read once and cached for the object's lifetime; unlike Django, reading them puts the position
/// back instead of leaving it at 0, and they are the displayed size (EXIF orientation applied).
open class ImageFile: File {
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
