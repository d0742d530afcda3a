/// Percent-encoding of path segments (RFC 3986), strict: what a signed path may hold.
enum PercentEncoding {
    /// Letters, digits and `-._~` (unreserved) stay; every other byte becomes `%XX`.
    static func encode(_ segment: Substring) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(segment.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in segment.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Throws unless every byte of `path` may appear in a URL path (RFC 3986 `pchar` and `/`), every `%`
    /// starts a two-digit escape, and no escape is a slash or backslash.
    static func checkRawPath(_ path: Substring) throws(SignedURLError) {
        let bytes = path.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                guard first != bytes.endIndex, bytes.index(after: first) != bytes.endIndex,
                    let high = hexValue(bytes[first]), let low = hexValue(bytes[bytes.index(after: first)])
                else { throw .encodedSeparator }
                let decoded = high << 4 | low
                guard decoded != UInt8(ascii: "/"), decoded != UInt8(ascii: "\\") else { throw .encodedSeparator }
                index = bytes.index(index, offsetBy: 3)
                continue
            }
            guard isUnreserved(byte) || byte == UInt8(ascii: "/") || isSubDelimiterOrColonAt(byte) else {
                throw .encodedSeparator
            }
            index = bytes.index(after: index)
        }
    }

    /// The segment with its escapes decoded, or `nil` when it is not valid UTF-8 afterwards.
    static func decode(_ segment: Substring) -> String? {
        // Most names have no escape: no scratch buffer for them.
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return String(segment) }
        var output: [UInt8] = []
        output.reserveCapacity(segment.utf8.count)
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                output.append(high << 4 | low)
            } else {
                output.append(byte)
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// RFC 3986 sub-delims, `:` and `@`.
    private static func isSubDelimiterOrColonAt(_ byte: UInt8) -> Bool {
        "!$&'()*+,;=:@".utf8.contains(byte)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
