#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a field puts its files: a directory with `strftime` fields, or a function of the record and
/// the client's file name. Django's `upload_to`.
///
/// ```swift
/// let byMonth: UploadTo<Photo> = "photos/%Y/%m/"                // photos/2026/12/holiday.jpg
/// let byOwner = UploadTo<Photo> { photo, name in "users/\(photo.ownerID)/\(name)" }
/// ```
///
/// Unlike Django's, the function runs when the file is staged, which is before the record's first
/// save: a record that takes its identifier from the database has none yet, so name files by
/// something the app sets itself (an owner, a UUID it assigns).
public struct UploadTo<Record>: Sendable {
    private let make: @Sendable (Record, String, Date) -> String

    /// Files go into `directory`, whose `%Y`, `%m`, `%d`, `%H`, `%M`, `%S`, `%j`, `%y` and `%%` are
    /// replaced by the date (UTC) of the save, as Python's `strftime`.
    public static func directory(_ directory: String) -> UploadTo {
        UploadTo { _, name, date in
            let expanded = Strftime.format(directory, date: date)
            guard !expanded.isEmpty else { return name }
            return expanded.hasSuffix("/") ? expanded + name : expanded + "/" + name
        }
    }

    /// Files are named by `name(record, clientFileName)`; the result is validated and made safe.
    public init(_ name: @escaping @Sendable (Record, String) -> String) {
        self.make = { record, fileName, _ in name(record, fileName) }
    }

    private init(make: @escaping @Sendable (Record, String, Date) -> String) {
        self.make = make
    }

    /// The path for `fileName` on `record`, saved at `date`.
    public func path(for record: Record, fileName: String, at date: Date) -> String {
        make(record, fileName, date)
    }
}

extension UploadTo: ExpressibleByStringLiteral {
    /// A directory with `strftime` fields: `"photos/%Y/%m/"`.
    public init(stringLiteral value: String) {
        self = .directory(value)
    }
}

/// Python's `strftime` for the fields file paths use, in UTC.
enum Strftime {
    static func format(_ pattern: String, date: Date) -> String {
        guard pattern.contains("%") else { return pattern }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let dayOfYear = calendar.ordinality(of: .day, in: .year, for: date) ?? 1
        func padded(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var result = ""
        var iterator = pattern.makeIterator()
        while let character = iterator.next() {
            guard character == "%" else {
                result.append(character)
                continue
            }
            guard let field = iterator.next() else {
                result.append("%")
                break
            }
            switch field {
            case "Y": result += padded(parts.year, 4)
            case "y": result += padded((parts.year ?? 0) % 100, 2)
            case "m": result += padded(parts.month, 2)
            case "d": result += padded(parts.day, 2)
            case "H": result += padded(parts.hour, 2)
            case "M": result += padded(parts.minute, 2)
            case "S": result += padded(parts.second, 2)
            case "j": result += padded(dayOfYear, 3)
            case "%": result += "%"
            default: result += "%" + String(field)
            }
        }
        return result
    }
}
