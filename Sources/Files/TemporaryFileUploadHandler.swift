#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Streams every upload it takes to a ``TemporaryUploadedFile``.
///
/// The corresponding Django API is `TemporaryFileUploadHandler` with `FILE_UPLOAD_TEMP_DIR`.
public final class TemporaryFileUploadHandler: FileUploadHandler {
    /// Where temporary files go; `nil` for the system temporary directory.
    public let directory: String?
    private var file: TemporaryUploadedFile?

    /// A handler writing to `directory` (the system temporary directory when `nil`).
    public init(directory: String? = nil) {
        self.directory = directory
    }

    public func newFile(
        fieldName: String, fileName: String, contentType: String?, contentLength: Int?, charset: String?,
        contentTypeExtra: [String: String]?
    ) throws -> UploadHandlerDecision {
        uploadInterrupted()
        let upload = UploadDescription(
            fieldName: fieldName, fileName: fileName, contentType: contentType, charset: charset,
            contentTypeExtra: contentTypeExtra)
        file = try upload.makeTemporaryFile(directory: directory)
        return .continueWithNextHandler
    }

    public func receiveDataChunk(_ data: Data, start: Int) throws -> Data? {
        guard let file else { throw FileError.invalidArgument(operation: "receive an upload chunk", detail: "no file was started") }
        try file.write(data)
        return nil
    }

    public func fileComplete(size: Int) throws -> UploadedFile? {
        guard let file else { return nil }
        self.file = nil
        try file.seek(to: 0)
        file.size = size
        return file
    }

    /// Closes and removes the temporary file of the unfinished upload.
    public func uploadInterrupted() {
        try? file?.close()
        file = nil
    }
}
