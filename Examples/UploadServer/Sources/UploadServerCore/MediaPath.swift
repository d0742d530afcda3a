import Foundation

/// The URL path of a stored file's name, for handing a name to `FileMiddleware` as a request path.
enum MediaPath {
    /// `name` percent-encoded as a URL path: unchanged when every byte is an ASCII letter, digit, `/`,
    /// `-`, `.`, `_` or `~` (every name the app makes), else Foundation's `urlPathAllowed` encoding.
    ///
    /// Cost: one pass over the bytes for the usual name; Foundation's encoder (a few microseconds, most
    /// of the signed route's own cost when it was always used) only for the rest.
    static func percentEncoded(_ name: String) -> String {
        guard name.utf8.allSatisfy(isPlain) else {
            return name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name
        }
        return name
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
