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
/// try receiver.beginFile(UploadDescription(fieldName: "avatar", fileName: part.fileName))
/// for try await chunk in part.body { try receiver.receive(chunk) }
/// let upload = try receiver.finishFile()   // InMemoryUploadedFile or TemporaryUploadedFile
/// try receiver.completeUpload()
/// ```
///
/// The default chain is ``MemoryFileUploadHandler`` then ``TemporaryFileUploadHandler``: up to 2.5 MiB
/// stays in memory, more goes to a temporary file. Sizes are counted exactly, whatever the chunk sizes.
///
/// Errors: everything throws ``UploadHandlerError``. A handler's ``UploadHandlerError/skipFile`` is
/// absorbed here (the file is dropped, its later chunks ignored, ``finishFile()`` returns `nil`); any other
/// error — and the receiver being deinitialised with a file unfinished — tells every handler the upload
/// was interrupted, so no temporary file is left behind, and is rethrown.
///
/// The corresponding Django API is the handler-driving loop of `MultiPartParser.parse()`.
public final class UploadReceiver {
    /// The handlers, in the order they are consulted.
    public let handlers: [any FileUploadHandler]
    /// Whether the current file was skipped by a handler (``UploadHandlerError/skipFile``).
    public private(set) var isSkippingFile = false
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
    ) throws(UploadHandlerError) {
        self.handlers = handlers
        self.counters = Array(repeating: 0, count: handlers.count)
        for handler in handlers { try handler.handleRawInput(contentLength: contentLength) }
    }

    deinit {
        if isReceiving { interrupt() }
    }

    /// The smallest chunk size the handlers ask for (65,536 bytes for the default chain).
    ///
    /// The corresponding Django API is the parser's `min(h.chunk_size for h in handlers)`.
    public var chunkSize: Int {
        handlers.map(\.chunkSize).filter { $0 > 0 }.min() ?? 65_536
    }

    /// Starts a file. Its name is sanitised first (``UploadedFile/sanitizedName(_:)``); a name with no safe
    /// base name throws ``UploadHandlerError/file(_:)`` with ``FileError/suspiciousFileOperation(_:)``
    /// before any handler sees it.
    public func beginFile(_ upload: UploadDescription) throws(UploadHandlerError) {
        guard !isReceiving else {
            throw .file(
                .invalidArgument(operation: "begin an uploaded file", detail: "the previous file is unfinished"))
        }
        var upload = upload
        do {
            upload.fileName = try UploadedFile.sanitizedName(upload.fileName)
        } catch {
            throw .file(error)
        }
        counters = Array(repeating: 0, count: handlers.count)
        isReceiving = true
        isSkippingFile = false
        try interruptingOnError { () throws(UploadHandlerError) in
            for handler in handlers where try handler.newFile(upload) == .stopFutureHandlers { break }
        }
    }

    /// Passes the next chunk of the current file through the handlers; ignored when the file was skipped.
    public func receive(_ chunk: Data) throws(UploadHandlerError) {
        guard isReceiving else { throw .noFileStarted("receive an upload chunk") }
        guard !isSkippingFile else { return }
        try interruptingOnError { () throws(UploadHandlerError) in
            var remaining: Data? = chunk
            for index in handlers.indices {
                guard let data = remaining else { break }
                remaining = try handlers[index].receiveDataChunk(data, start: counters[index])
                counters[index] += data.count
            }
        }
    }

    /// Completes the current file and returns it from the first handler that produces one
    /// (`nil` when none does, or the file was skipped).
    public func finishFile() throws(UploadHandlerError) -> UploadedFile? {
        guard isReceiving else { throw .noFileStarted("finish an uploaded file") }
        guard !isSkippingFile else {
            isReceiving = false
            isSkippingFile = false
            return nil
        }
        return try interruptingOnError { () throws(UploadHandlerError) -> UploadedFile? in
            defer { isReceiving = false }
            for (index, handler) in handlers.enumerated() {
                if let file = try handler.fileComplete(size: counters[index]) { return file }
            }
            return nil
        }
    }

    /// Tells the handlers the whole request was read, until one answers
    /// ``UploadHandlerDecision/stopFutureHandlers``. The corresponding Django API is calling
    /// `upload_complete()` on each handler.
    public func completeUpload() throws(UploadHandlerError) {
        for handler in handlers where try handler.uploadComplete() == .stopFutureHandlers { break }
    }

    /// Abandons the current file: every handler releases what it holds. The corresponding Django API is
    /// calling `upload_interrupted()` on each handler.
    public func interrupt() {
        isReceiving = false
        isSkippingFile = false
        for handler in handlers { handler.uploadInterrupted() }
    }

    /// Runs `body`; a skip drops the file, any other error interrupts the upload and is rethrown.
    private func interruptingOnError<Result>(
        _ body: () throws(UploadHandlerError) -> Result?
    ) throws(UploadHandlerError) -> Result? {
        do {
            return try body()
        } catch .skipFile {
            for handler in handlers { handler.uploadInterrupted() }
            isSkippingFile = true
            return nil
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
    ) throws(UploadHandlerError) -> UploadedFile? {
        let receiver = try UploadReceiver(handlers: handlers, contentLength: contentLength)
        try receiver.beginFile(
            UploadDescription(fieldName: fieldName, fileName: fileName, contentType: contentType, charset: charset))
        for chunk in chunks { try receiver.receive(chunk) }
        let file = try receiver.finishFile()
        try receiver.completeUpload()
        return file
    }

    /// Receives one whole file from an asynchronous sequence of chunks (a request body) and returns it.
    ///
    /// An error from `chunks` interrupts the upload (no temporary file is left) and is rethrown as is.
    public static func receiveFile<Chunks: AsyncSequence>(
        _ chunks: Chunks, fieldName: String, fileName: String, contentType: String? = nil,
        charset: String? = nil, contentLength: Int? = nil,
        handlers: [any FileUploadHandler] = UploadReceiver.defaultHandlers()
    ) async throws -> UploadedFile? where Chunks.Element == Data {
        let receiver = try UploadReceiver(handlers: handlers, contentLength: contentLength)
        try receiver.beginFile(
            UploadDescription(fieldName: fieldName, fileName: fileName, contentType: contentType, charset: charset))
        for try await chunk in chunks { try receiver.receive(chunk) }
        let file = try receiver.finishFile()
        try receiver.completeUpload()
        return file
    }
}
