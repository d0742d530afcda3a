/// Signs a request in its query string (a presigned URL), valid for `expires` seconds.
///
/// ```swift
/// let query = PresignedQuery(credentials: credentials, region: "us-east-1")
///     .sign(request, at: SigningTime(Date()), expires: 3600)
/// let url = "https://\(request.host)\(URIEncoding.encodePath(request.path))?\(query.queryString)"
/// ```
///
/// Adds `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`
/// (and `X-Amz-Security-Token` with a session token) to the query, signs with `UNSIGNED-PAYLOAD`, and
/// appends `X-Amz-Signature` last.
package struct PresignedQuery: RequestSigner {
    package let credentials: S3Credentials
    package let region: String
    package let service: String

    package init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    package struct SignedQuery: Sendable {
        /// The full query string to put after `?`, the signature last.
        package var queryString: String
        package var canonicalRequest: CanonicalRequest
        package var stringToSign: StringToSign
        package var signature: String
    }

    package func sign(_ request: SignableRequest, at time: SigningTime, expires: Int) -> SignedQuery {
        var request = request
        request.payload = .unsigned
        let scope = self.scope(at: time)
        let signedHeaders = CanonicalRequest.canonicalHeaders(request).map(\.name).joined(separator: ";")
        request.query += [
            ("X-Amz-Algorithm", StringToSign.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", time.timestamp),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", signedHeaders),
        ]
        if let token = credentials.sessionToken {
            request.query.append(("X-Amz-Security-Token", token))
        }
        let canonical = CanonicalRequest(request)
        let (stringToSign, signature) = sign(canonical, at: time, in: scope)
        return SignedQuery(
            queryString: request.encodedQuery + "&X-Amz-Signature=\(signature)", canonicalRequest: canonical,
            stringToSign: stringToSign, signature: signature)
    }
}
