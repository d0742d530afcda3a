/// Reads the few flat XML documents S3 answers with (`ListBucketResult`, `Error`,
/// `InitiateMultipartUploadResult`): the text of elements by name, entities decoded.
///
/// ```swift
/// let xml = XMLScanner("<Error><Code>NoSuchKey</Code></Error>")
/// xml.first("Code")        // "NoSuchKey"
/// xml.blocks("Contents")   // one scanner per <Contents>…</Contents>
/// ```
///
/// Not a general XML parser: S3's documents have no attributes on the elements read here, no CDATA and
/// no element nested inside another of the same name.
struct XMLScanner: Sendable {
    let text: Substring

    init(_ text: some StringProtocol) {
        self.text = Substring(text)
    }

    /// The inner text of every `<name>…</name>`, in order, not decoded.
    func rawElements(_ name: String) -> [Substring] {
        var found: [Substring] = []
        var rest = text[...]
        let open = "<\(name)>"
        let close = "</\(name)>"
        while let start = rest.firstRange(of: open) {
            let contentStart = start.upperBound
            guard let end = rest[contentStart...].firstRange(of: close) else { break }
            found.append(rest[contentStart..<end.lowerBound])
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// A scanner over each `<name>…</name>`.
    func blocks(_ name: String) -> [XMLScanner] {
        rawElements(name).map(XMLScanner.init)
    }

    /// The decoded text of every `<name>…</name>`.
    func all(_ name: String) -> [String] {
        rawElements(name).map(Self.decodeEntities)
    }

    /// The decoded text of the first `<name>…</name>`, or `nil`.
    func first(_ name: String) -> String? {
        rawElements(name).first.map(Self.decodeEntities)
    }

    /// `&lt; &gt; &amp; &quot; &apos;` and numeric references replaced by their characters.
    static func decodeEntities(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semicolon]
            if let character = character(for: entity) {
                result.unicodeScalars.append(character)
            } else {
                result += rest[amp...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        result += rest
        return result
    }

    private static func character(for entity: Substring) -> Unicode.Scalar? {
        switch entity {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let value: UInt32?
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                value = UInt32(entity.dropFirst(2), radix: 16)
            } else if entity.hasPrefix("#") {
                value = UInt32(entity.dropFirst())
            } else {
                value = nil
            }
            return value.flatMap(Unicode.Scalar.init)
        }
    }

    /// `text` with `& < > " '` escaped, for the request bodies this module writes.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
