import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where requests for a bucket go: the scheme, the `Host` header and the path of each key, in the
/// configured addressing style, under the endpoint's own path when it has one.
///
/// ```swift
/// let endpoint = try S3Endpoint(configuration)        // http://127.0.0.1:9000/s3, path-style
/// endpoint.host                                        // "127.0.0.1:9000"
/// endpoint.path(forKey: "photos/a b.jpg")              // "/s3/media/photos/a b.jpg" (decoded)
/// ```
struct S3Endpoint: Sendable {
    /// `http` or `https`.
    let scheme: String
    /// The host name requests go to (`media.s3.eu-west-1.amazonaws.com`, `127.0.0.1`), IPv6 in brackets.
    let hostName: String
    /// The port, when it is not the scheme's default.
    let port: Int?
    /// The path before the key: the endpoint's own path (an S3-compatible server behind a proxy at
    /// `https://example.com/s3`), then `/bucket` (path-style) or nothing (virtual-hosted). Decoded.
    let bucketPath: String

    /// The `Host` header: the host name and, when it is not the scheme's default, `:port`.
    var host: String { port.map { "\(hostName):\($0)" } ?? hostName }

    init(_ configuration: S3Configuration) throws(StorageError) {
        let base = configuration.endpoint ?? "https://s3.\(configuration.region).amazonaws.com"
        guard let components = URLComponents(string: base),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else {
            throw Self.invalid(base, "it does not start with http:// or https://")
        }
        guard let name = components.percentEncodedHost, !name.isEmpty, !configuration.bucket.isEmpty else {
            throw Self.invalid(base, "it has no host, or the bucket name is empty")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            throw Self.invalid(base, "it has a query, a fragment or a user name")
        }
        self.scheme = scheme
        port = components.port.flatMap { $0 == (scheme == "http" ? 80 : 443) ? nil : $0 }
        // "/s3/" and "/s3" are one prefix; "" and "/" are none.
        var prefix = components.path
        while prefix.hasSuffix("/") { prefix.removeLast() }
        switch configuration.addressingStyle {
        case .path:
            hostName = name
            bucketPath = prefix + "/" + configuration.bucket
        case .virtualHosted:
            hostName = configuration.bucket + "." + name
            bucketPath = prefix
        }
    }

    /// The decoded path of `key` (`/bucket/key` or `/key`, after the endpoint's path); the bucket's own
    /// path for `""`.
    func path(forKey key: String) -> String {
        key.isEmpty ? (bucketPath.isEmpty ? "/" : bucketPath) : bucketPath + "/" + key
    }

    /// The full URL of a decoded path and an encoded query (in Signature Version 4's encoding, which is
    /// also a valid URL's).
    func url(path: String, encodedQuery: String) -> String {
        var components = URLComponents()
        components.scheme = scheme
        components.percentEncodedHost = hostName
        components.port = port
        components.percentEncodedPath = URIEncoding.encodePath(path)
        components.percentEncodedQuery = encodedQuery.isEmpty ? nil : encodedQuery
        return components.string ?? "\(scheme)://\(host)\(URIEncoding.encodePath(path))"
    }

    private static func invalid(_ endpoint: String, _ reason: String) -> StorageError {
        StorageError(
            .failed, operation: "configure", name: endpoint, reason: "the S3 endpoint is not usable: \(reason)")
    }
}
