import Files

/// The file name a client sent in a part's `Content-Disposition`, made safe to keep.
///
/// ```swift
/// ClientFileName.sanitized(#"C:\Users\x\photo.jpg"#)   // "photo.jpg"
/// ClientFileName.sanitized("a%22b.txt")                  // #"a"b.txt"#
/// ClientFileName.sanitized("..&#x2F;..&#x2F;")           // nil: the part is skipped
/// ```
///
/// 1. Browsers following the HTML standard write `"`, CR and LF in a name as `%22`, `%0D` and `%0A`;
///    exactly those three are decoded (Django decodes none; any other `%` is kept as written).
/// 2. HTML character references are decoded, as Django's `html.unescape` does: numeric ones
///    (`&#47;`, `&#x2F;`, with Python's rules for 0, surrogates and the Windows-1252 range) and
///    `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`; other named references are kept as written.
/// 3. ``UploadedFile/sanitizedName(_:)``: the part after the last `/` or `\`, printable characters
///    only, at most 255 of them.
///
/// The corresponding Django API is `MultiPartParser.sanitize_file_name` followed by the
/// `UploadedFile.name` setter.
package enum ClientFileName {
    /// The safe name, or `nil` when nothing usable is left (Django then skips the part silently).
    package static func sanitized(_ raw: String) -> String? {
        let decoded = htmlUnescaped(Array(formEscapesDecoded(raw).unicodeScalars))
        return try? UploadedFile.sanitizedName(String(scalars: decoded))
    }

    /// `%22`, `%0D`, `%0A` (either case) decoded; everything else untouched.
    static func formEscapesDecoded(_ raw: String) -> String {
        guard raw.contains("%") else { return raw }
        let scalars = Array(raw.unicodeScalars)
        var result: [Unicode.Scalar] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "%", index + 2 < scalars.count,
                let high = scalars[index + 1].hexValue, let low = scalars[index + 2].hexValue,
                [0x22, 0x0D, 0x0A].contains(high << 4 | low)
            {
                result.append(Unicode.Scalar(high << 4 | low))
                index += 3
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(scalars: result)
    }

    /// Python's `html.unescape` for numeric references and the five XML entities.
    static func htmlUnescaped(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard scalars.contains("&") else { return scalars }
        var result: [Unicode.Scalar] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let (replacement, length) = reference(in: scalars, at: index) {
                result += replacement
                index += length
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return result
    }

    /// The decoded reference starting at `start` (an `&`) and how many scalars it spans.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> ([Unicode.Scalar], Int)? {
        var index = start + 1
        guard index < scalars.count else { return nil }
        if scalars[index] == "#" {
            index += 1
            let hex = index < scalars.count && (scalars[index] == "x" || scalars[index] == "X")
            if hex { index += 1 }
            let digitsStart = index
            var value: UInt32 = 0
            while index < scalars.count, let digit = digitValue(scalars[index], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
                index += 1
            }
            guard index > digitsStart else { return nil }
            if index < scalars.count, scalars[index] == ";" { index += 1 }
            return (characterReference(value), index - start)
        }
        for (name, replacement) in namedReferences {
            let end = index + name.count
            guard end <= scalars.count, scalars[index..<end].elementsEqual(name.unicodeScalars) else { continue }
            if end < scalars.count, scalars[end] == ";" { return ([replacement], end + 1 - start) }
            // Python accepts the legacy four without their semicolon.
            if name != "apos" { return ([replacement], end - start) }
        }
        return nil
    }

    private static let namedReferences: [(String, Unicode.Scalar)] = [
        ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"),
    ]

    private static func digitValue(_ scalar: Unicode.Scalar, hex: Bool) -> UInt32? {
        if hex { return scalar.hexValue.map(UInt32.init) }
        return ("0"..."9").contains(scalar) ? scalar.value - 0x30 : nil
    }

    /// Python's `_replace_charref`: 0 and invalid code points become U+FFFD, 0x80–0x9F are read as
    /// Windows-1252, CR stays CR.
    private static func characterReference(_ value: UInt32) -> [Unicode.Scalar] {
        if value == 0 { return ["\u{FFFD}"] }
        if (0x80...0x9F).contains(value) {
            let mapped = windows1252[Int(value - 0x80)]
            return [Unicode.Scalar(mapped == 0 ? value : mapped) ?? "\u{FFFD}"]
        }
        return [Unicode.Scalar(value) ?? "\u{FFFD}"]
    }

    /// Windows-1252 for 0x80–0x9F (0: the code point stands for itself, as in Python's table).
    private static let windows1252: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
        0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0, 0x017E, 0x0178,
    ]
}
