/// What both ways of signing share: who signs, for which region and service, and the last three
/// steps of Signature Version 4 — the credential scope, the string to sign, the HMAC chain.
package protocol RequestSigner: Sendable {
    var credentials: S3Credentials { get }
    var region: String { get }
    var service: String { get }
}

extension RequestSigner {
    /// The `day/region/service/aws4_request` scope a signature made at `time` is valid for.
    func scope(at time: SigningTime) -> CredentialScope {
        CredentialScope(time: time, region: region, service: service)
    }

    /// The string to sign for `canonical` and its signature, in lower-case hex.
    func sign(
        _ canonical: CanonicalRequest, at time: SigningTime, in scope: CredentialScope
    ) -> (stringToSign: StringToSign, signature: String) {
        let stringToSign = StringToSign(canonicalRequest: canonical, time: time, scope: scope)
        let key = SigningKey(
            secretAccessKey: credentials.secretAccessKey, day: time.day, region: region, service: service)
        return (stringToSign, key.signature(of: stringToSign.text))
    }
}
