/// What a client said about the file it is uploading: the form field, the file name and the part's headers.
///
/// An ``UploadReceiver`` hands one to each ``FileUploadHandler`` when a file starts:
///
/// ```swift
/// let upload = UploadDescription(fieldName: "avatar", fileName: "me.jpg", contentType: "image/jpeg")
/// let decision = try handler.newFile(upload)
/// let file = try upload.makeTemporaryFile(directory: nil)   // what TemporaryFileUploadHandler does
/// ```
///
/// The values are the client's claims, not measurements: `contentLength` is the part's own
/// `Content-Length` header (rarely sent), and `fileName` is already sanitised by the receiver.
///
/// The corresponding Django API is the arguments of
/// `new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)`.
public struct UploadDescription: Sendable, Equatable {
    /// The form field the file came in, e.g. `"avatar"`.
    public var fieldName: String
    /// The file's safe base name, e.g. `"me.jpg"`.
    public var fileName: String
    /// The part's MIME type, e.g. `"image/jpeg"`; `nil` when the part has no `Content-Type`.
    public var contentType: String?
    /// The part's declared length in bytes; `nil` when not declared.
    public var contentLength: Int?
    /// The `charset` parameter of the part's `Content-Type`, e.g. `"utf-8"`.
    public var charset: String?
    /// Every parameter of the part's `Content-Type` (the charset included), keyed by lower-cased name.
    public var contentTypeExtra: [String: String]?

    /// Describes a file starting in field `fieldName`.
    public init(
        fieldName: String, fileName: String, contentType: String? = nil, contentLength: Int? = nil,
        charset: String? = nil, contentTypeExtra: [String: String]? = nil
    ) {
        self.fieldName = fieldName
        self.fileName = fileName
        self.contentType = contentType
        self.contentLength = contentLength
        self.charset = charset
        self.contentTypeExtra = contentTypeExtra
    }

    /// An empty ``TemporaryUploadedFile`` named and typed after this upload, in `directory`
    /// (the system temporary directory when `nil`).
    ///
    /// Throws ``FileError/io(operation:path:code:)`` when the file cannot be created.
    public func makeTemporaryFile(directory: String?) throws(FileError) -> TemporaryUploadedFile {
        try TemporaryUploadedFile(
            name: fileName, contentType: contentType, size: 0, charset: charset,
            contentTypeExtra: contentTypeExtra, directory: directory)
    }
}
