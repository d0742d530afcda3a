import Files
import MultipartKit
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
/// - Every error is a ``MultipartError``; before it is thrown, the handlers are told the upload was
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
    private let parser: MultipartParser
    private let chunkSize: Int
    /// `--boundary`, which opens every part.
    private let openingDelimiter: [UInt8]
    /// `CRLF--boundary`, which ends every part's body.
    private let closingLength: Int

    private enum Phase: Equatable {
        /// Looking for the first `--boundary`.
        case preamble
        /// Just after the first `--boundary`: a `-` here means an empty form.
        case firstPart
        /// Parts, through MultipartKit's parser.
        case parts
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
    /// The first error raised inside a parser callback, thrown when the parser returns.
    private var failure: MultipartError?
    /// The chunk the parser is reading, and where it starts in the body, for the header scanner.
    private var piece = ByteBuffer()
    private var pieceStart = 0
    /// Finds each body's closing boundary ahead of the parser.
    private var delimiter: DelimiterMatcher
    /// The last slice ended with a boundary: the next holds only the byte after it.
    private var isAwaitingByteAfterBoundary = false
    private var fieldCount = 0
    private var fileCount = 0
    private var fieldDataSize = 0
    /// The most bytes this parser held at once (file chunk, field values, preamble tail): for tests.
    private(set) var peakBufferedBytes = 0

    /// Prepares to read one request with this `Content-Type` header and `Content-Length` (`nil` when
    /// streamed), telling each handler the length.
    ///
    /// Throws ``MultipartError/malformed(_:)`` for a `Content-Type` that is not `multipart/…` with a valid
    /// boundary (1–201 printable ASCII characters, not ending in a space) or a negative length, and
    /// ``MultipartError/limitExceeded(_:limit:)`` when `contentLength` is over
    /// ``MultipartLimits/maximumRequestSize``.
    public init(
        contentType: String, contentLength: Int? = nil, limits: MultipartLimits = MultipartLimits(),
        handlers: [any FileUploadHandler] = UploadReceiver.defaultHandlers()
    ) throws(MultipartError) {
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
        parser = MultipartParser(boundary: boundary)
        chunkSize = receiver.chunkSize
        openingDelimiter = Array("--\(boundary)".utf8)
        closingLength = openingDelimiter.count + 2
        delimiter = DelimiterMatcher(boundary: boundary)
        part = MultipartPart(headerStart: 0, headerLimit: limits.maximumHeaderSize)
        if contentLength == 0 { phase = .epilogue }  // Django answers an empty body with an empty form.
        parser.onHeader = { [unowned self] name, value in self.header(name: name, value: value) }
        parser.onBody = { [unowned self] body in self.body(body) }
        parser.onPartComplete = { [unowned self] in self.partComplete() }
    }

    deinit {
        if phase != .finished, phase != .failed { cancel() }
    }

    /// Reads the next chunk of the body. Throws ``MultipartError``; after an error the parser is done.
    public func feed(_ buffer: ByteBuffer) throws(MultipartError) {
        if let failure { throw failure }
        if let maximum = limits.maximumRequestSize, offset + buffer.readableBytes > maximum {
            throw fail(.limitExceeded(.requestSize, limit: maximum))
        }
        var buffer = buffer
        while buffer.readableBytes > 0 {
            switch phase {
            case .preamble:
                skipPreamble(&buffer)
            case .firstPart:
                phase = buffer.readableBytesView.first == UInt8(ascii: "-") ? .epilogue : .parts
            case .parts:
                let slice = buffer.readSlice(length: try sliceLength(of: buffer))!
                try execute(slice)
            case .epilogue, .stopped, .finished, .failed:
                offset += buffer.readableBytes
                buffer.moveReaderIndex(to: buffer.writerIndex)
            }
        }
    }

    /// The body has ended: returns the fields and files, and tells the handlers the upload is complete.
    ///
    /// Throws ``MultipartError/malformed(_:)`` when the body ended before its closing boundary (a
    /// disconnect), or had no boundary at all. An empty body is an empty form.
    public func finish() throws(MultipartError) -> FormData {
        if let failure { throw failure }
        switch phase {
        case .preamble where offset == 0, .epilogue, .stopped:
            break
        case .preamble:
            throw fail(.malformed("the body has no boundary \"--\(boundary)\""))
        case .firstPart, .parts:
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
    /// ``MultipartError/bodyFailed(_:)``. After the closing boundary the rest of the body is read and
    /// dropped, as Django does, unless a handler stopped the upload with `connectionReset`.
    public func parse<Body: AsyncSequence>(_ body: Body) async throws(MultipartError) -> FormData
    where Body.Element == ByteBuffer {
        var iterator = body.makeAsyncIterator()
        while phase != .stopped(connectionReset: true) {
            let next: ByteBuffer?
            do {
                next = try await iterator.next()
            } catch {
                cancel()
                let failure = MultipartError.bodyFailed(String(describing: error))
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
    ) async throws(MultipartError) -> FormData where Body.Element == ByteBuffer {
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

    /// Drops bytes up to and including the first `--boundary`, then hands that delimiter to the parser.
    private func skipPreamble(_ buffer: inout ByteBuffer) {
        let window = preambleTail + buffer.readableBytesView
        guard let match = Self.firstRange(of: openingDelimiter, in: window) else {
            offset += buffer.readableBytes
            buffer.moveReaderIndex(to: buffer.writerIndex)
            preambleTail = Array(window.suffix(openingDelimiter.count - 1))
            notePeak(preambleTail.count)
            return
        }
        let taken = match.upperBound - preambleTail.count
        buffer.moveReaderIndex(forwardBy: taken)
        offset += taken
        preambleTail = []
        // Only the delimiter reaches the parser, so its preamble state ends exactly here.
        try? parser.execute(ByteBuffer(bytes: openingDelimiter))
        part = MultipartPart(headerStart: offset, headerLimit: limits.maximumHeaderSize)
        phase = .firstPart
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

    /// How much of the body the parser may see next: a header block only as far as the scanner has
    /// checked it (at most to its end or its limit), a body only up to the byte after its closing boundary.
    ///
    /// So every header block starts a slice and is read ahead by its scanner, the parser never reads past
    /// a header limit, and a bad header byte is refused before the parser sees it; errors are met in the
    /// order of the bytes, whatever the chunking.
    private func sliceLength(of buffer: ByteBuffer) throws(MultipartError) -> Int {
        if isAwaitingByteAfterBoundary {
            isAwaitingByteAfterBoundary = false
            return 1
        }
        let available = min(buffer.readableBytes, chunkSize)
        guard part.headerBlock.end == nil else {
            let view = buffer.readableBytesView.prefix(available)
            guard let end = delimiter.firstEnd(in: view) else { return available }
            if end < available { return end + 1 }
            isAwaitingByteAfterBoundary = true
            return end
        }
        let room = max(1, part.headerBlock.start + limits.maximumHeaderSize - offset)
        let view = buffer.readableBytesView.prefix(min(available, room))
        part.headerBlock.scan(view, at: offset)
        if part.headerBlock.invalidNameByte != nil { throw fail(Self.syntaxError) }
        if let end = part.headerBlock.end {
            delimiter.reset()
            return end - offset
        }
        return view.count
    }

    private static let syntaxError = MultipartError.malformed(
        "a boundary or a part's headers break the multipart syntax")

    /// Runs MultipartKit's parser over `slice`; its callbacks do the work.
    private func execute(_ slice: ByteBuffer) throws(MultipartError) {
        piece = slice
        pieceStart = offset
        do {
            try parser.execute(slice)
        } catch {
            if let failure { throw fail(failure) }
            throw fail(Self.syntaxError)
        }
        if let failure { throw fail(failure) }
        offset += slice.readableBytes
        if phase == .parts, case .undetermined = part.content {
            part.headerBlock.scan(slice.readableBytesView, at: pieceStart)
            if part.headerBlock.isOverLimit {
                throw fail(.limitExceeded(.headerSize, limit: limits.maximumHeaderSize))
            }
        }
    }

    /// Records the first error, cleans up the request, and returns the error to throw.
    private func fail(_ error: MultipartError) -> MultipartError {
        let first = failure ?? error
        if phase != .failed { cancel() }
        failure = first
        return first
    }

    private var isListening: Bool { failure == nil && phase == .parts }

    private func notePeak(_ bytes: Int) {
        peakBufferedBytes = max(peakBufferedBytes, bytes)
    }

    // MARK: - Parser callbacks

    private func header(name: String, value: String) {
        guard isListening else { return }
        part.headers[name.lowercased()] = value
    }

    private func body(_ bytes: ByteBuffer) {
        guard isListening else { return }
        startPartIfNeeded()
        guard isListening else { return }
        part.bodyByteCount += bytes.readableBytes
        switch part.content {
        case .field(let name, let isBase64, var collected):
            fieldDataSize += bytes.readableBytes
            if let maximum = limits.maximumFieldDataSize, fieldDataSize > maximum {
                failure = .limitExceeded(.fieldDataSize, limit: maximum)
                return
            }
            part.content = .undetermined  // lets `collected` grow in place
            collected.append(contentsOf: bytes.readableBytesView)
            notePeak(collected.count)
            part.content = .field(name: name, isBase64: isBase64, bytes: collected)
        case .file(var file):
            part.content = .undetermined  // lets `file.pending` grow in place
            var remaining = bytes
            while remaining.readableBytes > 0, isListening {
                let piece = remaining.readSlice(length: min(chunkSize - file.pending.count, remaining.readableBytes))!
                // The one copy of file bytes: MultipartKit's buffer into the chunk handed to the handlers.
                // (A raw-buffer append is a memcpy; appending the ByteBufferView went element by element.)
                piece.withUnsafeReadableBytes { file.pending.append(contentsOf: $0) }
                notePeak(file.pending.count)
                if file.pending.count == chunkSize { deliver(&file) }
            }
            part.content = .file(file)
        case .undetermined, .skipped:
            break
        }
    }

    private func partComplete() {
        guard isListening else { return }
        startPartIfNeeded()
        guard isListening, let headerEnd = part.headerBlock.end else { return }
        finishPart()
        guard isListening else { return }
        // The parser has just read the byte after CRLF--boundary: CR for another part, `-` for the end.
        let next = headerEnd + part.bodyByteCount + closingLength
        let byte = piece.getInteger(at: piece.readerIndex + (next - pieceStart), as: UInt8.self)
        if byte == UInt8(ascii: "-") {
            phase = .epilogue
        } else {
            part = MultipartPart(headerStart: next, headerLimit: limits.maximumHeaderSize)
            part.headerBlock.scan(piece.readableBytesView, at: pieceStart)  // the CR just read
        }
    }

    // MARK: - Parts

    /// Once the headers are complete: checks the header block and decides what the part is.
    private func startPartIfNeeded() {
        guard case .undetermined = part.content else { return }
        part.headerBlock.scan(piece.readableBytesView, at: pieceStart)
        guard part.headerBlock.end != nil else {
            failure = .limitExceeded(.headerSize, limit: limits.maximumHeaderSize)
            return
        }
        do {
            part.content = try content(of: part.headers)
        } catch {
            failure = error
        }
    }

    private func content(of headers: [String: String]) throws(MultipartError) -> MultipartPart.Content {
        guard let dispositionHeader = headers["content-disposition"] else {
            throw .malformed("a part has no Content-Disposition header")
        }
        let disposition = HeaderValue(parsing: dispositionHeader)
        guard let rawName = disposition.parameters["name"] else {
            throw .malformed("a part's Content-Disposition has no name")
        }
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
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
        guard handle({ () throws(UploadHandlerError) in try receiver.beginFile(upload) }) else { return .skipped }
        if receiver.isSkippingFile {
            // A handler's skipFile: the receiver has let the file go; close the receiver's side now.
            _ = try? receiver.finishFile()
            return .skipped
        }
        return .file(FilePart(fieldName: name, fileName: fileName, base64: isBase64 ? Base64ChunkDecoder() : nil))
    }

    /// Hands one chunk of raw file bytes to the handlers, decoding base64 first.
    private func deliver(_ file: inout FilePart) {
        var data = file.pending
        file.pending = Data()
        file.pending.reserveCapacity(chunkSize)
        if file.base64 != nil {
            do {
                data = try file.base64!.decode(data)
            } catch {
                failure = .malformed("the base64 content of \"\(file.fileName)\" cannot be decoded")
                return
            }
        }
        guard !data.isEmpty else { return }
        file.size += data.count
        if let maximum = limits.maximumFileSize, file.size > maximum {
            failure = .limitExceeded(.fileSize, limit: maximum)
            return
        }
        _ = handle { () throws(UploadHandlerError) in try receiver.receive(data) }
    }

    /// At the part's closing boundary: a field's value or a finished file goes into the form.
    private func finishPart() {
        switch part.content {
        case .field(let name, let isBase64, let bytes):
            let value = isBase64 ? Base64ChunkDecoder.decodeWhole(bytes) ?? bytes : bytes
            form.fields.append(String(decoding: value, as: UTF8.self), for: name)
        case .file(var file):
            deliver(&file)
            guard isListening else { return }
            if (try? file.base64?.finish()) == nil, file.base64 != nil {
                failure = .malformed("the base64 content of \"\(file.fileName)\" is truncated")
                return
            }
            part.content = .skipped
            var finished: UploadedFile?
            guard handle({ () throws(UploadHandlerError) in finished = try receiver.finishFile() }) else { return }
            if let finished { form.files.append(finished, for: file.fieldName) }
        case .undetermined, .skipped:
            break
        }
        part.content = .skipped
    }

    /// Runs a receiver call; a stop request stops the upload, any other error becomes the failure.
    /// Returns whether the call succeeded.
    private func handle(_ call: () throws(UploadHandlerError) -> Void) -> Bool {
        do {
            try call()
            return true
        } catch .stopUpload(let connectionReset) {
            phase = .stopped(connectionReset: connectionReset)
        } catch {
            failure = .handler(error)
        }
        return false
    }
}
