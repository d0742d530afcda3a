extension FileStorage {
    /// Every file name under the directory `path` (`""` is the root), at any depth, sorted: the walk
    /// over ``listDirectory(_:)`` that a batch job (remaking every thumbnail, a clean-up) needs.
    ///
    /// ```swift
    /// for name in try await storage.fileNames(under: "photos") { print(name) }  // "photos/2024/a.jpg", …
    /// ```
    ///
    /// Cost: one ``listDirectory(_:)`` per directory; the names are held in memory. Django has no
    /// recursive listing; this is `listdir` applied to each directory it returns.
    ///
    /// - Throws: ``StorageError`` from the first listing that fails.
    public nonisolated(nonsending) func fileNames(under path: String = "") async throws(StorageError) -> [String] {
        let directory = path.hasSuffix("/") ? String(path.dropLast()) : path
        let listing = try await listDirectory(directory)
        let prefix = directory.isEmpty ? "" : directory + "/"
        var names = listing.files.map { prefix + $0 }
        for child in listing.directories {
            names += try await fileNames(under: prefix + child)
        }
        return names.sorted()
    }
}
