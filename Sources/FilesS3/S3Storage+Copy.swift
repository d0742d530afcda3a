import Files

extension S3Storage {
    /// Copies `source`'s object to `destination` inside the bucket, on the server (S3's CopyObject): the
    /// bytes never pass through this process, and the copy keeps the object's `Content-Type`, metadata
    /// and other headers.
    ///
    /// ```swift
    /// try await storage.copy("staging/3f2a.jpg", to: "photos/3f2a.jpg")   // promote a staged upload
    /// try await storage.delete("staging/3f2a.jpg")
    /// ```
    ///
    /// An object at `destination` is replaced, whatever ``S3Configuration/fileOverwrite`` says: the caller
    /// chose the name. Cost: one request, whose time grows with the object's size on the server's side;
    /// S3 copies objects of up to 5 GB this way. Throws a `StorageError` with code `notFound`
    /// when `source` has no object, `suspiciousName` when either name is empty or leads outside
    /// ``S3Configuration/location``.
    public nonisolated(nonsending) func copy(_ source: String, to destination: String) async throws(StorageError) {
        try await copy(source, to: destination, replacing: true)
    }

    /// ``copy(_:to:)``; without `replacing`, only when no object has the name (`If-None-Match: *`),
    /// else a `StorageError` with code `nameTaken`.
    nonisolated(nonsending) func copy(_ source: String, to destination: String, replacing: Bool)
        async throws(StorageError)
    {
        let sourceKey = try request(.HEAD, source, operation: "copy").key
        var copy = try request(.PUT, destination, operation: "copy")
        copy.name = source
        // `bucket/key`, encoded as a path: S3 decodes it once, so a key with spaces, `+` or `%` arrives whole.
        copy.headers.add(
            name: "x-amz-copy-source", value: URIEncoding.encodePath("\(configuration.bucket)/\(sourceKey)"))
        if !replacing { copy.headers.add(name: "If-None-Match", value: "*") }
        _ = try await client.sendCheckingBody(copy)
    }
}
