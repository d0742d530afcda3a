#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The moment a request is signed, in the two forms Signature Version 4 writes it (UTC).
package struct SigningTime: Sendable, Hashable {
    /// `20130524T000000Z` (ISO 8601 basic format): the `x-amz-date` header.
    package let timestamp: String
    /// `20130524`: the day of the credential scope.
    package var day: String { String(timestamp.prefix(8)) }

    /// The time `date` stands for, to the second.
    package init(_ date: Date) {
        timestamp = HTTPDate.basicISO8601(date)
    }

    /// Parses `20130524T000000Z`; `nil` when the text is not that shape.
    package init?(timestamp: String) {
        let bytes = Array(timestamp.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
            bytes.enumerated().allSatisfy({ [8, 15].contains($0.offset) || (0x30...0x39).contains($0.element) })
        else { return nil }
        self.timestamp = timestamp
    }
}
