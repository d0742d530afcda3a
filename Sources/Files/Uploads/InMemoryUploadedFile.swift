/// An upload held in memory: Django's `InMemoryUploadedFile`.
///
/// ```swift
/// let upload = try InMemoryUploadedFile(
///     MemoryStream(jpeg), fieldName: "avatar", name: "me.jpg", contentType: "image/jpeg", size: jpeg.count)
/// ```
///
/// ``open(mode:)`` only rewinds (a closed stream cannot be reopened); ``chunks(size:)`` yields the whole
/// content as one piece, even when empty; ``multipleChunks(size:)`` is always `false`.
///
/// The corresponding Django API is
/// `InMemoryUploadedFile(file, field_name, name, content_type, size, charset, content_type_extra=None)`.
open class InMemoryUploadedFile: UploadedFile {
    /// The form field the file came from. The corresponding Django API is `field_name`.
    public var fieldName: String?

    /// Wraps an in-memory `stream` with the upload's metadata; `size` is the declared size (`nil`: unknown).
    ///
    /// The metadata a client may leave out (field name, content type, charset, extra parameters)
    /// defaults to `nil`; the name and size do not, because a stored upload needs both.
    ///
    /// Throws ``FileError/suspiciousFileOperation(_:)`` when no safe name can be derived from `name`.
    public init(
        _ stream: any ByteStream, fieldName: String? = nil, name: String?, contentType: String? = nil, size: Int?,
        charset: String? = nil, contentTypeExtra: [String: String]? = nil
    ) throws(FileError) {
        self.fieldName = fieldName
        try super.init(
            stream: stream, name: name, contentType: contentType, size: size, charset: charset,
            contentTypeExtra: contentTypeExtra)
    }

    /// Rewinds and returns `self`; throws ``FileError/closed(operation:name:)`` when the stream is closed.
    ///
    /// The corresponding Django API is `InMemoryUploadedFile.open(mode=None)`.
    @discardableResult
    open override func open(mode: FileMode? = nil) throws(FileError) -> Self {
        try openStream("reopen").seek(to: 0, from: .start)
        return self
    }

    /// Exactly one piece with the whole content from the start, whatever `size` says.
    ///
    /// The corresponding Django API is `InMemoryUploadedFile.chunks(chunk_size=None)`.
    open override func chunks(size: Int? = nil) throws(FileError) -> FileChunks {
        let stream = try openStream("read the chunks of")
        if stream.isSeekable { try stream.seek(to: 0, from: .start) }
        return FileChunks(file: self, shape: .whole)
    }

    /// Always `false`: the content is one chunk.
    ///
    /// The corresponding Django API is `InMemoryUploadedFile.multiple_chunks(chunk_size=None)`.
    open override func multipleChunks(size chunkSize: Int? = nil) -> Bool {
        false
    }
}
