import Files

extension S3Storage {
    /// Moves `source` to `destination` on the server: a CopyObject, then a DeleteObject; the bytes
    /// never pass through this process. As every S3 write, the copy replaces an object of that name
    /// when ``S3Configuration/fileOverwrite`` is on (the default), else the copy takes a free name.
    public nonisolated(nonsending) func move(_ source: String, to destination: String) async throws(StorageError)
        -> String
    {
        let name = try await availableName(destination, maxLength: nil)
        try await copy(source, to: name)
        try await delete(source)
        return name
    }
}
