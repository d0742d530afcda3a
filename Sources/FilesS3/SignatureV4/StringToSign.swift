/// The string to sign: the algorithm, the time, the credential scope and the canonical request's hash.
///
/// ```
/// AWS4-HMAC-SHA256
/// 20130524T000000Z
/// 20130524/us-east-1/s3/aws4_request
/// 7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
/// ```
package struct StringToSign: Sendable, Hashable {
    /// The algorithm every signature here uses.
    package static let algorithm = "AWS4-HMAC-SHA256"

    /// The four lines joined with `\n`.
    package let text: String

    package init(canonicalRequest: CanonicalRequest, time: SigningTime, scope: CredentialScope) {
        text = [
            Self.algorithm, time.timestamp, scope.description, Hex.sha256(Array(canonicalRequest.text.utf8)),
        ].joined(separator: "\n")
    }
}

/// `20130524/us-east-1/s3/aws4_request`: the day, region and service a signature is valid for.
package struct CredentialScope: Sendable, Hashable, CustomStringConvertible {
    package let day: String
    package let region: String
    package let service: String

    package init(time: SigningTime, region: String, service: String = "s3") {
        self.day = time.day
        self.region = region
        self.service = service
    }

    package var description: String { "\(day)/\(region)/\(service)/aws4_request" }
}
