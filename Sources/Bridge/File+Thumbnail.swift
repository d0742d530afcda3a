#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension File {
    /// Makes a thumbnail of this file's image, in memory, ready to store or send: the whole upload job
    /// in one call.
    ///
    /// ```swift
    /// let thumb = try upload.thumbnail(fitting: Size(square: 256))
    /// // thumb.name "photo.jpg", thumb.contentType "image/jpeg", thumb.size = encoded bytes, position 0
    /// ```
    ///
    /// - The image is read from the start and the file's position is put back afterwards.
    /// - Decoding uses the fast path of `Image.init(thumbnailOf:fitting:filter:reducingGap:options:)`:
    ///   a JPEG is decoded already shrunk by the DCT, EXIF orientation is applied, and the size follows
    ///   Pillow's `Image.thumbnail` rule (aspect kept, never upscaled).
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
        try makeThumbnail(format: format, name: name) { bytes throws(ImagingError) in
            try Image(thumbnailOf: bytes, fitting: box, filter: filter, options: options)
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
        try makeThumbnail(format: format, name: name) { bytes throws(ImagingError) in
            try Image(thumbnailOf: bytes, filling: size, filter: filter, options: options)
        }
    }

    private func makeThumbnail(
        format: ImageEncoding?, name: String?, _ shrink: (Data) throws(ImagingError) -> Image
    ) throws(ImageFileError) -> InMemoryUploadedFile {
        let bytes = try attributing("read") { () throws(FileError) in try readAllFromStart() }
        let encoding = format ?? (ImageFormat(detecting: bytes) == .png ? .png() : .jpeg())
        let image = try attributing("thumbnail") { () throws(ImagingError) in try shrink(bytes) }
        let fieldName = (self as? InMemoryUploadedFile)?.fieldName
        return try InMemoryUploadedFile(image: image, format: encoding, name: name ?? baseName, fieldName: fieldName)
    }

    /// The last path component of ``name``, the part a derived file should be named after.
    var baseName: String? {
        guard let name, !name.isEmpty else { return nil }
        return name.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init)
    }
}
