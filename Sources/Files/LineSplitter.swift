#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Splits a sequence of chunks into lines exactly as Django's `File.__iter__` does.
///
/// `\n`, `\r` and `\r\n` end a line and stay on it; no other byte is a terminator. A `\r` at the end
/// of one chunk and a `\n` at the start of the next make one `\r\n` line, so chunk boundaries never
/// change the result.
struct LineSplitter {
    private static let carriageReturn: UInt8 = 0x0D
    private static let lineFeed: UInt8 = 0x0A

    /// The unfinished line carried from earlier chunks.
    private var pending: [UInt8] = []
    /// Whether `pending` ends with a `\r` that might still be followed by `\n`.
    private var endsWithCarriageReturn = false

    /// Feeds one chunk and returns the lines it completes.
    mutating func feed(_ chunk: Data) -> [Data] {
        var lines: [Data] = []
        for byte in chunk {
            if endsWithCarriageReturn {
                endsWithCarriageReturn = false
                if byte == Self.lineFeed {
                    pending.append(byte)
                    lines.append(takePending())
                    continue
                }
                lines.append(takePending())
            }
            pending.append(byte)
            if byte == Self.lineFeed {
                lines.append(takePending())
            } else if byte == Self.carriageReturn {
                endsWithCarriageReturn = true
            }
        }
        return lines
    }

    /// The last, unterminated line (or a lone trailing `\r` line), if any.
    mutating func finish() -> Data? {
        endsWithCarriageReturn = false
        return pending.isEmpty ? nil : takePending()
    }

    private mutating func takePending() -> Data {
        defer { pending.removeAll(keepingCapacity: true) }
        return Data(pending)
    }
}
