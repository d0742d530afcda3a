#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the `CRLF--boundary` that ends a part's body, a whole network chunk at a time.
///
/// This is the parser's hot loop: every byte of every upload passes through ``scan(_:)``. It jumps
/// from CR to CR with `memchr` and compares the delimiter with `memcmp` only there, so a body costs
/// about what a `memchr` over it costs (MultipartKit's parser, which this replaces, read body bytes
/// one at a time and ran at ~74 MB/s). It sees raw pointers for that reason and no other; the
/// parser around it works on `ByteBuffer`s.
///
/// A delimiter may be split across chunks at any byte: a chunk that ends with a prefix of the
/// delimiter has that prefix held back (it is the delimiter's own bytes, so nothing is copied) and
/// the next chunk continues the match. Because the delimiter's first byte, CR, appears nowhere
/// else in it (a boundary is printable ASCII), a failed match can only restart at a later CR, so
/// the held bytes are then body bytes, all of them, and the search goes on from the failing byte.
/// Every body byte is therefore looked at a bounded number of times, whatever the input.
struct DelimiterMatcher {
    /// What one chunk holds, in order: `releasedByteCount` bytes held back from earlier chunks that
    /// turned out to be body (the first bytes of ``delimiter``), then `bodyByteCount` body bytes of
    /// this chunk, then either the delimiter (ending at `delimiterEnd`) or the start of one, held back.
    struct Scan: Equatable {
        var releasedByteCount = 0
        var bodyByteCount = 0
        /// Where the delimiter ends in this chunk, when it completed here.
        var delimiterEnd: Int?
    }

    /// `CRLF--boundary`.
    let delimiter: [UInt8]
    /// How many bytes of the delimiter the chunks so far ended with.
    private(set) var heldByteCount = 0

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Starts over at the beginning of a body.
    mutating func reset() { heldByteCount = 0 }

    /// Reads the next chunk of a body.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Scan {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return Scan() }
        let count = bytes.count
        var scan = Scan()
        var from = 0
        if heldByteCount > 0 {
            // Continue the match the last chunk ended in.
            let wanted = min(delimiter.count - heldByteCount, count)
            let matches = delimiter.withUnsafeBytes { memcmp(base, $0.baseAddress! + heldByteCount, wanted) == 0 }
            if matches {
                heldByteCount += wanted
                guard heldByteCount == delimiter.count else { return scan }  // the whole chunk was delimiter
                heldByteCount = 0
                scan.delimiterEnd = wanted
                return scan
            }
            scan.releasedByteCount = heldByteCount
            heldByteCount = 0
            // The byte that broke the match may itself start one, so the search starts at byte 0.
        }
        while from < count, let found = memchr(base + from, 0x0D, count - from) {
            let start = base.distance(to: UnsafeRawPointer(found))
            let available = min(delimiter.count, count - start)
            let matches = delimiter.withUnsafeBytes { memcmp(found, $0.baseAddress!, available) == 0 }
            if matches {
                scan.bodyByteCount = start
                if available == delimiter.count {
                    scan.delimiterEnd = start + available
                } else {
                    heldByteCount = available
                }
                return scan
            }
            from = start + 1
        }
        scan.bodyByteCount = count
        return scan
    }
}
