#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Keeps uploads of up to ``maximumMemorySize`` bytes in memory as ``InMemoryUploadedFile``s.
///
/// When the request's content length is known and larger than the limit, the handler steps aside and
/// the next handler (normally ``TemporaryFileUploadHandler``) takes the file, as in Django. When the
/// length is unknown (a streamed body), or a client sent more than it declared, the handler starts in
/// memory and moves the content to a ``TemporaryUploadedFile`` as soon as it exceeds the limit, so memory
/// stays bounded and no length is needed up front. Exactly ``maximumMemorySize`` bytes stay in memory.
///
/// The corresponding Django API is `MemoryFileUploadHandler` with `FILE_UPLOAD_MAX_MEMORY_SIZE`.
public final class MemoryFileUploadHandler: FileUploadHandler {
    /// Django's `FILE_UPLOAD_MAX_MEMORY_SIZE` default: 2.5 MiB (2,621,440 bytes).
    public static let defaultMaximumMemorySize = 2_621_440

    /// The most bytes kept in memory; more go to a temporary file. The limit itself is allowed (`<=`).
    public let maximumMemorySize: Int
    /// Where a spilled upload's temporary file goes; `nil` for the system temporary directory.
    public let temporaryDirectory: String?

    /// Whether this handler takes files in this request (the content length fits, or is unknown).
    public private(set) var isActivated = true

    private var upload: UploadDescription?
    private var buffer = Data()
    private var spilled: TemporaryUploadedFile?

    /// A handler with the given memory limit and spill directory.
    public init(
        maximumMemorySize: Int = MemoryFileUploadHandler.defaultMaximumMemorySize, temporaryDirectory: String? = nil
    ) {
        self.maximumMemorySize = maximumMemorySize
        self.temporaryDirectory = temporaryDirectory
    }

    /// Activates the handler unless `contentLength` is known and larger than ``maximumMemorySize``.
    public func handleRawInput(contentLength: Int?) throws(UploadHandlerError) {
        isActivated = contentLength.map { $0 <= maximumMemorySize } ?? true
    }

    /// Takes the file unless deactivated; see ``FileUploadHandler/newFile(_:)``.
    public func newFile(_ upload: UploadDescription) throws(UploadHandlerError) -> UploadHandlerDecision {
        discardCurrentFile()
        guard isActivated else { return .continueWithNextHandler }
        self.upload = upload
        return .stopFutureHandlers
    }

    /// Takes a chunk; see ``FileUploadHandler/receiveDataChunk(_:start:)``.
    public func receiveDataChunk(_ data: Data, start: Int) throws(UploadHandlerError) -> Data? {
        guard isActivated else { return data }
        guard let upload else { throw .noFileStarted("receive an upload chunk") }
        do {
            if let spilled {
                try spilled.write(data)
                return nil
            }
            buffer.append(data)
            if buffer.count > maximumMemorySize {
                let file = try upload.makeTemporaryFile(directory: temporaryDirectory)
                spilled = file
                try file.write(buffer)
                buffer = Data()
            }
        } catch {
            throw .file(error)
        }
        return nil
    }

    /// Finishes the file; see ``FileUploadHandler/fileComplete(size:)``.
    public func fileComplete(size: Int) throws(UploadHandlerError) -> UploadedFile? {
        guard isActivated, let upload else { return nil }
        defer {
            self.upload = nil
            spilled = nil
            buffer = Data()
        }
        do {
            if let spilled {
                try spilled.seek(to: 0)
                spilled.size = size
                return spilled
            }
            return try InMemoryUploadedFile(
                MemoryStream(buffer), fieldName: upload.fieldName, name: upload.fileName,
                contentType: upload.contentType, size: size, charset: upload.charset,
                contentTypeExtra: upload.contentTypeExtra)
        } catch {
            try? spilled?.close()
            throw .file(error)
        }
    }

    /// Releases the unfinished file, removing any temporary file.
    public func uploadInterrupted() {
        discardCurrentFile()
    }

    private func discardCurrentFile() {
        try? spilled?.close()
        spilled = nil
        upload = nil
        buffer = Data()
    }
}
