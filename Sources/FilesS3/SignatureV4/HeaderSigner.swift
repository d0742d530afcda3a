/// Signs a request with the `Authorization` header (Signature Version 4, payload in a single chunk).
///
/// ```swift
/// let signed = HeaderSigner(credentials: credentials, region: "us-east-1")
///     .sign(request, at: SigningTime(Date()))
/// for (name, value) in signed.headers { httpRequest.headers.add(name: name, value: value) }
/// ```
///
/// The signer adds `x-amz-date`, `x-amz-content-sha256` and, with a session token,
/// `x-amz-security-token` to the request before signing, as AWS's SDKs do, and signs every header given.
package struct HeaderSigner: RequestSigner {
    package let credentials: S3Credentials
    package let region: String
    package let service: String

    package init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The request as signed: the headers to send (the request's own, the added ones, `Authorization`).
    package struct SignedRequest: Sendable {
        /// Every header to send except `Host`, which the HTTP client writes.
        package var headers: [(name: String, value: String)]
        package var canonicalRequest: CanonicalRequest
        package var stringToSign: StringToSign
        package var signature: String
        /// The value of the `Authorization` header.
        package var authorization: String
    }

    package func sign(_ request: SignableRequest, at time: SigningTime) -> SignedRequest {
        var request = request
        request.headers.removeAll {
            ["authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token"].contains(
                $0.name.lowercased())
        }
        request.headers.append(("x-amz-date", time.timestamp))
        request.headers.append(("x-amz-content-sha256", request.payload.hash))
        if let token = credentials.sessionToken {
            request.headers.append(("x-amz-security-token", token))
        }
        let scope = self.scope(at: time)
        let canonical = CanonicalRequest(request)
        let (stringToSign, signature) = sign(canonical, at: time, in: scope)
        let authorization =
            "\(StringToSign.algorithm) Credential=\(credentials.accessKeyID)/\(scope),"
            + "SignedHeaders=\(canonical.signedHeaders),Signature=\(signature)"
        var headers = request.headers.filter { $0.name.lowercased() != "host" }
        headers.append(("Authorization", authorization))
        return SignedRequest(
            headers: headers, canonicalRequest: canonical, stringToSign: stringToSign, signature: signature,
            authorization: authorization)
    }
}
