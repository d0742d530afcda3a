import Files

extension S3Storage {
    /// The URL `name` can be fetched from: a presigned URL valid for
    /// ``S3Configuration/querystringExpire`` seconds (``S3Configuration/querystringAuth``, the default),
    /// a plain URL through ``S3Configuration/customDomain``, or the bucket's plain URL.
    ///
    /// ```swift
    /// try await storage.url("photos/a b.jpg")
    /// // https://media.s3.eu-west-1.amazonaws.com/photos/a%20b.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&…
    /// ```
    ///
    /// Signing is local: no request is sent, and the URL is not checked to exist.
    /// The corresponding django-storages API is `S3Storage.url(name)`.
    public nonisolated(nonsending) func url(_ name: String) async throws(StorageError) -> String {
        let key = try keys.key(for: name, operation: "make a URL for")
        if let domain = configuration.customDomain {
            return "\(configuration.urlProtocol)//\(domain)/\(URIEncoding.encodePath(key))"
        }
        if configuration.querystringAuth {
            return client.presignedURL(key: key, expires: configuration.querystringExpire)
        }
        return client.endpoint.url(path: client.endpoint.path(forKey: key), encodedQuery: "")
    }
}
