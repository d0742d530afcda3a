#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The proleptic Gregorian calendar in UTC, as plain arithmetic: the one place this module turns a
/// `Date` into year, month, day and time and back (no `DateFormatter`, no `Calendar`, no locale).
///
/// ```swift
/// let moment = UTCCalendar.Moment(Date(timeIntervalSince1970: 1_451_476_800))  // 2015-12-30 12:00:00
/// moment.year                                                                     // 2015
/// UTCCalendar.date(year: 2015, month: 12, day: 30, hour: 12, minute: 0, second: 0)
/// ```
///
/// Day counts use Howard Hinnant's algorithms (`days_from_civil`, `civil_from_days`): exact for every
/// date, a handful of integer operations each.
enum UTCCalendar {
    /// A moment to the second, in UTC.
    struct Moment: Sendable, Hashable {
        var year: Int
        var month: Int
        var day: Int
        var hour: Int
        var minute: Int
        var second: Int

        /// The moment `date` falls in, rounded down to the second.
        init(_ date: Date) {
            let seconds = Int(date.timeIntervalSince1970.rounded(.down))
            let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
            (year, month, day) = UTCCalendar.civilDate(daysSinceEpoch: secondOfDay < 0 ? days - 1 : days)
            let second = (secondOfDay + 86_400) % 86_400
            hour = second / 3600
            minute = second / 60 % 60
            self.second = second % 60
        }
    }

    /// The date of a calendar day and time; `nil` when a field is out of range.
    static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: Double = 0)
        -> Date?
    {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction)
    }

    /// Days from 1970-01-01 to a date.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01.
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
