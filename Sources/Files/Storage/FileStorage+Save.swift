extension FileStorage {
    /// Saves `content` under `name` (the content's own name when `nil`) and returns the name used.
    ///
    /// ```swift
    /// let name = try await storage.save("photos/a.jpg", content: upload, maxLength: 100)
    /// // "photos/a.jpg", or "photos/a_x7Kp2Qz.jpg" when that was taken
    /// ```
    ///
    /// Django's pipeline, step by step:
    /// 1. The name is `name`, else ``FileObject/name``; with neither, this throws ``StorageError/Code-swift.enum/suspiciousName``.
    /// 2. It is checked with ``validateFileName(_:allowRelativePath:)`` (relative paths allowed, no `..`, not
    ///    absolute), then made available with ``availableName(_:maxLength:)``, then checked again.
    /// 3. ``store(_:as:)`` writes the content, read from its start through ``FileObject/chunks(size:)`` (so a
    ///    half-read file is saved whole); the content is never closed.
    /// 4. The name ``store(_:as:)`` returns is checked once more and returned.
    ///
    /// The corresponding Django API is `Storage.save(name, content, max_length=None)`.
    public nonisolated(nonsending) func save(_ name: String?, content: FileObject, maxLength: Int?)
        async throws(StorageError)
        -> String
    {
        guard let name = name ?? content.name else {
            throw StorageError(
                .suspiciousName, operation: "save", name: nil, reason: "no name was given and the content has none")
        }
        try Self.checkSavable(name)
        let available = try await availableName(name, maxLength: maxLength)
        try Self.checkSavable(available)
        let stored = try await store(content, as: available)
        try Self.checkSavable(stored)
        return stored
    }

    /// Saves `content` under `name`, with no length limit; see ``save(_:content:maxLength:)``.
    ///
    /// ```swift
    /// let name = try await storage.save("notes/today.txt", content: ContentFile("hello"))
    /// ```
    public nonisolated(nonsending) func save(_ name: String, content: FileObject) async throws(StorageError) -> String {
        try await save(name, content: content, maxLength: nil)
    }

    /// Saves `content` under its own name and returns the name used.
    ///
    /// ```swift
    /// let name = try await storage.save(upload.thumbnail(fitting: Size(square: 256)))  // "photo.jpg"
    /// ```
    ///
    /// Throws ``StorageError/Code-swift.enum/suspiciousName`` when the content has no name; see
    /// ``save(_:content:maxLength:)`` for the rest.
    public nonisolated(nonsending) func save(_ content: FileObject, maxLength: Int? = nil) async throws(StorageError)
        -> String
    {
        try await save(nil, content: content, maxLength: maxLength)
    }

    /// Saves `content` under `name` (its own name when `nil`) and returns the name used with its URL.
    ///
    /// ```swift
    /// let stored = try await storage.saveReturningURL("avatars/me.jpg", content: thumbnail)
    /// stored.name  // "avatars/me.jpg"
    /// stored.url   // "/media/avatars/me.jpg"
    /// ```
    ///
    /// ``save(_:content:maxLength:)`` then ``url(_:)``; throws what either throws (a storage without a
    /// base URL cannot give one).
    public nonisolated(nonsending) func saveReturningURL(
        _ name: String?, content: FileObject, maxLength: Int? = nil
    ) async throws(StorageError) -> StoredFile {
        let stored = try await save(name, content: content, maxLength: maxLength)
        return StoredFile(name: stored, url: try await url(stored))
    }

    /// Saves `content` under its own name and returns the name used with its URL.
    ///
    /// ```swift
    /// let stored = try await storage.saveReturningURL(upload.thumbnail(fitting: Size(square: 256)))
    /// ```
    public nonisolated(nonsending) func saveReturningURL(_ content: FileObject, maxLength: Int? = nil)
        async throws(StorageError) -> StoredFile
    {
        try await saveReturningURL(nil, content: content, maxLength: maxLength)
    }

    /// Opens the stored file `name` for reading, in mode `"rb"`.
    ///
    /// ```swift
    /// let file = try await storage.open("photos/a.jpg")
    /// let bytes = try file.read()
    /// ```
    ///
    /// The corresponding Django API is `Storage.open(name)` (`mode="rb"`).
    public nonisolated(nonsending) func open(_ name: String) async throws(StorageError) -> FileObject {
        try await open(name, mode: .read.binary)
    }

    /// Throws unless `name` passes ``validateFileName(_:allowRelativePath:)`` with relative paths allowed.
    static func checkSavable(_ name: String) throws(StorageError) {
        if let problem = FileNameProblem(name, allowRelativePath: true) {
            throw StorageError(problem, operation: "save", name: name)
        }
    }
}
