#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Parses the two date forms S3 sends: `Last-Modified: Wed, 02 Dec 2026 00:47:35 GMT` (RFC 7231) and
/// `<LastModified>2026-12-02T00:47:35.000Z</LastModified>` (ISO 8601).
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Wed, 02 Dec 2026 00:47:35 GMT` → the date; `nil` for anything else.
    static func parseRFC7231(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        return date(year: year, month: month + 1, day: day, time: parts[4], fraction: 0)
    }

    /// `2026-12-02T00:47:35.000Z` → the date; `nil` for anything else.
    static func parseISO8601(_ text: String) -> Date? {
        guard text.hasSuffix("Z"), let t = text.firstIndex(of: "T") else { return nil }
        let dayParts = text[..<t].split(separator: "-")
        var clock = text[text.index(after: t)..<text.index(before: text.endIndex)]
        var fraction = 0.0
        if let dot = clock.firstIndex(of: ".") {
            fraction = Double("0" + clock[dot...]) ?? 0
            clock = clock[..<dot]
        }
        guard dayParts.count == 3, let year = Int(dayParts[0]), let month = Int(dayParts[1]), let day = Int(dayParts[2])
        else { return nil }
        return date(year: year, month: month, day: day, time: clock, fraction: fraction)
    }

    private static func date(year: Int, month: Int, day: Int, time: Substring, fraction: Double) -> Date? {
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...12).contains(month), (1...31).contains(day), (0...23).contains(clock[0]),
            (0...59).contains(clock[1]), (0...60).contains(clock[2])
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
