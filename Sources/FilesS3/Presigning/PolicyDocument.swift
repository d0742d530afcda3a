/// The JSON text of a POST policy, written as Python's `json.dumps` writes it (`", "` and `": "`
/// between items, non-ASCII as `\uXXXX`), so that botocore's `generate_presigned_post` and this module
/// sign the same bytes for the same conditions.
///
/// ```swift
/// var document = PolicyDocument(expiration: "2015-12-30T12:00:00Z")
/// document.require("bucket", equals: "media")
/// document.require("$key", startsWith: "staging/")
/// document.text   // {"expiration": "2015-12-30T12:00:00Z", "conditions": [{"bucket": "media"}, …]}
/// ```
struct PolicyDocument: Sendable {
    let expiration: String
    private(set) var conditions: [String] = []

    init(expiration: String) {
        self.expiration = expiration
    }

    /// `{"name": "value"}`: the field must be exactly `value`.
    mutating func require(_ name: String, equals value: String) {
        conditions.append("{\(Self.quoted(name)): \(Self.quoted(value))}")
    }

    /// `["starts-with", "$name", "prefix"]`: the field must start with `prefix`.
    mutating func require(_ name: String, startsWith prefix: String) {
        conditions.append("[\"starts-with\", \(Self.quoted("$" + name)), \(Self.quoted(prefix))]")
    }

    /// `["content-length-range", min, max]`.
    mutating func requireLength(_ range: ClosedRange<Int>) {
        conditions.append("[\"content-length-range\", \(range.lowerBound), \(range.upperBound)]")
    }

    /// `field` as `match` requires.
    mutating func require(_ name: String, _ match: S3PostPolicy.Match) {
        switch match {
        case .exactly(let value): require(name, equals: value)
        case .startingWith(let prefix): require(name, startsWith: prefix)
        }
    }

    var text: String {
        "{\"expiration\": \(Self.quoted(expiration)), \"conditions\": [\(conditions.joined(separator: ", "))]}"
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, … or `\u00XX`, and every
    /// non-ASCII character as `\uXXXX` (UTF-16, surrogate pairs beyond the BMP).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x08: result += "\\b"
            case 0x0C: result += "\\f"
            case 0x20...0x7F: result.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return result + "\""
    }
}
