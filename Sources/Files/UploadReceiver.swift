#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Feeds the chunks of uploaded files through a chain of ``FileUploadHandler``s, as Django's
/// multipart parser does, and hands back the finished ``UploadedFile``s.
///
/// ```swift
/// let receiver = try UploadReceiver(contentLength: request.contentLength)   // nil when streamed
/// try receiver.beginFile(fieldName: "avatar", fileName: part.fileName, contentType: part.contentType)
/// for try await chunk in part.body { try receiver.receive(chunk) }
/// let upload = try receiver.finishFile()   // InMemoryUploadedFile or TemporaryUploadedFile
/// ```
///
/// The default chain is ``MemoryFileUploadHandler`` then ``TemporaryFileUploadHandler``: up to 2.5 MiB
/// stays in memory, more goes to a temporary file. Sizes are counted exactly, whatever the chunk sizes.
/// If anything throws, or the receiver is deinitialised with a file unfinished, every handler is told
/// the upload was interrupted, so no temporary file is left behind.
///
/// The corresponding Django API is the handler-driving loop of `MultiPartParser.parse()`.
public final class UploadReceiver {
    /// The handlers, in the order they are consulted.
    public let handlers: [any FileUploadHandler]
    private var counters: [Int]
    private var isReceiving = false

    /// Django's default handler chain: memory first, then a temporary file.
    public static func defaultHandlers(
        maximumMemorySize: Int = MemoryFileUploadHandler.defaultMaximumMemorySize, temporaryDirectory: String? = nil
    ) -> [any FileUploadHandler] {
        [
            MemoryFileUploadHandler(maximumMemorySize: maximumMemorySize, temporaryDirectory: temporaryDirectory),
            TemporaryFileUploadHandler(directory: temporaryDirectory),
        ]
    }

    /// Starts a request whose body is `contentLength` bytes long (`nil` when unknown) and tells each handler.
    public init(
        handlers: [any FileUploadHandler] = UploadReceiver.defaultHandlers(), contentLength: Int? = nil
    ) throws {
        self.handlers = handlers
        self.counters = Array(repeating: 0, count: handlers.count)
        for handler in handlers { try handler.handleRawInput(contentLength: contentLength) }
    }

    deinit {
        if isReceiving { interrupt() }
    }

    /// Starts a file. `fileName` is sanitised first (``UploadedFile/sanitizedName(_:)``); a name with no safe
    /// base name throws ``FileError/suspiciousFileOperation(_:)`` before any handler sees it.
    public func beginFile(
        fieldName: String, fileName: String, contentType: String? = nil, contentLength: Int? = nil,
        charset: String? = nil, contentTypeExtra: [String: String]? = nil
    ) throws {
        guard !isReceiving else {
            throw FileError.invalidArgument(
                operation: "begin an uploaded file", detail: "the previous file is unfinished")
        }
        let safeName = try UploadedFile.sanitizedName(fileName)
        counters = Array(repeating: 0, count: handlers.count)
        isReceiving = true
        try interruptingOnError {
            for handler in handlers {
                let decision = try handler.newFile(
                    fieldName: fieldName, fileName: safeName, contentType: contentType, contentLength: contentLength,
                    charset: charset, contentTypeExtra: contentTypeExtra)
                if decision == .stopFutureHandlers { break }
            }
        }
    }

    /// Passes the next chunk of the current file through the handlers.
    public func receive(_ chunk: Data) throws {
        guard isReceiving else {
            throw FileError.noFileStarted("receive an upload chunk")
        }
        try interruptingOnError {
            var remaining: Data? = chunk
            for index in handlers.indices {
                guard let data = remaining else { break }
                remaining = try handlers[index].receiveDataChunk(data, start: counters[index])
                counters[index] += data.count
            }
        }
    }

    /// Completes the current file and returns it from the first handler that produces one.
    public func finishFile() throws -> UploadedFile? {
        guard isReceiving else {
            throw FileError.noFileStarted("finish an uploaded file")
        }
        return try interruptingOnError {
            defer { isReceiving = false }
            for (index, handler) in handlers.enumerated() {
                if let file = try handler.fileComplete(size: counters[index]) { return file }
            }
            return nil
        }
    }

    /// Abandons the current file: every handler releases what it holds. The corresponding Django API is
    /// calling `upload_interrupted()` on each handler.
    public func interrupt() {
        isReceiving = false
        for handler in handlers { handler.uploadInterrupted() }
    }

    private func interruptingOnError<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch {
            interrupt()
            throw error
        }
    }
}

extension UploadReceiver {
    /// Receives one whole file from `chunks` with a fresh receiver and returns it.
    ///
    /// ```swift
    /// let upload = try UploadReceiver.receiveFile([part1, part2], fieldName: "doc", fileName: "a.pdf")
    /// ```
    public static func receiveFile(
        _ chunks: some Sequence<Data>, fieldName: String, fileName: String, contentType: String? = nil,
        charset: String? = nil, contentLength: Int? = nil,
        handlers: [any FileUploadHandler] = UploadReceiver.defaultHandlers()
    ) throws -> UploadedFile? {
        let receiver = try UploadReceiver(handlers: handlers, contentLength: contentLength)
        try receiver.beginFile(fieldName: fieldName, fileName: fileName, contentType: contentType, charset: charset)
        for chunk in chunks { try receiver.receive(chunk) }
        return try receiver.finishFile()
    }

    /// Receives one whole file from an asynchronous sequence of chunks (a request body) and returns it.
    public static func receiveFile<Chunks: AsyncSequence>(
        _ chunks: Chunks, fieldName: String, fileName: String, contentType: String? = nil,
        charset: String? = nil, contentLength: Int? = nil,
        handlers: [any FileUploadHandler] = UploadReceiver.defaultHandlers()
    ) async throws -> UploadedFile? where Chunks.Element == Data {
        let receiver = try UploadReceiver(handlers: handlers, contentLength: contentLength)
        try receiver.beginFile(fieldName: fieldName, fileName: fileName, contentType: contentType, charset: charset)
        for try await chunk in chunks { try receiver.receive(chunk) }
        return try receiver.finishFile()
    }
}
