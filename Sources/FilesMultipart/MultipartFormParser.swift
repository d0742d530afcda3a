import Files
import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a `multipart/form-data` request body as it streams in, sending every file through the upload
/// handlers: Django's `request.POST` and `request.FILES` without ever holding the body.
///
/// ```swift
/// // Hummingbird: request.body; Vapor: request.body (with `body: .stream`).
/// let form = try await MultipartFormParser.parse(
///     request.body, contentType: request.headers[.contentType] ?? "", contentLength: length)
/// let photo = form.files["photo"]   // InMemoryUploadedFile up to 2.5 MiB, else TemporaryUploadedFile
/// ```
///
/// Or push the chunks yourself: `feed(_:)` each `ByteBuffer`, then `finish()`.
///
/// - Every file part goes through an `UploadReceiver` over `handlers` (Django's default chain unless
///   given): the part's headers become an `UploadDescription`, its bytes arrive in chunks of the
///   handlers' `FileUploadHandler.chunkSize` (64 KiB), the same chunks however the body was split.
///   `contentLength` is the request's `Content-Length`: `MemoryFileUploadHandler` keeps files in memory
///   only when the whole body is at most 2.5 MiB, as in Django.
/// - Text fields are collected within ``MultipartLimits/maximumFieldDataSize`` and decoded as UTF-8
///   (invalid bytes become U+FFFD).
/// - Memory: at most one chunk of file data, the text fields, and one header block (plus what the
///   handlers keep). The body itself is never collected.
/// - Speed: a part's body is searched for its closing delimiter a network chunk at a time
///   (`memchr` for each CR, then one comparison), and its bytes are copied once, into the chunk the
///   handlers receive; header blocks are read byte by byte, within their limit.
/// - Every error is a ``MultipartFormError``; before it is thrown, the handlers are told the upload was
///   interrupted and every file already received is closed, so no temporary file is left behind.
///   Disconnects (the body throws, or ends early) are errors too.
///
/// A parser reads one request and is not `Sendable`; use it from one task.
///
/// The corresponding Django API is `django.http.multipartparser.MultiPartParser(META, input_data,
/// upload_handlers).parse()`.
public final class MultipartFormParser {
    /// The boundary from the request's `Content-Type`.
    public let boundary: String
    /// The limits this request is held to.
    public let limits: MultipartLimits

    let receiver: UploadReceiver
    let chunkSize: Int
    /// `--boundary`, which opens the first part.
    let openingDelimiter: [UInt8]

    enum Phase: Equatable {
        /// Looking for the first `--boundary`.
        case preamble
        /// At the byte after a boundary: `-` ends the form, anything else starts a header block (which
        /// must begin with CR LF). `endsPart` when the boundary closed a part's body.
        case afterBoundary(endsPart: Bool)
        /// A part's header block.
        case headers
        /// A part's body, up to `CRLF--boundary`.
        case body
        /// After the closing `--boundary--`: the rest is ignored.
        case epilogue
        /// A handler stopped the upload; with `connectionReset` the rest of the body is not read.
        case stopped(connectionReset: Bool)
        /// `finish()` returned the form.
        case finished
        /// An error was thrown; the request's files are gone.
        case failed
    }

    var phase = Phase.preamble
    /// Bytes of the body taken so far.
    var offset = 0
    var preambleTail: [UInt8] = []
    var form = FormData()
    var part: MultipartPart
    /// The first error, thrown again by every later call.
    var failure: MultipartFormError?
    /// Finds each body's closing delimiter.
    var delimiter: DelimiterMatcher
    var fieldCount = 0
    var fileCount = 0
    var fieldDataSize = 0
    /// The most bytes this parser held at once (file chunk, field values, preamble tail): for tests.
    var peakBufferedBytes = 0

    /// Prepares to read one request with this `Content-Type` header and `Content-Length` (`nil` when
    /// streamed), telling each handler the length.
    ///
    /// Throws ``MultipartFormError/malformed(_:)`` for a `Content-Type` that is not `multipart/…` with a valid
    /// boundary (1–201 printable ASCII characters, not ending in a space) or a negative length, and
    /// ``MultipartFormError/limitExceeded(_:limit:)`` when `contentLength` is over
    /// ``MultipartLimits/maximumRequestSize``.
    public init(
        contentType: String, contentLength: Int? = nil, limits: MultipartLimits = MultipartLimits(),
        handlers: [any FileUploadHandler] = UploadReceiver.defaultHandlers()
    ) throws(MultipartFormError) {
        guard contentType.unicodeScalars.allSatisfy(\.isASCII) else {
            throw .malformed("the Content-Type \"\(contentType)\" is not ASCII")
        }
        let parsed = HeaderValue(parsing: contentType)
        guard parsed.value.hasPrefix("multipart/") else {
            throw .malformed("the Content-Type \"\(contentType)\" is not multipart")
        }
        guard let boundary = parsed.parameters["boundary"], Self.isValidBoundary(boundary) else {
            throw .malformed("the Content-Type \"\(contentType)\" has no valid boundary")
        }
        if let contentLength, contentLength < 0 {
            throw .malformed("the Content-Length \(contentLength) is negative")
        }
        if let contentLength, let maximum = limits.maximumRequestSize, contentLength > maximum {
            throw .limitExceeded(.requestSize, limit: maximum)
        }
        do {
            receiver = try UploadReceiver(handlers: handlers, contentLength: contentLength)
        } catch {
            throw .handler(error)
        }
        self.boundary = boundary
        self.limits = limits
        chunkSize = receiver.chunkSize
        openingDelimiter = Array("--\(boundary)".utf8)
        delimiter = DelimiterMatcher(boundary: boundary)
        part = MultipartPart(headerLimit: limits.maximumHeaderSize)
        if contentLength == 0 { phase = .epilogue }  // Django answers an empty body with an empty form.
    }

