import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The key a signature is computed with: the secret, narrowed by HMAC-SHA256 to one day, region and service.
///
/// `HMAC("AWS4" + secret, date) → HMAC(·, region) → HMAC(·, service) → HMAC(·, "aws4_request")`.
package struct SigningKey: Sendable {
    let key: SymmetricKey

    package init(secretAccessKey: String, day: String, region: String, service: String) {
        var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
        for step in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(step.utf8), using: key)))
        }
        self.key = key
    }

    /// The lower-case hex HMAC-SHA256 of `stringToSign` with this key: the signature.
    package func signature(of stringToSign: String) -> String {
        Hex.lowercase(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }
}

/// Lower-case hexadecimal, as every Signature Version 4 hash is written.
package enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    package static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text = [UInt8]()
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The hex SHA-256 of `data`.
    package static func sha256(_ data: some DataProtocol) -> String {
        lowercase(SHA256.hash(data: data))
    }
}
