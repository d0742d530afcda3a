import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads one part's header block: the line break after its boundary, the header lines, the blank line.
///
/// The block is read byte by byte (it is at most ``MultipartLimits/maximumHeaderSize`` bytes, 1,024 by
/// default), across any number of chunks, and is held to its limit as it arrives: a block that has not
/// ended after `limit` bytes is refused at exactly that byte, whatever the chunking, and a syntax error
/// within those bytes is reported first, since it comes first in the body.
///
/// The syntax is MultipartKit's, which this parser used to run on: a header name is an RFC 822 token
/// (no spaces, controls, non-ASCII bytes or separators), followed by `:`, optional spaces or tabs, and
/// a value up to CR LF; a value that is not UTF-8 reads as empty. Lines are not folded. For a repeated
/// header the last one counts, as in Django.
struct HeaderBlockParser {
    /// Why a header block was refused.
    enum Failure: Error, Equatable {
        /// A byte the syntax does not allow.
        case syntax
        /// `limit` bytes read and the block has not ended.
        case overLimit
    }

    private enum State {
        /// The CR, then the LF, that end the boundary's line.
        case boundaryCR, boundaryLF
        /// The start of a header line, or the CR of the blank line.
        case lineStart
        case name, value
        /// The LF after a value's CR.
        case valueLF
        /// The LF of the blank line.
        case blankLF
    }

    /// The most bytes the block may have.
    let limit: Int
    /// The headers read so far, by lower-cased name.
    private(set) var headers: [String: String] = [:]
    /// Whether the blank line that ends the block was read.
    private(set) var isComplete = false
    private var state = State.boundaryCR
    private var count = 0
    private var name: [UInt8] = []
    private var value: [UInt8] = []

    init(limit: Int) {
        self.limit = limit
    }

    /// Reads `bytes` up to the end of the block; returns how many bytes that took, or `nil` when the
    /// block goes on past them (all of them were read).
    mutating func parse(_ bytes: ByteBufferView) throws(Failure) -> Int? {
        var read = 0
        for byte in bytes {
            read += 1
            count += 1
            try step(byte)
            if isComplete { return read }
            if count >= limit { throw .overLimit }
        }
        return nil
    }

    private mutating func step(_ byte: UInt8) throws(Failure) {
        switch state {
        case .boundaryCR:
            guard byte == .carriageReturn else { throw .syntax }
            state = .boundaryLF
        case .boundaryLF, .valueLF:
            guard byte == .lineFeed else { throw .syntax }
            if state == .valueLF {
                headers[String(decoding: name, as: UTF8.self).lowercased()] =
                    String(bytes: value, encoding: .utf8) ?? ""
                name = []
                value = []
            }
            state = .lineStart
        case .lineStart:
            if byte == .carriageReturn {
                state = .blankLF
            } else {
                guard Self.isTokenByte(byte) else { throw .syntax }
                name.append(byte)
                state = .name
            }
        case .name:
            if byte == UInt8(ascii: ":") {
                state = .value
            } else {
                guard Self.isTokenByte(byte) else { throw .syntax }
                name.append(byte)
            }
        case .value:
            if byte == .carriageReturn {
                state = .valueLF
            } else if value.isEmpty, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                // Leading blanks are not part of the value.
            } else {
                value.append(byte)
            }
        case .blankLF:
            guard byte == .lineFeed else { throw .syntax }
            isComplete = true
        }
    }

    /// RFC 822's `token`: printable ASCII except space and `()<>@,;:\"/[]?={}`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !separators.contains(byte)
    }

    private static let separators = Array(#"()<>@,;:\"/[]?={}"#.utf8)
}

extension UInt8 {
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let lineFeed = UInt8(ascii: "\n")
}
