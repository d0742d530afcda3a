#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decodes a base64 part (`Content-Transfer-Encoding: base64`) chunk by chunk, whatever the chunk sizes.
///
/// ```swift
/// var decoder = Base64ChunkDecoder()
/// let a = try decoder.decode(Data("SGVs".utf8))   // "Hel"
/// let b = try decoder.decode(Data("bG8=".utf8))   // "lo"
/// try decoder.finish()                            // throws if a quantum was left incomplete
/// ```
///
/// Whitespace is skipped anywhere; 1–3 characters of an incomplete quantum are carried to the next chunk,
/// as Django does, so memory stays bounded by the chunk size. Stricter than Python's `b64decode` (which
/// drops stray characters and stops at the first padding): a character outside the standard alphabet,
/// padding inside a quantum, or data after the padding is an error, so the result never depends on where
/// the chunks were cut.
struct Base64ChunkDecoder {
    /// Why base64 content could not be decoded.
    enum Failure: Error {
        case invalidCharacter, dataAfterPadding, truncated
    }

    private var quantum: UInt32 = 0
    private var count = 0
    private var padding = 0
    private var ended = false

    /// Decodes what `chunk` completes; the rest waits for the next chunk.
    mutating func decode(_ chunk: some Sequence<UInt8>) throws(Failure) -> Data {
        var output = Data()
        output.reserveCapacity(chunk.underestimatedCount / 4 * 3 + 3)
        for byte in chunk {
            if byte == 0x20 || (0x09...0x0D).contains(byte) { continue }
            if ended { throw .dataAfterPadding }
            if byte == UInt8(ascii: "=") {
                guard count >= 2 else { throw .invalidCharacter }
                padding += 1
                count += 1
            } else {
                guard padding == 0, let value = Self.value(of: byte) else { throw .invalidCharacter }
                quantum = quantum << 6 | UInt32(value)
                count += 1
            }
            guard count == 4 else { continue }
            let bits = quantum << (6 * UInt32(padding))
            let bytes = [
                UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 8),
                UInt8(truncatingIfNeeded: bits),
            ]
            output.append(contentsOf: bytes.prefix(3 - padding))
            ended = padding > 0
            quantum = 0
            count = 0
            padding = 0
        }
        return output
    }

    /// Throws ``Failure/truncated`` when the content ended inside a quantum.
    func finish() throws(Failure) {
        if count != 0 { throw .truncated }
    }

    /// Decodes a whole value (a text field), or `nil` when it is not valid base64.
    static func decodeWhole(_ bytes: [UInt8]) -> [UInt8]? {
        var decoder = Base64ChunkDecoder()
        guard let data = try? decoder.decode(bytes), (try? decoder.finish()) != nil else { return nil }
        return Array(data)
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
