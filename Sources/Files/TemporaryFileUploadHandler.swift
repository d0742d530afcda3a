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

    /// Starts a file; see
    /// ``FileUploadHandler/newFile(fieldName:fileName:contentType:contentLength:charset:contentTypeExtra:)``.
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

    /// Takes a chunk; see ``FileUploadHandler/receiveDataChunk(_:start:)``.
    public func receiveDataChunk(_ data: Data, start: Int) throws -> Data? {
        guard let file else { throw FileError.noFileStarted("receive an upload chunk") }
        try file.write(data)
        return nil
    }

    /// Finishes the file; see ``FileUploadHandler/fileComplete(size:)``.
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
