import Files

extension S3Storage {
    /// `FileStorage.availableName(_:maxLength:overwriting:)` with ``S3Configuration/fileOverwrite``:
    /// when overwriting (the default, as django-storages), a name is only cut to fit `maxLength`, never
    /// given a random suffix.
    ///
    /// The corresponding django-storages API is `S3Storage.get_available_name(name, max_length)`.
    public nonisolated(nonsending) func availableName(_ name: String, maxLength: Int?) async throws(StorageError)
        -> String
    {
        try await availableName(name, maxLength: maxLength, overwriting: configuration.fileOverwrite)
    }
}
