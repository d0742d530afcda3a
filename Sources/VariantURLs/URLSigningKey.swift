import Crypto

/// One secret a ``VariantURLSigner`` signs or verifies with, and the optional id that names it in
/// signatures (so that a verifier holding many keys checks one, and reports an unknown one).
///
/// ```swift
/// let current = try URLSigningKey(hex: "736563726574")          // the bytes of "secret"
/// let previous = URLSigningKey(bytes: Array("old secret".utf8), id: "k1")
/// ```
public struct URLSigningKey: Sendable {
    /// The key's id, written before the signature as `id.signature`; `nil` writes none.
    public let id: String?
    package let key: SymmetricKey

    /// A key from its bytes.
    ///
    /// - Precondition: `id`, when given, is 1 to 32 letters, digits, `_` or `-` (checked by the signer).
    public init(bytes: [UInt8], id: String? = nil) {
        self.key = SymmetricKey(data: bytes)
        self.id = id
    }

    /// A key from hexadecimal text, as imgproxy's `IMGPROXY_KEY` is given.
    ///
    /// - Throws: ``SignedURLError/invalidConfiguration(_:)`` when `hex` is empty or not an even number
    ///   of hexadecimal digits.
    public init(hex: String, id: String? = nil) throws(SignedURLError) {
        self.init(bytes: try Hex.decode(hex, what: "key"), id: id)
    }

    var byteCount: Int { key.bitCount / 8 }
}

/// Hexadecimal text to bytes, for keys and salts given as imgproxy takes them.
enum Hex {
    static func decode(_ text: String, what: String) throws(SignedURLError) -> [UInt8] {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else {
            throw .invalidConfiguration("the \(what) has an odd number of hexadecimal digits")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(of: digits[index]), let low = value(of: digits[index + 1]) else {
                throw .invalidConfiguration("the \(what) holds a character that is not a hexadecimal digit")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
