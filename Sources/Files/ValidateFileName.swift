/// Returns `name` unchanged if it is a safe file name, else throws
/// ``FileError/suspiciousFileOperation(_:)`` with Django's message.
///
/// ```swift
/// try validateFileName("photo.jpg")                          // "photo.jpg"
/// try validateFileName("a/b.txt", allowRelativePath: true)   // "a/b.txt"
/// try validateFileName("../a.txt", allowRelativePath: true)  // throws "Detected path traversal attempt in '../a.txt'"
/// ```
///
/// - A name whose last path component is empty, `.` or `..` throws
///   `Could not derive file name from '<name>'`.
/// - With `allowRelativePath`, backslashes count as separators; an absolute path or any `..` component
///   throws `Detected path traversal attempt in '<name>'`.
/// - Without it, any `/` throws `FileObject name '<name>' includes path elements` (a backslash is an ordinary
///   character here, as on POSIX).
///
/// Cost: O(n) in the name's length.
///
/// The corresponding Django API is `django.core.files.utils.validate_file_name(name, allow_relative_path=False)`.
@discardableResult
public func validateFileName(_ name: String, allowRelativePath: Bool = false) throws(FileError) -> String {
    if let problem = FileNameProblem(name, allowRelativePath: allowRelativePath) {
        throw .suspiciousFileOperation(problem.djangoMessage(for: name))
    }
    return name
}

/// Why ``validateFileName(_:allowRelativePath:)`` rejects a name, so that callers other than the
/// Django-compatible function (the storages) can word the error themselves.
enum FileNameProblem: Equatable {
    /// The last component is empty, `.` or `..`.
    case underivable
    /// Absolute, or a `..` component (backslashes counting as separators).
    case traversal
    /// A `/` where none is allowed.
    case pathElements

    /// The problem with `name`, or `nil` when it is safe.
    init?(_ name: String, allowRelativePath: Bool) {
        if PathSyntax.isDotOrEmpty(PathSyntax.basename(name)) {
            self = .underivable
        } else if allowRelativePath {
            let path = PathSyntax.withForwardSlashes(name)
            let isAbsolute = path.unicodeScalars.first == "/"
            guard isAbsolute || PathSyntax.components(path).contains(where: PathSyntax.isParent) else { return nil }
            self = .traversal
        } else if PathSyntax.hasSeparator(name) {
            self = .pathElements
        } else {
            return nil
        }
    }

    /// Django's exact message for `name`.
    func djangoMessage(for name: String) -> String {
        switch self {
        case .underivable: "Could not derive file name from '\(name)'"
        case .traversal: "Detected path traversal attempt in '\(name)'"
        case .pathElements: "File name '\(name)' includes path elements"
        }
    }
}
