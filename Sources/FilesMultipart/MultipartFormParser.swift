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
/// - Every file part goes through an ``UploadReceiver`` over `handlers` (Django's default chain unless
///   given): the part's headers become an ``UploadDescription``, its bytes arrive in chunks of the
///   handlers' ``FileUploadHandler/chunkSize`` (64 KiB), the same chunks however the body was split.
///   `contentLength` is the request's `Content-Length`: ``MemoryFileUploadHandler`` keeps files in memory
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

    private let receiver: UploadReceiver
    private let chunkSize: Int
    /// `--boundary`, which opens the first part.
    private let openingDelimiter: [UInt8]

    private enum Phase: Equatable {
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

    private var phase = Phase.preamble
    /// Bytes of the body taken so far.
    private var offset = 0
    private var preambleTail: [UInt8] = []
    private var form = FormData()
    private var part: MultipartPart
    /// The first error, thrown again by every later call.
    private var failure: MultipartFormError?
    /// Finds each body's closing delimiter.
    private var delimiter: DelimiterMatcher
    private var fieldCount = 0
    private var fileCount = 0
    private var fieldDataSize = 0
    /// The most bytes this parser held at once (file chunk, field values, preamble tail): for tests.
    private(set) var peakBufferedBytes = 0

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
            try feed(next)
        }
        return try finish()
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

    // MARK: - The body, piece by piece

    private static let syntaxError = MultipartFormError.malformed(
        "a boundary or a part's headers break the multipart syntax")

    /// Reads all of `buffer`, phase by phase.
    private func read(_ buffer: inout ByteBuffer) throws(MultipartFormError) {
        while buffer.readableBytes > 0 {
            switch phase {
            case .preamble:
                skipPreamble(&buffer)
            case .afterBoundary(let endsPart):
                try readByteAfterBoundary(&buffer, endsPart: endsPart)
            case .headers:
                try readHeaders(&buffer)
            case .body:
                try readBody(&buffer)
            case .epilogue, .stopped, .finished, .failed:
                take(buffer.readableBytes, of: &buffer)
            }
        }
    }

    private func take(_ count: Int, of buffer: inout ByteBuffer) {
        buffer.moveReaderIndex(forwardBy: count)
        offset += count
    }

    /// Drops bytes up to and including the first `--boundary`.
    private func skipPreamble(_ buffer: inout ByteBuffer) {
        let window = preambleTail + buffer.readableBytesView
        guard let match = Self.firstRange(of: openingDelimiter, in: window) else {
            take(buffer.readableBytes, of: &buffer)
            preambleTail = Array(window.suffix(openingDelimiter.count - 1))
            notePeak(preambleTail.count)
            return
        }
        take(match.upperBound - preambleTail.count, of: &buffer)
        preambleTail = []
        phase = .afterBoundary(endsPart: false)
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count, let first = needle.first else { return nil }
        var start = 0
        while let index = haystack[start...].firstIndex(of: first), index + needle.count <= haystack.count {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return index..<index + needle.count }
            start = index + 1
        }
        return nil
    }

    /// After `--boundary`: the part it closes is finished first, then `-` ends the form (`--boundary--`;
    /// what follows is the epilogue) and anything else starts the next part's header block.
    private func readByteAfterBoundary(_ buffer: inout ByteBuffer, endsPart: Bool) throws(MultipartFormError) {
        if endsPart {
            try finishPart()
            guard phase == .afterBoundary(endsPart: true) else { return }  // a handler stopped the upload
        }
        if buffer.readableBytesView.first == UInt8(ascii: "-") {
            take(1, of: &buffer)
            phase = .epilogue
            return
        }
        part = MultipartPart(headerLimit: limits.maximumHeaderSize)
        phase = .headers
    }

    /// Reads a header block; once it is complete, decides what the part is.
    private func readHeaders(_ buffer: inout ByteBuffer) throws(MultipartFormError) {
        let consumed: Int?
        do {
            consumed = try part.headerBlock.parse(buffer.readableBytesView)
        } catch .syntax {
            throw Self.syntaxError
        } catch {
            throw .limitExceeded(.headerSize, limit: limits.maximumHeaderSize)
        }
        guard let consumed else {
            take(buffer.readableBytes, of: &buffer)
            return
        }
        take(consumed, of: &buffer)
        part.content = try content(of: part.headerBlock.headers)
        guard phase == .headers else { return }  // a handler stopped the upload
        delimiter.reset()
        phase = .body
    }

    /// Reads body bytes up to and including the closing delimiter, if this chunk has it.
    private func readBody(_ buffer: inout ByteBuffer) throws(MultipartFormError) {
        let scan = buffer.withUnsafeReadableBytes { delimiter.scan($0) }
        if scan.releasedByteCount > 0 {
            // Bytes that looked like the start of the delimiter at the end of the last chunk.
            try body(ByteBuffer(bytes: delimiter.delimiter.prefix(scan.releasedByteCount)))
            guard phase == .body else { return }
        }
        if scan.bodyByteCount > 0 {
            let bytes = buffer.readSlice(length: scan.bodyByteCount)!
            offset += scan.bodyByteCount
            try body(bytes)
            guard phase == .body else { return }
        }
        if let end = scan.delimiterEnd {
            take(end - scan.bodyByteCount, of: &buffer)
            phase = .afterBoundary(endsPart: true)
        } else {
            take(buffer.readableBytes, of: &buffer)  // the start of a delimiter, held by the matcher
        }
    }

    /// Records the first error, cleans up the request, and returns the error to throw.
    private func fail(_ error: MultipartFormError) -> MultipartFormError {
        let first = failure ?? error
        if phase != .failed { cancel() }
        failure = first
        return first
    }

    private func notePeak(_ bytes: Int) {
        peakBufferedBytes = max(peakBufferedBytes, bytes)
    }

    // MARK: - Parts

    /// Takes body bytes of the current part.
    private func body(_ bytes: ByteBuffer) throws(MultipartFormError) {
        switch part.content {
        case .field(let name, let isBase64, var collected):
            fieldDataSize += bytes.readableBytes
            if let maximum = limits.maximumFieldDataSize, fieldDataSize > maximum {
                throw .limitExceeded(.fieldDataSize, limit: maximum)
            }
            part.content = .undetermined  // lets `collected` grow in place
            bytes.withUnsafeReadableBytes { collected.append(contentsOf: $0) }
            notePeak(collected.count)
            part.content = .field(name: name, isBase64: isBase64, bytes: collected)
        case .file(var file):
            part.content = .undetermined  // lets `file.pending` grow in place
            defer { part.content = .file(file) }
            var remaining = bytes
            while remaining.readableBytes > 0, phase == .body {
                let piece = remaining.readSlice(length: min(chunkSize - file.pending.count, remaining.readableBytes))!
                // The one copy of file bytes: the network's buffer into the chunk handed to the handlers.
                piece.withUnsafeReadableBytes { file.pending.append(contentsOf: $0) }
                notePeak(file.pending.count)
                if file.pending.count == chunkSize { try deliver(&file) }
            }
        case .undetermined, .skipped:
            break
        }
    }

    private func content(of headers: [String: String]) throws(MultipartFormError) -> MultipartPart.Content {
        guard let dispositionHeader = headers["content-disposition"] else {
            throw .malformed("a part has no Content-Disposition header")
        }
        let disposition = HeaderValue(parsing: dispositionHeader)
        guard let rawName = disposition.parameters["name"] else {
            throw .malformed("a part's Content-Disposition has no name")
        }
        // Django strips the name (Python's `str.strip()`: Unicode white space and line breaks).
        let name = String(rawName.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        let isBase64 = headers["content-transfer-encoding"].map { HeaderValue(parsing: $0).value } == "base64"
        guard let rawFileName = disposition.parameters["filename"], !rawFileName.isEmpty else {
            fieldCount += 1
            if let maximum = limits.maximumNumberOfFields, fieldCount > maximum {
                throw .limitExceeded(.numberOfFields, limit: maximum)
            }
            // Django counts each field's name plus 2 (for `=` and `&` in a URL-encoded form).
            fieldDataSize += name.unicodeScalars.count + 2
            if let maximum = limits.maximumFieldDataSize, fieldDataSize > maximum {
                throw .limitExceeded(.fieldDataSize, limit: maximum)
            }
            return .field(name: name, isBase64: isBase64, bytes: [])
        }
        fileCount += 1
        if let maximum = limits.maximumNumberOfFiles, fileCount > maximum {
            throw .limitExceeded(.numberOfFiles, limit: maximum)
        }
        guard let fileName = ClientFileName.sanitized(rawFileName) else { return .skipped }
        let type = headers["content-type"].map(HeaderValue.init(parsing:))
        let upload = UploadDescription(
            fieldName: name, fileName: fileName, contentType: type.map(\.value).flatMap { $0.isEmpty ? nil : $0 },
            contentLength: headers["content-length"].flatMap { Int(HeaderValue(parsing: $0).value) },
            charset: type?.parameters["charset"], contentTypeExtra: type?.parameters)
        guard try handle({ () throws(UploadHandlerError) in try receiver.beginFile(upload) }) else { return .skipped }
        if receiver.isSkippingFile {
            // A handler's skipFile: the receiver has let the file go; close the receiver's side now.
            _ = try? receiver.finishFile()
            return .skipped
        }
        return .file(
            FilePart(
                fieldName: name, fileName: fileName, base64: isBase64 ? Base64ChunkDecoder() : nil,
                chunkSize: chunkSize))
    }

    /// Hands one chunk of raw file bytes to the handlers, decoding base64 first.
    private func deliver(_ file: inout FilePart) throws(MultipartFormError) {
        var data = file.pending
        file.pending = Data()
        if file.base64 != nil {
            do {
                data = try file.base64!.decode(data)
            } catch {
                throw .malformed("the base64 content of \"\(file.fileName)\" cannot be decoded")
            }
        }
        if !data.isEmpty {
            file.size += data.count
            if let maximum = limits.maximumFileSize, file.size > maximum {
                throw .limitExceeded(.fileSize, limit: maximum)
            }
            guard try handle({ () throws(UploadHandlerError) in try receiver.receive(data) }) else { return }
        }
        // The next chunk reuses this one's memory unless a handler kept it (Data copies on write then).
        data.removeAll(keepingCapacity: true)
        data.reserveCapacity(chunkSize)
        file.pending = data
    }

    /// At the part's closing boundary: a field's value or a finished file goes into the form.
    private func finishPart() throws(MultipartFormError) {
        switch part.content {
        case .field(let name, let isBase64, let bytes):
            let value = isBase64 ? Base64ChunkDecoder.decodeWhole(bytes) ?? bytes : bytes
            form.fields.append(String(decoding: value, as: UTF8.self), for: name)
        case .file(var file):
            try deliver(&file)
            guard phase == .afterBoundary(endsPart: true) else { return }
            if (try? file.base64?.finish()) == nil, file.base64 != nil {
                throw .malformed("the base64 content of \"\(file.fileName)\" is truncated")
            }
            part.content = .skipped
            var finished: UploadedFile?
            guard try handle({ () throws(UploadHandlerError) in finished = try receiver.finishFile() }) else { return }
            if let finished { form.files.append(finished, for: file.fieldName) }
        case .undetermined, .skipped:
            break
        }
        part.content = .skipped
    }

    /// Runs a receiver call; a stop request stops the upload (and returns `false`), any other error is
    /// thrown.
    private func handle(_ call: () throws(UploadHandlerError) -> Void) throws(MultipartFormError) -> Bool {
        do {
            try call()
            return true
        } catch .stopUpload(let connectionReset) {
            phase = .stopped(connectionReset: connectionReset)
            return false
        } catch {
            throw .handler(error)
        }
    }
}
