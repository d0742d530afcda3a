import NIOCore

/// Finds where one part's header block ends, to hold it to ``MultipartLimits/maximumHeaderSize``.
///
/// The block runs from the end of the boundary (`--boundary`) through the first CRLF CRLF: the
/// boundary's own line break, the header lines and the blank line. It is scanned at most up to the
/// limit, across any number of chunks, so a header that never ends costs no memory here and is caught
/// at exactly `limit + 1` bytes, whatever the chunking.
struct HeaderBlockScanner {
    /// Where the block starts, counted in bytes from the start of the body.
    let start: Int
    /// The most bytes the block may have.
    let limit: Int
    /// Where the block ends (the byte after CRLF CRLF), once found.
    private(set) var end: Int?
    private var scanned: Int
    private var window: UInt32 = 0

    init(start: Int, limit: Int) {
        self.start = start
        self.limit = limit
        self.scanned = start
    }

    /// Whether `limit` bytes were scanned without finding the end.
    var isOverLimit: Bool { end == nil && scanned >= start + limit }

    /// Scans `bytes`, whose first byte is at body offset `position`, as far as the block and the limit go.
    mutating func scan(_ bytes: ByteBufferView, at position: Int) {
        guard end == nil else { return }
        var offset = max(scanned, position)
        let stop = min(position + bytes.count, start + limit)
        var index = bytes.index(bytes.startIndex, offsetBy: offset - position, limitedBy: bytes.endIndex)
        while offset < stop, let current = index {
            window = window << 8 | UInt32(bytes[current])
            offset += 1
            index = bytes.index(after: current)
            if window == 0x0D0A_0D0A, offset - start >= 4 {
                end = offset
                break
            }
        }
        scanned = max(scanned, offset)
    }
}
