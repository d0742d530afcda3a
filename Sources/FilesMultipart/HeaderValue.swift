import Files

/// A MIME header value split into its main value and its parameters, as Django reads part headers.
///
/// `form-data; name="photo"; filename*=UTF-8''%E2%82%AC.jpg` gives the value `form-data` and the
/// parameters `name` → `photo`, `filename` → `€.jpg`. The rules are Python's `email.message.get_params`
/// (which Django's `parse_header_parameters` uses):
/// - `;` separates parameters except inside double quotes (a `\"` does not end a quoted string);
/// - the main value and parameter names are lower-cased, values trimmed and unquoted (`\\` and `\"`
///   are the only escapes);
/// - RFC 2231 / 5987 extended parameters (`name*=charset'lang'%XX…`) and continuations
///   (`name*0*=…; name*1*=…`) are decoded and win over the plain parameter of the same name.
///   Charsets known here: UTF-8, US-ASCII and ISO-8859-1 (undecodable bytes become U+FFFD); an
///   extended parameter in another charset is ignored, where Django ignores the whole header.
package struct HeaderValue: Equatable {
    /// The lower-cased main value, e.g. `form-data` or `image/jpeg`.
    package var value: String
    /// The parameters by lower-cased name; for a repeated name the last one counts.
    package var parameters: [String: String]

    package init(parsing header: String) {
        let pieces = Self.split(Array(header.unicodeScalars))
        value = pieces.first.map { String(scalars: $0).lowercased() } ?? ""
        parameters = [:]
        var extended: [String: [(number: Int?, text: [Unicode.Scalar], encoded: Bool)]] = [:]
        var extendedOrder: [String] = []
        for piece in pieces.dropFirst() {
            let (rawName, rawValue) = Self.nameAndValue(piece)
            let text = Self.unquote(rawValue)
            if let (name, number, encoded) = Self.extendedName(rawName) {
                if extended[name] == nil { extendedOrder.append(name) }
                extended[name, default: []].append((number, text, encoded))
            } else {
                parameters[String(scalars: rawName)] = String(scalars: text)
            }
        }
        for name in extendedOrder {
            guard let pieces = extended[name], let decoded = Self.decodeExtended(pieces) else { continue }
            parameters[name] = decoded
        }
    }

    /// Python's `_parseparam`: pieces between `;`s outside quotes, trimmed, the name before `=` lower-cased.
    private static func split(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var pieces: [[Unicode.Scalar]] = []
        var start = 0
        while true {
            var end = start
            var quotes = 0
            while end < scalars.count {
                let scalar = scalars[end]
                if scalar == "\"", !(end > start && scalars[end - 1] == "\\") { quotes += 1 }
                if scalar == ";", quotes % 2 == 0 { break }
                end += 1
            }
            pieces.append(trimmed(scalars[start..<end]))
            guard end < scalars.count else { break }
            start = end + 1
        }
        return pieces
    }

    /// The trimmed, lower-cased name and the trimmed value of `name=value`; a bare word has an empty value.
    private static func nameAndValue(_ piece: [Unicode.Scalar]) -> ([Unicode.Scalar], [Unicode.Scalar]) {
        guard let equals = piece.firstIndex(of: "=") else {
            return (Array(String(scalars: piece).lowercased().unicodeScalars), [])
        }
        let name = String(scalars: trimmed(piece[..<equals])).lowercased()
        return (Array(name.unicodeScalars), trimmed(piece[(equals + 1)...]))
    }

    /// Python's `email.utils.unquote`: strips surrounding quotes (or angle brackets) and undoes `\\` and `\"`.
    private static func unquote(_ value: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard value.count > 1 else { return value }
        if value.first == "<", value.last == ">" { return Array(value.dropFirst().dropLast()) }
        guard value.first == "\"", value.last == "\"" else { return value }
        var result: [Unicode.Scalar] = []
        var index = 1
        while index < value.count - 1 {
            if value[index] == "\\", index + 1 < value.count - 1, value[index + 1] == "\\" || value[index + 1] == "\"" {
                index += 1
            }
            result.append(value[index])
            index += 1
        }
        return result
    }

    /// `filename*`, `filename*0`, `filename*0*` → the base name, the continuation number, whether percent-encoded.
    private static func extendedName(_ name: [Unicode.Scalar]) -> (String, Int?, Bool)? {
        guard let star = name.firstIndex(of: "*"), star > 0 else { return nil }
        let base = name[..<star]
        guard base.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" })
        else { return nil }
        var rest = name[(star + 1)...]
        let encoded = rest.last == "*" || rest.isEmpty
        if rest.last == "*" { rest = rest.dropLast() }
        if rest.isEmpty { return (String(scalars: base), nil, encoded) }
        guard rest.count <= 9, rest.allSatisfy({ ("0"..."9").contains($0) }), let number = Int(String(scalars: rest))
        else { return nil }
        return (String(scalars: base), number, encoded)
    }

    /// Joins the continuations in order and decodes `charset'language'%XX…` when any piece was encoded.
    private static func decodeExtended(_ pieces: [(number: Int?, text: [Unicode.Scalar], encoded: Bool)]) -> String? {
        let ordered = pieces.sorted { ($0.number ?? -1) < ($1.number ?? -1) }
        var bytes: [UInt8] = []
        var extended = false
        for piece in ordered {
            if piece.encoded {
                extended = true
                bytes += percentDecoded(piece.text)
            } else {
                bytes += Array(String(scalars: piece.text).utf8)
            }
        }
        guard extended else { return String(decoding: bytes, as: UTF8.self) }
        let parts = bytes.split(separator: UInt8(ascii: "'"), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return decode(bytes[...], charset: "us-ascii") }
        return decode(parts[2], charset: String(decoding: parts[0], as: UTF8.self))
    }

    /// `%XX` escapes to bytes; other scalars as their UTF-8 bytes.
    static func percentDecoded(_ text: [Unicode.Scalar]) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = 0
        while index < text.count {
            if text[index] == "%", index + 2 < text.count, let high = text[index + 1].hexValue,
                let low = text[index + 2].hexValue
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes += Array(String(text[index]).utf8)
                index += 1
            }
        }
        return bytes
    }

    /// `bytes` in `charset` (empty: US-ASCII), or `nil` for a charset not known here.
    private static func decode(_ bytes: ArraySlice<UInt8>, charset: String) -> String? {
        switch charset.lowercased() {
        case "utf-8", "utf8":
            return String(decoding: bytes, as: UTF8.self)
        case "", "us-ascii", "ascii":
            return String(scalars: bytes.map { $0 < 0x80 ? Unicode.Scalar($0) : "\u{FFFD}" })
        case "iso-8859-1", "latin-1", "latin1", "iso8859-1":
            return String(scalars: bytes.map { Unicode.Scalar($0) })
        default:
            return nil
        }
    }

    private static func trimmed(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        let isSpace: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return Array(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// The value of a hexadecimal digit, or `nil`.
    var hexValue: UInt8? {
        switch self {
        case "0"..."9": return UInt8(value - 0x30)
        case "a"..."f": return UInt8(value - 0x61 + 10)
        case "A"..."F": return UInt8(value - 0x41 + 10)
        default: return nil
        }
    }
}
