import Crypto
import VariantURLs

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a direct upload's token vouches for: the staged name, the field, the size limit, the expiry
/// and the client's file name. Stateless: the server keeps nothing between prepare and finalize.
struct UploadClaims: Sendable, Hashable {
    /// The storage name the client uploads to.
    var name: String
    var field: String
    var maximumBytes: Int
    /// Unix time, in whole seconds.
    var expires: Int
    /// The client's file name, sanitised.
    var originalName: String

    /// The claims as text: the fixed-form values first, one a line, the name last (it is the only one
    /// that might hold a line break).
    var text: String { "\(expires)\n\(maximumBytes)\n\(field)\n\(originalName)\n\(name)" }

    init(name: String, field: String, maximumBytes: Int, expires: Int, originalName: String) {
        self.name = name
        self.field = field
        self.maximumBytes = maximumBytes
        self.expires = expires
        self.originalName = originalName
    }

    init?(text: String) {
        let parts = text.split(separator: "\n", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, let expires = Int(parts[0]), let maximumBytes = Int(parts[1]) else { return nil }
        self.init(
            name: String(parts[4]), field: String(parts[2]), maximumBytes: maximumBytes, expires: expires,
            originalName: String(parts[3]))
    }
}

/// Signs and checks upload tokens: `d1.<key id>.<claims>.<HMAC-SHA256>`, both in URL-safe base64
/// without padding. The MAC covers a label before the claims, so a key shared with the variant URLs
/// never makes a token out of a URL's signature or the reverse. The first key signs; any key verifies
/// (rotation), chosen by its id when the token names one; the MAC is compared in constant time.
struct UploadTokenSigner: Sendable {
    let keys: [URLSigningKey]

    private static let version = "d1"
    private static let label = Array("swift-django-files direct upload\n".utf8)

    func token(for claims: UploadClaims) -> String {
        let key = keys[0]
        let payload = Array(claims.text.utf8)
        return [
            Self.version, key.id ?? "", Base64URL.encode(payload), Base64URL.encode(Self.mac(payload, key: key)),
        ].joined(separator: ".")
    }

    /// The claims of `token` when one of the keys signed it; it may have expired (the caller checks).
    func claims(of token: String, operation: String) throws(DirectUploadError) -> UploadClaims {
        func invalid(_ reason: String) -> DirectUploadError {
            DirectUploadError(.invalidToken, operation: operation, subject: nil, reason: reason)
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.version else { throw invalid("the token is not one this app makes") }
        guard let payload = Base64URL.decode(parts[2].utf8), let given = Base64URL.decode(parts[3].utf8),
            given.count == SHA256.byteCount
        else { throw invalid("the token is not one this app makes") }
        let id = parts[1].isEmpty ? nil : String(parts[1])
        let candidates = keys.filter { $0.id == id }
        guard !candidates.isEmpty else { throw invalid("the token was signed with a key this app does not hold") }
        // Every candidate is tried, so that the time does not tell which one matched.
        var matched = false
        for key in candidates {
            if VariantURLSigner.constantTimeEqual(Self.mac(payload, key: key), given) { matched = true }
        }
        guard matched, let text = String(validating: payload, as: UTF8.self), let claims = UploadClaims(text: text)
        else { throw invalid("the token's signature does not match its content") }
        return claims
    }

    private static func mac(_ payload: [UInt8], key: URLSigningKey) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: key.key)
        hmac.update(data: label)
        hmac.update(data: payload)
        return Array(hmac.finalize())
    }
}
