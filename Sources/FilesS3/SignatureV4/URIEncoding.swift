/// AWS's percent-encoding for Signature Version 4 (`UriEncode` in the S3 API reference).
///
/// Every byte of the UTF-8 form is encoded as `%XX` with upper-case hex digits, except the unreserved
/// characters `A-Z a-z 0-9 - . _ ~`, and, in a path, `/`. A space is `%20`, never `+`.
package enum URIEncoding {
    /// `text` encoded for a query string name or value (`/` is encoded).
    package static func encodeQueryComponent(_ text: String) -> String {
        encode(text, keepingSlash: false)
    }

    /// `path` encoded for a URL path and a canonical URI (`/` is kept).
    package static func encodePath(_ path: String) -> String {
        encode(path, keepingSlash: true)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func encode(_ text: String, keepingSlash: Bool) -> String {
        var encoded = [UInt8]()
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
