/// The one error type the `Files` module throws.
///
/// Every case carries the operation and the subject, and ``description`` is a full sentence
/// a person can act on:
///
/// ```swift
/// do { _ = try file.read() } catch { print(error) }  // Cannot read "a.txt": the file is closed.
/// ```
///
/// Django raises `ValueError`, `SuspiciousFileOperation`, `AttributeError`, `KeyError` and `OSError`
/// for these situations; here they are one `Sendable`, `Equatable` enum.
public enum FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An operation was attempted on a closed file or stream.
    ///
    /// The corresponding Python error is `ValueError("I/O operation on closed file.")`.
    case closed(operation: String, name: String?)

    /// `open()` was called on a closed file that has no path on disk to reopen.
    ///
    /// The corresponding Django error is `ValueError("The file cannot be reopened.")`.
    case cannotReopen(name: String?)

    /// A file name was rejected as unsafe. The message is exactly Django's, e.g.
    /// `Could not derive file name from '..'`.
    ///
    /// The corresponding Django exception is `SuspiciousFileOperation`.
    case suspiciousFileOperation(String)

    /// The size of the file cannot be determined: the stream has no size of its own and cannot seek,
    /// or an uploaded file was declared without a size.
    ///
    /// The corresponding Django error is `AttributeError("Unable to determine the file's size.")`.
    case sizeUnknown(name: String?)

    /// A mode string such as `"rw"` is not a valid Python-style file mode.
    ///
    /// The corresponding Python error is `ValueError("invalid mode: 'rw'")`.
    case invalidMode(String)

    /// The stream does not support the operation (reading a write-only stream, seeking a pipe).
    ///
    /// The corresponding Python error is `io.UnsupportedOperation`.
    case unsupportedOperation(operation: String, name: String?)

    /// An argument is out of range (a negative seek position, a negative chunk size).
    ///
    /// The corresponding Python error is `ValueError`.
    case invalidArgument(operation: String, detail: String)

    /// A system call failed. `code` is the `errno` value.
    ///
    /// The corresponding Python error is `OSError`.
    case io(operation: String, path: String?, code: Int32)

    /// A dictionary given to ``SimpleUploadedFile/fromDictionary(_:)`` lacks a required key.
    ///
    /// The corresponding Python error is `KeyError`.
    case missingKey(String)

    /// A dictionary given to ``SimpleUploadedFile/fromDictionary(_:)`` holds a value of the wrong kind.
    case invalidValue(key: String, expected: String)

    /// `Cannot <operation> <subject>: <reason>.`, one sentence built from ``reason``; a rejected name
    /// keeps Django's exact message.
    public var description: String {
        if case .suspiciousFileOperation(let message) = self { return message }
        let subject = self.subject.map { " \($0)" } ?? ""
        return "Cannot \(operation ?? verb)\(subject): \(reason)."
    }

    /// What the sentence is about: the quoted file name, `an unnamed file`, or `nil` when the case has
    /// no file (an argument, a dictionary).
    private var subject: String? {
        switch self {
        case .closed(_, let name), .unsupportedOperation(_, let name), .cannotReopen(let name),
            .sizeUnknown(let name):
            Self.quoted(name)
        case .io(_, let path, _): Self.quoted(path)
        case .invalidMode: "a file"
        case .suspiciousFileOperation, .invalidArgument, .missingKey, .invalidValue: nil
        }
    }

    /// The verb of a case that records no ``operation``.
    private var verb: String {
        switch self {
        case .sizeUnknown: "measure"
        case .missingKey, .invalidValue: "build an uploaded file from a dictionary"
        default: "use"
        }
    }

    /// The operation that failed, when the case records one: `"read"`, `"seek"`, `"open"` …
    ///
    /// An error that wraps this one (an image error naming the file) says this verb rather than its own,
    /// because it is the more precise: `Cannot seek "a.jpg": …`, not `Cannot read "a.jpg": cannot seek …`.
    package var operation: String? {
        switch self {
        case .closed(let operation, _), .unsupportedOperation(let operation, _), .invalidArgument(let operation, _),
            .io(let operation, _, _):
            operation
        case .cannotReopen: "reopen"
        case .invalidMode: "open"
        case .suspiciousFileOperation, .sizeUnknown, .missingKey, .invalidValue: nil
        }
    }

    /// What went wrong, as a clause that names neither the operation nor the file (no capital, no final
    /// period): `the file is closed`, `No such file or directory (errno 2)`. An error that wraps this one
    /// and names the file itself ends its own sentence with this clause, never with ``description``.
    public var reason: String {
        switch self {
        case .closed: "the file is closed"
        case .cannotReopen: "it is closed and has no path on disk"
        case .suspiciousFileOperation(let message): Self.clause(message)
        case .sizeUnknown: "its size cannot be determined"
        case .invalidMode(let mode): "'\(mode)' is not a valid mode"
        case .unsupportedOperation: "the stream does not support it"
        case .invalidArgument(_, let detail): detail
        case .io(_, _, let code): "\(Syscall.errorText(code)) (errno \(code))"
        case .missingKey(let key): "the key '\(key)' is missing"
        case .invalidValue(let key, let expected): "the value of '\(key)' must be \(expected)"
        }
    }

    private static func quoted(_ name: String?) -> String {
        guard let name, !name.isEmpty else { return "an unnamed file" }
        return "\"\(name)\""
    }

    /// Django's message for a rejected name as a clause: first letter lower-cased, final period dropped
    /// (the one case whose sentence is someone else's).
    private static func clause(_ message: String) -> String {
        let trimmed = message.hasSuffix(".") ? String(message.dropLast()) : message
        return trimmed.prefix(1).lowercased() + trimmed.dropFirst()
    }
}
