import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Signs S3 requests with AWS Signature Version 4, in the `Authorization` header or in the query string.
///
/// ```swift
/// let signer = SignerV4(credentials: credentials, region: "us-east-1")
/// let signed = signer.signHeaders(request, at: SigningTime(Date()))                // headers to send
/// let query = signer.presign(request, at: SigningTime(Date()), expires: 3600)        // a presigned URL's query
/// let signature = signer.signature(ofPolicy: base64Policy, at: SigningTime(Date()))  // a form's POST policy
/// ```
///
/// One type for the three: each is the same credential scope, string to sign and HMAC chain over a
/// different text. Signing is local and costs a few HMAC-SHA256 computations.
package struct SignerV4: Sendable {
    package let credentials: S3Credentials
    package let region: String
    package let service: String

    package init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// A request signed in its headers: what to send, and the texts signed (for tests and debugging).
    package struct SignedHeaders: Sendable {
        /// Every header to send except `Host`, which the HTTP client writes.
        package var headers: HTTPHeaders
        package var canonicalRequest: CanonicalRequest
        package var stringToSign: StringToSign
        package var signature: String
        /// The value of the `Authorization` header.
        package var authorization: String
    }

    /// A request signed in its query string (a presigned URL).
    package struct PresignedQuery: Sendable {
        /// The full query string to put after `?`, the signature last.
        package var queryString: String
        package var canonicalRequest: CanonicalRequest
        package var stringToSign: StringToSign
        package var signature: String
    }

    /// Signs `request` with the `Authorization` header (payload in a single chunk).
    ///
    /// Adds `x-amz-date`, `x-amz-content-sha256` and, with a session token, `x-amz-security-token` to the
    /// headers before signing, as AWS's SDKs do, and signs every header given.
    package func signHeaders(_ request: SignableRequest, at time: SigningTime) -> SignedHeaders {
        var request = request
        for name in ["authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token"] {
            request.headers.remove(name: name)
        }
        request.headers.add(name: "x-amz-date", value: time.timestamp)
        request.headers.add(name: "x-amz-content-sha256", value: request.payload.hash)
        if let token = credentials.sessionToken {
            request.headers.add(name: "x-amz-security-token", value: token)
        }
        let scope = CredentialScope(time: time, region: region, service: service)
        let canonical = CanonicalRequest(request)
        let stringToSign = StringToSign(canonicalRequest: canonical, time: time, scope: scope)
        let signature = key(at: time).signature(of: stringToSign.text)
        let authorization =
            "\(StringToSign.algorithm) Credential=\(credentials.accessKeyID)/\(scope),"
            + "SignedHeaders=\(canonical.signedHeaders),Signature=\(signature)"
        var headers = request.headers
        headers.remove(name: "host")
        headers.add(name: "Authorization", value: authorization)
        return SignedHeaders(
            headers: headers, canonicalRequest: canonical, stringToSign: stringToSign, signature: signature,
            authorization: authorization)
    }

    /// Signs `request` in its query string, valid for `expires` seconds.
    ///
    /// Adds `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`
    /// (and `X-Amz-Security-Token` with a session token) to the query, and appends `X-Amz-Signature` last.
    /// The payload is `UNSIGNED-PAYLOAD`; headers given in `request` are signed, so the client must send
    /// them exactly (a presigned `PUT`'s `Content-Length`, `Content-MD5`, `Content-Type`).
    package func presign(_ request: SignableRequest, at time: SigningTime, expires: Int) -> PresignedQuery {
        var request = request
        request.payload = .unsigned
        let scope = CredentialScope(time: time, region: region, service: service)
        let signedHeaders = CanonicalRequest.canonicalHeaders(request).map(\.name).joined(separator: ";")
        request.query += [
            URLQueryItem(name: "X-Amz-Algorithm", value: StringToSign.algorithm),
            URLQueryItem(name: "X-Amz-Credential", value: "\(credentials.accessKeyID)/\(scope)"),
            URLQueryItem(name: "X-Amz-Date", value: time.timestamp),
            URLQueryItem(name: "X-Amz-Expires", value: String(expires)),
            URLQueryItem(name: "X-Amz-SignedHeaders", value: signedHeaders),
        ]
        if let token = credentials.sessionToken {
            request.query.append(URLQueryItem(name: "X-Amz-Security-Token", value: token))
        }
        let canonical = CanonicalRequest(request)
        let stringToSign = StringToSign(canonicalRequest: canonical, time: time, scope: scope)
        let signature = key(at: time).signature(of: stringToSign.text)
        return PresignedQuery(
            queryString: request.encodedQuery + "&X-Amz-Signature=\(signature)", canonicalRequest: canonical,
            stringToSign: stringToSign, signature: signature)
    }

    /// The signature of a browser form's POST policy: the HMAC of its base64 text with the day's key.
    ///
    /// In a POST policy the base64 policy is itself the string to sign (no canonical request).
    package func signature(ofPolicy base64Policy: String, at time: SigningTime) -> String {
        key(at: time).signature(of: base64Policy)
    }

    /// `AKIA…/20151229/us-east-1/s3/aws4_request`: the `X-Amz-Credential` of a signature made at `time`.
    package func credential(at time: SigningTime) -> String {
        "\(credentials.accessKeyID)/\(CredentialScope(time: time, region: region, service: service))"
    }

    private func key(at time: SigningTime) -> SigningKey {
        SigningKey(secretAccessKey: credentials.secretAccessKey, day: time.day, region: region, service: service)
    }
}
