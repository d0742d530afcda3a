import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FileObject {
    /// Makes a thumbnail of this file's image, in memory, ready to store or send: the whole upload job
    /// in one call.
    ///
    /// ```swift
    /// let thumb = try upload.thumbnail(fitting: Size(square: 256))
    /// // thumb.name "photo.jpg", thumb.contentType "image/jpeg", thumb.size = encoded bytes, position 0
    /// let name = try await storage.save(thumb)  // "photo.jpg", or "photo_x7Kp2Qz.jpg" when taken
    /// ```
    ///
    /// - The image is read from the start, in pieces, and the file's position is put back afterwards.
    /// - Decoding uses the fast path of `Image(thumbnailReading:fitting:)`: a JPEG is decoded as it is
    ///   read, already shrunk by the DCT, so even a 20 MB photo on disk is never held whole in memory;
    ///   EXIF orientation is applied, and the size follows Pillow's `Image.thumbnail` rule (aspect
    ///   kept, never upscaled).
    /// - `format` defaults to the source's real format (JPEG stays JPEG, PNG stays PNG, with the
    ///   library's default settings), detected from the bytes, never from the name or the claimed
    ///   content type; the result's content type is always the true one.
    /// - `name` defaults to the source's name with the extension corrected (`photo.png` thumbnailed to
    ///   JPEG is `photo.jpg`); the field name of an `InMemoryUploadedFile` source carries over.
    ///   The charset does not: an image has none.
    ///
    /// - Throws: ``ImageFileError`` naming the file when it cannot be read, is not an image, is over the
    ///   pixel limit, or cannot be encoded.
    public func thumbnail(
        fitting box: Size, format: ImageEncoding? = nil, filter: ResamplingFilter = .bicubic, name: String? = nil,
        options: DecodingOptions = .default
    ) throws(ImageFileError) -> InMemoryUploadedFile {
        try makeThumbnail(format: format, name: name) { read throws(ThumbnailReadingError<FileError>) in
            try Image(thumbnailReading: read, fitting: box, filter: filter, options: options)
        }
    }

    /// Makes an image of exactly `size` from this file's image, scaled to cover it and centre-cropped
    /// (Pillow's `ImageOps.fit`), in memory, ready to store or send.
    ///
    /// ```swift
    /// let avatar = try upload.thumbnail(filling: Size(square: 128))   // always 128×128
    /// ```
    ///
    /// Everything else is as ``thumbnail(fitting:format:filter:name:options:)``: position restored,
    /// DCT-scaled decode, orientation applied, format from the bytes, name and field name carried over.
    /// Small images are upscaled to fill the box.
    ///
    /// - Throws: ``ImageFileError`` naming the file.
    public func thumbnail(
        filling size: Size, format: ImageEncoding? = nil, filter: ResamplingFilter = .bicubic, name: String? = nil,
        options: DecodingOptions = .default
    ) throws(ImageFileError) -> InMemoryUploadedFile {
        try makeThumbnail(format: format, name: name) { read throws(ThumbnailReadingError<FileError>) in
            try Image(thumbnailReading: read, filling: size, filter: filter, options: options)
        }
    }

    /// Reads the file from the start in pieces into `shrink` (a JPEG is never held whole), restores
    /// the position, and wraps the result with the source's format, name and field name.
    private func makeThumbnail(
        format: ImageEncoding?, name: String?,
        _ shrink: ((Int) throws(FileError) -> [UInt8]) throws(ThumbnailReadingError<FileError>) -> Image
    ) throws(ImageFileError) -> InMemoryUploadedFile {
        var signature: [UInt8] = []
        let shrunk = try attributing("read") { () throws(FileError) in
            try decodingPieces { read throws(ThumbnailReadingError<FileError>) in
                try shrink { count throws(FileError) in
                    let piece = try read(count)
                    if signature.count < 32 { signature += piece.prefix(32 - signature.count) }
                    return piece
                }
            }
        }
        let image = try attributing("thumbnail") { () throws(ImagingError) in try shrunk.get() }
        let encoding =
            format
            ?? (ImageFormat(detecting: signature) ?? .jpeg).defaultThumbnailEncoding(
                hasAlpha: image.pixelFormat.hasAlpha)
        let fieldName = (self as? InMemoryUploadedFile)?.fieldName
        let baseName = self.name.map(PathSyntax.basename)
        return try InMemoryUploadedFile(image: image, format: encoding, name: name ?? baseName, fieldName: fieldName)
    }
}
