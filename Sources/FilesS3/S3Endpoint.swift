import Files

/// Where requests for a bucket go: the scheme, the `Host` header and the path of each key, in the
/// configured addressing style.
///
/// ```swift
/// let endpoint = try S3Endpoint(configuration)        // http://127.0.0.1:9000, path-style
/// endpoint.host                                        // "127.0.0.1:9000"
/// endpoint.path(forKey: "photos/a b.jpg")              // "/media/photos/a b.jpg" (decoded)
/// ```
struct S3Endpoint: Sendable {
    /// `http` or `https`.
    let scheme: String
    /// The `Host` header: the host name and, when it is not the scheme's default, `:port`.
    let host: String
    /// The path before the key: `/bucket` (path-style) or `""` (virtual-hosted).
    let bucketPath: String

    init(_ configuration: S3Configuration) throws(StorageError) {
        let base = configuration.endpoint ?? "https://s3.\(configuration.region).amazonaws.com"
        guard let schemeEnd = base.firstRange(of: "://") else {
            throw Self.invalid(base, "it does not start with http:// or https://")
        }
        let scheme = base[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw Self.invalid(base, "it does not start with http:// or https://")
        }
        var authority = String(base[schemeEnd.upperBound...])
        if let slash = authority.firstIndex(of: "/") { authority = String(authority[..<slash]) }
        guard !authority.isEmpty, !configuration.bucket.isEmpty else {
            throw Self.invalid(base, "it has no host, or the bucket name is empty")
        }
        let defaultPort = scheme == "http" ? ":80" : ":443"
        if authority.hasSuffix(defaultPort) { authority.removeLast(defaultPort.count) }
        self.scheme = scheme
        switch configuration.addressingStyle {
        case .path:
            host = authority
            bucketPath = "/" + configuration.bucket
        case .virtualHosted:
            host = configuration.bucket + "." + authority
            bucketPath = ""
        }
    }

    /// The decoded path of `key` (`/bucket/key` or `/key`); the bucket's own path for `""`.
    func path(forKey key: String) -> String {
        key.isEmpty ? (bucketPath.isEmpty ? "/" : bucketPath) : bucketPath + "/" + key
    }

    /// The full URL of a decoded path and an encoded query.
    func url(path: String, encodedQuery: String) -> String {
        "\(scheme)://\(host)\(URIEncoding.encodePath(path))" + (encodedQuery.isEmpty ? "" : "?\(encodedQuery)")
    }

    private static func invalid(_ endpoint: String, _ reason: String) -> StorageError {
        StorageError(
            .failed, operation: "configure", name: endpoint, reason: "the S3 endpoint is not usable: \(reason)")
    }
}
