import Files
import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The body, piece by piece: the preamble, the boundaries, each part's header block and body bytes.
extension MultipartFormParser {
    static let syntaxError = MultipartFormError.malformed(
        "a boundary or a part's headers break the multipart syntax")

    /// Reads all of `buffer`, phase by phase.
    func read(_ buffer: inout ByteBuffer) throws(MultipartFormError) {
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

    func take(_ count: Int, of buffer: inout ByteBuffer) {
        buffer.moveReaderIndex(forwardBy: count)
        offset += count
    }

    /// Drops bytes up to and including the first `--boundary`.
    func skipPreamble(_ buffer: inout ByteBuffer) {
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

    static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
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
    func readByteAfterBoundary(_ buffer: inout ByteBuffer, endsPart: Bool) throws(MultipartFormError) {
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
    func readHeaders(_ buffer: inout ByteBuffer) throws(MultipartFormError) {
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
    func readBody(_ buffer: inout ByteBuffer) throws(MultipartFormError) {
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
    func fail(_ error: MultipartFormError) -> MultipartFormError {
        let first = failure ?? error
        if phase != .failed { cancel() }
        failure = first
        return first
    }

    func notePeak(_ bytes: Int) {
        peakBufferedBytes = max(peakBufferedBytes, bytes)
    }
}
