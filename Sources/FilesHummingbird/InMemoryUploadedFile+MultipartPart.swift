#if Hummingbird
import Files
import FilesMultipart
import Foundation
import MultipartKit

extension InMemoryUploadedFile {
    /// An uploaded file made from a part that MultipartKit's `FormDataDecoder` has already decoded,
    /// the way Hummingbird's documentation decodes a collected multipart body.
    ///
    /// ```swift
    /// struct Upload: Decodable { var photo: MultipartPart }
    /// let upload = try FormDataDecoder().decode(Upload.self, from: buffer, boundary: boundary)
    /// let file = try InMemoryUploadedFile(upload.photo)
    /// ```
    ///
    /// The name, field name, content type and charset come from the part's headers and the name is
    /// sanitised as every uploaded file name is. The whole body is already in memory here; for real
    /// photos stream the request with `Request.formData()` instead.
    ///
    /// The corresponding Django API is the `InMemoryUploadedFile` that `MemoryFileUploadHandler` makes.
    ///
    /// - Throws: `FileError` when the part has no usable file name.
    public convenience init(_ part: MultipartPart) throws(FileError) {
        let disposition = part.headers.first(name: "Content-Disposition").map(HeaderValue.init(parsing:))
        let type = part.headers.first(name: "Content-Type").map(HeaderValue.init(parsing:))
        let rawName = disposition?.parameters["filename"] ?? ""
        guard let name = ClientFileName.sanitized(rawName) else {
            let field = disposition?.parameters["name"] ?? ""
            throw .invalidArgument(operation: "upload", detail: "the part \"\(field)\" has no usable file name")
        }
        let bytes = Data(part.body.readableBytesView)
        try self.init(
            MemoryStream(bytes), fieldName: disposition?.parameters["name"], name: name,
            contentType: type.map(\.value).flatMap { $0.isEmpty ? nil : $0 }, size: bytes.count,
            charset: type?.parameters["charset"], contentTypeExtra: type?.parameters)
    }
}
#endif
