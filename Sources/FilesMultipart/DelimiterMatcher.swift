import NIOCore

/// Finds the `CRLF--boundary` that ends a part's body, as MultipartKit's parser will, one chunk at a time.
///
/// The parser handles the boundary itself; this tells the ``MultipartFormParser`` where it is before the
/// parser sees it, so that each slice given to the parser stops right after a boundary and the next
/// part's header block is always read ahead by a ``HeaderBlockScanner``. The delimiter's first byte (CR)
/// appears nowhere else in it, so a mismatch restarts at a CR or at nothing, as the parser does.
/// The search jumps from CR to CR (`firstIndex(of:)`, which `ByteBufferView` runs with `memchr`).
struct DelimiterMatcher {
    private let delimiter: [UInt8]
    private var matched = 0

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Starts over at the beginning of a body.
    mutating func reset() { matched = 0 }

    /// Reads `bytes` up to the end of the first delimiter that completes in them and returns how many
    /// bytes that was; reads them all and returns `nil` when none completes.
    mutating func firstEnd(in bytes: ByteBufferView) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if matched == 0 {
                guard let carriageReturn = bytes[index...].firstIndex(of: delimiter[0]) else { return nil }
                index = carriageReturn
            }
            let byte = bytes[index]
            index += 1
            if byte == delimiter[matched] {
                matched += 1
                if matched == delimiter.count {
                    matched = 0
                    return index - bytes.startIndex
                }
            } else {
                matched = byte == delimiter[0] ? 1 : 0
            }
        }
        return nil
    }
}
