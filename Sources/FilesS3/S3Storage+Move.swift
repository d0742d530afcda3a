import Files

extension S3Storage {
    /// Moves `source` to `destination` on the server: a CopyObject, then a DeleteObject; the bytes
    /// never pass through this process. As every S3 write, the copy replaces an object of that name
    /// when ``S3Configuration/fileOverwrite`` is on (the default), else the copy takes a free name.
    ///
    /// Without `fileOverwrite` the copy is conditional (`If-None-Match: *`, which S3 takes on
    /// CopyObject as on PutObject): when another process took the name after the name check (two
    /// app servers promoting uploads of `cat.jpg` at once), S3 refuses the copy and the move takes
    /// the next free name, as ``store(_:as:)`` does, so neither file replaces the other.
    public nonisolated(nonsending) func move(_ source: String, to destination: String) async throws(StorageError)
        -> String
    {
        var name = try await availableName(destination, maxLength: nil)
        // Bounded, because each retry draws a fresh random suffix.
        for attempt in 1...8 {
            do {
                try await copy(source, to: name, replacing: configuration.fileOverwrite)
                break
            } catch  where error.code == .nameTaken && !configuration.fileOverwrite && attempt < 8 {
                name = try await availableName(name, maxLength: nil)
            }
        }
        try await delete(source)
        return name
    }
}
