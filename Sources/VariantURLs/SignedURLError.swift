/// Why a signed variant URL was refused (or a signer could not be made): one case per check, each
/// with a one-sentence ``description``, so that a route answers 4xx with the reason and decodes nothing.
///
/// ```swift
/// do { _ = try signer.verify(signedPath: "/AAAA/fill/x.png") }
/// catch { print(error) }  // The signed URL was refused: the signature is 4 characters long, not 43.
/// ```
public enum SignedURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The signature segment has the wrong number of characters.
    case wrongLength(actual: Int, expected: Int)
    /// The signature holds a character outside URL-safe base64 (`A–Z a–z 0–9 - _`, no padding).
    case wrongAlphabet
    /// The path has a `..` or `.` segment, or an empty one.
    case dotSegment
    /// The path holds an encoded slash or backslash (`%2F`, `%2f`, `%5C`, `%5c`), a backslash, or a
    /// character that cannot be in a URL path.
    case encodedSeparator
    /// The spec name is empty, too long, or holds a character other than letters, digits, `_`, `-`, `@`.
    case badSpecName(String)
    /// The URL's expiry time has passed.
    case expired(at: Int64)
    /// The expiry segment is not `exp:` followed by seconds since 1970.
    case badExpiry
    /// The signature names a key id that none of the configured keys has.
    case unknownKeyID(String)
    /// The signature was made with none of the configured keys (or the path was changed since).
    case unknownKey
    /// The path is not of the shape the parser reads.
    case malformedPath(String)
    /// A signer was configured wrongly (no key, an empty key, bad hex, a bad truncation).
    case invalidConfiguration(String)

    /// Why, as a clause without subject or final period.
    public var reason: String {
        switch self {
        case .wrongLength(let actual, let expected):
            "the signature is \(actual) characters long, not \(expected)"
        case .wrongAlphabet:
            "the signature holds a character outside URL-safe base64 without padding"
        case .dotSegment:
            "the path has an empty, \".\" or \"..\" segment"
        case .encodedSeparator:
            "the path holds an encoded slash or backslash, or a character not allowed in a URL path"
        case .badSpecName(let name):
            "the spec name \"\(name.prefix(64))\" is not 1 to 64 letters, digits, \"_\", \"-\" or \"@\""
        case .expired(let time):
            "the URL expired at \(time) seconds since 1970"
        case .badExpiry:
            "the expiry segment is not \"exp:\" followed by seconds since 1970"
        case .unknownKeyID(let id):
            "the signature names the key \"\(id.prefix(32))\", which is not configured"
        case .unknownKey:
            "the signature was made with none of the configured keys"
        case .malformedPath(let why):
            why
        case .invalidConfiguration(let why):
            why
        }
    }

    /// `The signed URL was refused: <reason>.` (`Cannot make the URL signer: <reason>.` for a configuration error.)
    public var description: String {
        if case .invalidConfiguration = self { return "Cannot make the URL signer: \(reason)." }
        return "The signed URL was refused: \(reason)."
    }
}
