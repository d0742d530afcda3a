/// Gives every ``FileObject`` the scoped helpers with the file's own type, so that
/// `upload.use { $0.contentType }` needs no cast. Only `FileObject` and its subclasses conform.
public protocol ScopedFile: FileObject {}

extension FileObject: ScopedFile {}

// Each helper has two overloads that differ only in the body's error type, and the body's `throws(…)`
// picks one: that is the point (a FileError body keeps FileError), so the rule against them is waived.
// swift-format-ignore: AmbiguousTrailingClosureOverload
extension ScopedFile {
    /// Runs `body` with this file and closes the file afterwards, even when `body` throws.
    ///
    /// ```swift
    /// let header = try File(path: path).use { (file) throws(FileError) in try file.read(16) }
    /// ```
    ///
    /// This overload serves a body that throws ``FileError`` or nothing: the body's error and a
    /// failure to close are both `FileError`s, so that is what it throws. A body that throws another
    /// error gets `use(_:)` with ``ScopedFileError``. When `body` throws, its error is the one
    /// rethrown; a failure to close is then secondary and dropped.
    ///
    /// The corresponding Django API is `with file:` (`File.__enter__`/`__exit__`).
    public func use<Result>(_ body: (Self) throws(FileError) -> Result) throws(FileError) -> Result {
        let result: Result
        do {
            result = try body(self)
        } catch {
            try? close()
            throw error
        }
        try close()
        return result
    }

    /// Runs `body` with this file and closes the file afterwards, even when `body` throws; for a body
    /// that throws an error other than ``FileError``.
    ///
    /// ```swift
    /// do {
    ///     let image = try upload.use { (file) throws(ImageFileError) in try Image(file: file) }
    /// } catch .body(let error) {
    ///     print(error)                 // the image could not be read
    /// } catch .file(let error) {
    ///     print(error)                 // the file could not be closed
    /// }
    /// ```
    ///
    /// Throws ``ScopedFileError/body(_:)`` with the body's own error, or ``ScopedFileError/file(_:)``
    /// when the body returned but the file could not be closed. An untyped body (`{ try … }` without a
    /// `throws(…)` annotation) makes `BodyError` `any Error`.
    ///
    /// The corresponding Django API is `with file:` (`File.__enter__`/`__exit__`).
    public func use<Result, BodyError: Error>(
        _ body: (Self) throws(BodyError) -> Result
    ) throws(ScopedFileError<BodyError>) -> Result {
        let result: Result
        do {
            result = try body(self)
        } catch {
            try? close()
            throw .body(error)
        }
        do {
            try close()
        } catch {
            throw .file(error)
        }
        return result
    }

    /// Opens (or rewinds) the file with ``FileObject/open(mode:)``, runs `body`, and closes the file afterwards.
    ///
    /// ```swift
    /// let content = try file.withOpen(mode: .read.binary) { (file) throws(FileError) in try file.read() }
    /// ```
    ///
    /// For a body that throws ``FileError`` or nothing; as `use(_:)`, which it calls after opening.
    /// The corresponding Django API is `with file.open(mode) as f:`.
    public func withOpen<Result>(
        mode: FileMode? = nil, _ body: (Self) throws(FileError) -> Result
    ) throws(FileError) -> Result {
        try open(mode: mode)
        return try use(body)
    }

    /// Opens (or rewinds) the file with ``FileObject/open(mode:)``, runs `body`, and closes the file afterwards;
    /// for a body that throws an error other than ``FileError``.
    ///
    /// Throws ``ScopedFileError/file(_:)`` when the file cannot be opened or closed, and
    /// ``ScopedFileError/body(_:)`` with the body's own error.
    /// The corresponding Django API is `with file.open(mode) as f:`.
    public func withOpen<Result, BodyError: Error>(
        mode: FileMode? = nil, _ body: (Self) throws(BodyError) -> Result
    ) throws(ScopedFileError<BodyError>) -> Result {
        do {
            try open(mode: mode)
        } catch {
            throw .file(error)
        }
        return try use(body)
    }
}
