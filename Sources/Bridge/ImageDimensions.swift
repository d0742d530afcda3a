import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FileObject {
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
/// Header only, position restored; see `FileObject.imageInfo()` for the error instead of `nil`.
/// The corresponding Django API is `django.core.files.images.get_image_dimensions(file)`, which returns
/// `(None, None)` where this returns `nil`.
public func imageDimensions(of file: FileObject) -> (width: Int, height: Int)? {
    guard let info = try? file.imageInfo() else { return nil }
    return (info.displaySize.width, info.displaySize.height)
}
