extension FileStorage {
    /// Copies `source` to `destination` and deletes `source` (see `moveByCopying(_:to:)`).
    public nonisolated(nonsending) func move(_ source: String, to destination: String) async throws(StorageError)
        -> String
    {
        try await moveByCopying(source, to: destination)
    }

    /// The portable move: `source` copied through ``store(_:as:)``, which never replaces a taken name,
    /// then deleted; the name stored is returned.
    ///
    /// Costs one read and one write of the whole file; backends with a cheaper move implement
    /// ``move(_:to:)`` themselves and fall back to this.
    nonisolated(nonsending) func moveByCopying(_ source: String, to destination: String) async throws(StorageError)
        -> String
    {
        let content = try await open(source, mode: .read.binary)
        let stored: String
        do {
            stored = try await store(content, as: try await availableName(destination, maxLength: nil))
        } catch {
            try? content.close()
            throw error
        }
        try? content.close()
        try await delete(source)
        return stored
    }
}