    deinit {
        if phase != .finished, phase != .failed { cancel() }
    }

    /// Reads the next chunk of the body. Throws ``MultipartFormError``; after an error the parser is done.
    ///
    /// Errors come in the order of the bytes, so the result never depends on how the body was split:
    /// a chunk that crosses ``MultipartLimits/maximumRequestSize`` is read up to the limit first.
    public func feed(_ buffer: ByteBuffer) throws(MultipartFormError) {
        if let failure { throw failure }
        var buffer = buffer
        var overLimit: Int?
        if let maximum = limits.maximumRequestSize, offset + buffer.readableBytes > maximum {
            buffer = buffer.getSlice(at: buffer.readerIndex, length: max(0, maximum - offset)) ?? ByteBuffer()
            overLimit = maximum
        }
        do {
            try read(&buffer)
        } catch {
            throw fail(error)
        }
        if let overLimit { throw fail(.limitExceeded(.requestSize, limit: overLimit)) }
    }

    /// The body has ended: returns the fields and files, and tells the handlers the upload is complete.
    ///
    /// Throws ``MultipartFormError/malformed(_:)`` when the body ended before its closing boundary (a
    /// disconnect), or had no boundary at all. An empty body is an empty form.
    public func finish() throws(MultipartFormError) -> FormData {
        if let failure { throw failure }
        switch phase {
        case .preamble where offset == 0, .epilogue, .stopped:
            break
        case .preamble:
            throw fail(.malformed("the body has no boundary \"--\(boundary)\""))
        case .afterBoundary, .headers, .body:
            throw fail(.malformed("the body ends before the closing boundary"))
        case .finished, .failed:
            throw .malformed("the body was already finished")
        }
        do {
            try receiver.completeUpload()
        } catch .stopUpload {
        } catch {
            throw fail(.handler(error))
        }
        phase = .finished
        defer { form = FormData() }
        return form
    }

    /// Abandons the request (the client went away): the handlers release the file in progress and every
    /// file already received is closed, removing the temporary ones.
    public func cancel() {
        if case .file = part.content { receiver.interrupt() }
        part.content = .skipped
        form.closeFiles()
        form = FormData()
        phase = .failed
    }

    /// Reads a whole request body: each chunk as it arrives, then `finish()`.
    ///
    /// An error from `body` (the client disconnected) cancels the request and is thrown as
    /// ``MultipartFormError/bodyFailed(_:underlying:)``, which keeps it. After the closing boundary the rest of the body is read and
    /// dropped, as Django does, unless a handler stopped the upload with `connectionReset`.
    public func parse<Body: AsyncSequence>(_ body: Body) async throws(MultipartFormError) -> FormData
    where Body.Element == ByteBuffer {
        var iterator = body.makeAsyncIterator()
        while phase != .stopped(connectionReset: true) {
            let next: ByteBuffer?
            do {
                next = try await iterator.next()
            } catch {
                cancel()
                let failure = MultipartFormError.bodyFailed(String(describing: error), underlying: error)
                self.failure = failure
                throw failure
            }
            guard let next else { break }
            // The handlers may write the chunk to a temporary file: that runs on the file I/O threads,
            // not on the thread that receives the body (an event loop or the cooperative pool).
            try await WorkerThreads.fileIO.runBorrowing { [self] () throws(MultipartFormError) in try feed(next) }
        }
        return try await WorkerThreads.fileIO.runBorrowing { [self] () throws(MultipartFormError) in try finish() }
    }

    /// Reads a whole request body with a fresh parser; see ``parse(_:)``.
    ///
    /// ```swift
    /// let form = try await MultipartFormParser.parse(body, contentType: type, contentLength: length)
    /// ```
    public static func parse<Body: AsyncSequence>(
        _ body: Body, contentType: String, contentLength: Int? = nil, limits: MultipartLimits = MultipartLimits(),
        handlers: [any FileUploadHandler] = UploadReceiver.defaultHandlers()
    ) async throws(MultipartFormError) -> FormData where Body.Element == ByteBuffer {
        let parser = try MultipartFormParser(
            contentType: contentType, contentLength: contentLength, limits: limits, handlers: handlers)
        return try await parser.parse(body)
    }

    /// Django's `boundary_re`: 1–201 printable ASCII characters, the last not a space.
    static func isValidBoundary(_ boundary: String) -> Bool {
        let bytes = Array(boundary.utf8)
        guard (1...201).contains(bytes.count), bytes.allSatisfy({ (0x20...0x7E).contains($0) }) else { return false }
        return bytes.last != 0x20
    }
}
