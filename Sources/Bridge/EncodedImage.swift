import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An image encoded in memory, with everything a file object needs to describe it.
struct EncodedImage {
    var bytes: Data
    var format: ImageFormat
    var name: String

    /// Encodes `image` and derives the file name from `name` (see `ImageFormat.fileName(correcting:)`).
    init(_ image: Image, as encoding: ImageEncoding, name: String?) throws(ImageFileError) {
        format = encoding.format
        self.name = format.fileName(correcting: name)
        do {
            bytes = Data(try image.encoded(as: encoding))
        } catch {
            throw ImageFileError(operation: "encode", fileName: self.name, cause: .imaging(error))
        }
    }

    /// A fresh in-memory stream over the bytes, positioned at 0.
    var stream: MemoryStream { MemoryStream(bytes) }
}

extension InMemoryUploadedFile {
    /// Encodes `image` in memory and wraps it as an upload, with size, content type and name filled in.
    ///
    /// ```swift
    /// let upload = try InMemoryUploadedFile(image: thumbnail, format: .jpeg(quality: 85), name: "avatar.png")
    /// upload.name         // "avatar.jpg"
    /// upload.contentType  // "image/jpeg"
    /// upload.size         // the encoded byte count
    /// ```
    ///
    /// The stream is positioned at 0. `name` defaults to `image.jpg` / `image.png`; a given name gets its
    /// extension corrected to the format, then is sanitised as every upload name is. The charset is `nil`:
    /// an image has none. This is the one call that replaces Django's
    /// `BytesIO()` + `save()` + `seek(0)` + `InMemoryUploadedFile(buf, None, "x.jpg", "image/jpeg", size, None)`.
    ///
    /// - Throws: ``ImageFileError`` when the image cannot be encoded with these settings or the name is unsafe.
    public convenience init(
        image: Image, format: ImageEncoding = .jpeg(), name: String? = nil, fieldName: String? = nil
    ) throws(ImageFileError) {
        let encoded = try EncodedImage(image, as: format, name: name)
        do {
            try self.init(
                encoded.stream, fieldName: fieldName, name: encoded.name, contentType: encoded.format.mimeType,
                size: encoded.bytes.count)
        } catch {
            throw ImageFileError(operation: "name", fileName: encoded.name, cause: .file(error))
        }
    }
}

extension SimpleUploadedFile {
    /// Encodes `image` in memory as a `SimpleUploadedFile` (handy in tests), with size, content
    /// type and name filled in as ``Files/InMemoryUploadedFile/init(image:format:name:fieldName:)`` does.
    public convenience init(image: Image, format: ImageEncoding = .jpeg(), name: String? = nil) throws(ImageFileError) {
        let encoded = try EncodedImage(image, as: format, name: name)
        do {
            try self.init(name: encoded.name, content: encoded.bytes, contentType: encoded.format.mimeType)
        } catch {
            throw ImageFileError(operation: "name", fileName: encoded.name, cause: .file(error))
        }
    }
}

extension ContentFile {
    /// Encodes `image` in memory as a `ContentFile` whose size is the encoded byte count.
    ///
    /// ```swift
    /// let file = try ContentFile(image: image, format: .png(), name: "chart")   // name "chart.png"
    /// ```
    ///
    /// `name` defaults to `image.jpg` / `image.png` and gets its extension corrected to the format;
    /// a `ContentFile` keeps directories in its name, so `"avatars/me"` becomes `"avatars/me.png"`.
    public convenience init(image: Image, format: ImageEncoding = .jpeg(), name: String? = nil) throws(ImageFileError) {
        let encoded = try EncodedImage(image, as: format, name: name)
        self.init(encoded.bytes, name: encoded.name)
    }
}
