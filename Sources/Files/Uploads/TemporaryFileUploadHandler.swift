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

    /// Creates the file's temporary file; see ``FileUploadHandler/newFile(_:)``.
    public func newFile(_ upload: UploadDescription) throws(UploadHandlerError) -> UploadHandlerDecision {
        uploadInterrupted()
        do {
            file = try upload.makeTemporaryFile(directory: directory)
        } catch {
            throw .file(error)
        }
        return .continueWithNextHandler
    }

    /// Takes a chunk; see ``FileUploadHandler/receiveDataChunk(_:start:)``.
    public func receiveDataChunk(_ data: Data, start: Int) throws(UploadHandlerError) -> Data? {
        guard let file else { throw .noFileStarted("receive an upload chunk") }
        do {
            try file.write(data)
        } catch {
            throw .file(error)
        }
        return nil
    }

    /// Finishes the file; see ``FileUploadHandler/fileComplete(size:)``.
    public func fileComplete(size: Int) throws(UploadHandlerError) -> UploadedFile? {
        guard let file else { return nil }
        self.file = nil
        do {
            try file.seek(to: 0)
        } catch {
            try? file.close()
            throw .file(error)
        }
        file.size = size
        return file
    }

    /// Closes and removes the temporary file of the unfinished upload.
    public func uploadInterrupted() {
        try? file?.close()
        file = nil
    }
}
