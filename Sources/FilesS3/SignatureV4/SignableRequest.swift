import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What Signature Version 4 signs: a request's method, host, path, query, headers and payload hash.
///
/// The path and the query are kept decoded (`/bucket/my photo.jpg`); the signer encodes them once,
/// as S3 expects (S3 does not double-encode the path, unlike the other AWS services).
package struct SignableRequest: Sendable, Equatable {
    /// The payload's part in the signature: its SHA-256 in hex, or the literal `UNSIGNED-PAYLOAD`.
    package enum Payload: Sendable, Hashable {
        /// The body is not signed (presigned URLs; bodies protected by TLS).
        case unsigned
        /// The lower-case hex SHA-256 of the body.
        case sha256(String)

        /// The SHA-256 of an empty body.
        package static let empty = Payload.sha256(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

        /// The value of `x-amz-content-sha256` and the last line of the canonical request.
        package var hash: String {
            switch self {
            case .unsigned: "UNSIGNED-PAYLOAD"
            case .sha256(let hex): hex
            }
        }
    }

    package var method: HTTPMethod
    /// The `Host` header: the host, with `:port` when the port is not the scheme's default.
    package var host: String
    /// The decoded path, starting with `/`.
    package var path: String
    /// The decoded query parameters, in any order (a bare `?uploads` is the item `uploads` with value `""`).
    package var query: [URLQueryItem]
    /// The headers to sign besides `host` (and the `x-amz-*` ones the signer adds).
    package var headers: HTTPHeaders
    /// The body's hash, or `.unsigned`.
    package var payload: Payload

    package init(
        method: HTTPMethod, host: String, path: String, query: [URLQueryItem] = [], headers: HTTPHeaders = [:],
        payload: Payload = .empty
    ) {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.payload = payload
    }

    /// The query string as sent: encoded, in canonical order.
    package var encodedQuery: String {
        CanonicalRequest.canonicalQuery(query)
    }
}
