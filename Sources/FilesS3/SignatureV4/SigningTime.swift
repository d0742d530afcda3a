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
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: secondOfDay < 0 ? days - 1 : days)
        let second = (secondOfDay + 86_400) % 86_400
        timestamp =
            Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2) + "T" + Self.pad(second / 3600, 2)
            + Self.pad(second / 60 % 60, 2) + Self.pad(second % 60, 2) + "Z"
    }

    /// Parses `20130524T000000Z`; `nil` when the text is not that shape.
    package init?(timestamp: String) {
        let bytes = Array(timestamp.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
            bytes.enumerated().allSatisfy({ [8, 15].contains($0.offset) || (0x30...0x39).contains($0.element) })
        else { return nil }
        self.timestamp = timestamp
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
