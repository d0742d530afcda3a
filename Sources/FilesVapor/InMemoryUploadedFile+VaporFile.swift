#if Vapor
import Files
import Vapor

extension InMemoryUploadedFile {
    /// Wraps a file that Vapor has already decoded (`req.content.decode(…)` with a `File` field) as an
    /// upload, so it goes through the same storage and imaging calls as a streamed one.
    ///
    /// ```swift
    /// struct Form: Content { var photo: Vapor.File }   // Vapor's `File`
    /// let form = try request.content.decode(Form.self)
    /// let upload = try InMemoryUploadedFile(form.photo, fieldName: "photo")
    /// ```
    ///
    /// The name is sanitised as every upload name is; the content type is the one Vapor derives from the
    /// file name's extension (Vapor's `File` does not keep the part's own `Content-Type`). The bytes are
    /// copied once, from the `ByteBuffer` into the upload's memory stream.
    ///
    /// Throws `FileError.suspiciousFileOperation(_:)` when no safe name can be derived from the file name.
    ///
    /// The corresponding Django API is `InMemoryUploadedFile(file, field_name, name, content_type, size, charset)`.
    public convenience init(_ file: Vapor.File, fieldName: String? = nil) throws(FileError) {
        let bytes = Data(file.data.readableBytesView)
        try self.init(
            MemoryStream(bytes), fieldName: fieldName, name: file.filename,
            contentType: file.contentType.map { "\($0.type)/\($0.subType)" }, size: bytes.count)
    }
}
#endif
