/// An upload streamed to a temporary file on disk: Django's `TemporaryUploadedFile`.
///
/// ```swift
/// let upload = try TemporaryUploadedFile(name: "video.mp4", contentType: "video/mp4", size: 0)
/// try upload.write(chunk)
/// upload.temporaryFilePath  // "/tmp/tmpa8Zk2Q.upload.mp4"
/// try upload.close()        // the temporary file is gone
/// ```
///
/// The temporary file is created with `mkstemps` (mode 0600, a fresh unique name, safe from any number of
/// concurrent tasks), in `directory` or the system temporary directory. Its name ends in `.upload` plus the
/// upload's extension. It is removed when the file is closed, and at the latest when the last reference to
/// its stream goes away, so no code path leaks it. Closing twice, or after the file was moved away, is fine.
///
/// The corresponding Django API is `TemporaryUploadedFile(name, content_type, size, charset, content_type_extra=None)`.
open class TemporaryUploadedFile: UploadedFile {
    /// The absolute path of the temporary file. The corresponding Django API is `temporary_file_path()`.
    public let temporaryFilePath: String

    /// Creates an empty temporary file for an upload; `size` is the declared size (`nil`: unknown).
    ///
    /// The metadata a client may leave out (content type, charset, extra parameters) defaults to `nil`;
    /// the name and the declared size do not, as with ``InMemoryUploadedFile``.
    ///
    /// Throws ``FileError/suspiciousFileOperation(_:)`` for a name with no safe base name and
    /// ``FileError/io(operation:path:code:)`` when the temporary file cannot be created.
    /// The corresponding Django setting for `directory` is `FILE_UPLOAD_TEMP_DIR`.
    public init(
        name: String?, contentType: String? = nil, size: Int?, charset: String? = nil,
        contentTypeExtra: [String: String]? = nil, directory: String? = nil
    ) throws(FileError) {
        let safeName = try name.map { (name) throws(FileError) in try UploadedFile.sanitizedName(name) }
        let stream = try Self.createTemporaryFile(
            in: directory ?? Self.systemTemporaryDirectory, suffix: Self.suffix(for: safeName))
        temporaryFilePath = stream.name ?? ""
        try super.init(
            stream: stream, name: safeName, contentType: contentType, size: size, charset: charset,
            contentTypeExtra: contentTypeExtra)
    }

    /// `TMPDIR` when set, else `/tmp`. The corresponding Python API is `tempfile.gettempdir()`.
    public static var systemTemporaryDirectory: String {
        guard let value = Syscall.environment("TMPDIR"), !value.isEmpty else { return "/tmp" }
        return value
    }

    /// `.upload` plus the name's last extension, dropped when it would make the file name too long.
    static func suffix(for name: String?) -> String {
        let fileExtension = name.map { String(scalars: PathSyntax.splitExtension($0).extension) } ?? ""
        // "tmp" + six random characters + ".upload" + extension must fit in NAME_MAX (255 bytes).
        let room = 255 - "tmpXXXXXX.upload".utf8.count
        return ".upload" + (fileExtension.utf8.count <= room ? fileExtension : "")
    }

    /// Creates `directory/tmpXXXXXX<suffix>` exclusively and returns a stream that removes it on close.
    static func createTemporaryFile(in directory: String, suffix: String) throws(FileError) -> DiskStream {
        let separator = directory.hasSuffix("/") ? "" : "/"
        let (fd, path) = try Syscall.makeTemporaryFile(
            template: "\(directory)\(separator)tmpXXXXXX\(suffix)", suffixLength: suffix.utf8.count,
            directory: directory)
        return DiskStream(temporaryDescriptor: fd, path: path)
    }
}
