import NIOCore

/// Reads one part's header block ahead of MultipartKit's parser: where it ends, whether it fits
/// ``MultipartLimits/maximumHeaderSize``, and whether a header name holds a byte the parser cannot take.
///
/// The block runs from the end of the boundary (`--boundary`) through the first CRLF CRLF: the
/// boundary's own line break, the header lines and the blank line. It is scanned at most up to the
/// limit, across any number of chunks, so a header that never ends costs no memory here and is caught
/// at exactly `limit + 1` bytes, whatever the chunking.
///
/// MultipartKit 4.7.1 looks up each header-name byte in a 128-entry table, so a byte of 0x80 or more
/// in a name would trap; the scanner finds it first and the parser never sees it.
struct HeaderBlockScanner {
    /// Where the block starts, counted in bytes from the start of the body.
    let start: Int
    /// The most bytes the block may have.
    let limit: Int
    /// Where the block ends (the byte after CRLF CRLF), once found.
    private(set) var end: Int?
    /// Where a header name has a non-ASCII byte, once found.
    private(set) var invalidNameByte: Int?
    private var scanned: Int
    private var window: UInt32 = 0
    private var isInName = false

    init(start: Int, limit: Int) {
        self.start = start
        self.limit = limit
        self.scanned = start
    }

    /// Whether `limit` bytes were scanned without finding the end.
    var isOverLimit: Bool { end == nil && scanned >= start + limit }

    /// Whether the scan has stopped: the end, the limit or a bad byte was reached.
    var isDone: Bool { end != nil || invalidNameByte != nil || isOverLimit }

    /// Scans `bytes`, whose first byte is at body offset `position`, as far as the block and the limit go.
    mutating func scan(_ bytes: ByteBufferView, at position: Int) {
        guard !isDone else { return }
        var offset = max(scanned, position)
        let stop = min(position + bytes.count, start + limit)
        var index = bytes.index(bytes.startIndex, offsetBy: offset - position, limitedBy: bytes.endIndex)
        while offset < stop, let current = index {
            let byte = bytes[current]
            if isInName, byte >= 0x80 {
                invalidNameByte = offset
                break
            }
            window = window << 8 | UInt32(byte)
            offset += 1
            index = bytes.index(after: current)
            if window == 0x0D0A_0D0A, offset - start >= 4 {
                end = offset
                break
            }
            // A name runs from a line's start to its colon (the first line, the boundary's own CRLF, has none).
            if byte == UInt8(ascii: "\n") {
                isInName = true
            } else if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "\r") {
                isInName = false
            }
        }
        scanned = max(scanned, offset)
    }
}
