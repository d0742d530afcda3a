#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The date texts S3 reads and writes, over ``UTCCalendar``: `Last-Modified: Wed, 02 Dec 2026 00:47:35 GMT`
/// (RFC 7231), `<LastModified>2026-12-02T00:47:35.000Z</LastModified>` and a POST policy's `expiration`
/// (ISO 8601), and Signature Version 4's `20261202T004735Z`.
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

    /// `2026-12-02T00:47:35Z`: the extended form to the second, as botocore writes a POST policy's expiration.
    static func iso8601(_ date: Date) -> String {
        let m = UTCCalendar.Moment(date)
        return "\(pad(m.year, 4))-\(pad(m.month, 2))-\(pad(m.day, 2))T\(pad(m.hour, 2)):\(pad(m.minute, 2)):"
            + "\(pad(m.second, 2))Z"
    }

    /// `20261202T004735Z`: the basic form, Signature Version 4's `x-amz-date`.
    static func basicISO8601(_ date: Date) -> String {
        let m = UTCCalendar.Moment(date)
        return pad(m.year, 4) + pad(m.month, 2) + pad(m.day, 2) + "T" + pad(m.hour, 2) + pad(m.minute, 2)
            + pad(m.second, 2) + "Z"
    }

    private static func date(year: Int, month: Int, day: Int, time: Substring, fraction: Double) -> Date? {
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        return UTCCalendar.date(
            year: year, month: month, day: day, hour: clock[0], minute: clock[1], second: clock[2], fraction: fraction)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
