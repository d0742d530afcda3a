/// The error of `use(_:)` and `withOpen(mode:_:)` around a body that throws
/// something other than ``FileError``: the body's own error, or the file's failure to open or close.
///
/// ```swift
/// do {
///     try upload.use { (file) throws(ImageFileError) in try store(Image(file: file)) }
/// } catch {
///     print(error)  // the body's or the file's error, as its own sentence
/// }
/// ```
///
/// Django lets whichever exception comes last propagate; here both kinds stay typed. When the body
/// throws, its error is the one reported and a failure to close the file is dropped.
public enum ScopedFileError<BodyError: Error>: Error, CustomStringConvertible {
    /// The body threw `BodyError`; the file has been closed.
    case body(BodyError)
    /// The body did not run (the file could not be opened) or returned (the file could not be closed).
    case file(FileError)

    /// The underlying error's own description: one sentence, naming the file where it has a name.
    /// Nothing is added, so there is nothing to stutter: this wrapper only keeps two error types apart.
    public var description: String {
        switch self {
        case .body(let error): "\(error)"
        case .file(let error): error.description
        }
    }

    /// The file error's ``FileError/reason``, or the body's error as it prints itself (its type is the
    /// caller's, whose reason this module cannot know).
    public var reason: String {
        switch self {
        case .body(let error): "\(error)"
        case .file(let error): error.reason
        }
    }
}

extension ScopedFileError: Equatable where BodyError: Equatable {}
