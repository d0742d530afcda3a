#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// A sentence naming the operation and the subject (Django's exact message for name checks).
    public var description: String {
        switch self {
        case .closed(let operation, let name):
            return "Cannot \(operation) \(Self.subject(name)): the file is closed."
        case .cannotReopen(let name):
            return "The file cannot be reopened: \(Self.subject(name)) is closed and has no path on disk."
        case .suspiciousFileOperation(let message):
            return message
        case .sizeUnknown(let name):
            return "Unable to determine the size of \(Self.subject(name))."
        case .invalidMode(let mode):
            return "Cannot open a file with mode '\(mode)': it is not a valid mode."
        case .unsupportedOperation(let operation, let name):
            return "Cannot \(operation) \(Self.subject(name)): the stream does not support it."
        case .invalidArgument(let operation, let detail):
            return "Cannot \(operation): \(detail)."
        case .io(let operation, let path, let code):
            return "Cannot \(operation) \(Self.subject(path)): \(Self.errnoText(code)) (errno \(code))."
        case .missingKey(let key):
            return "Cannot build an uploaded file from a dictionary: the key '\(key)' is missing."
        case .invalidValue(let key, let expected):
            return "Cannot build an uploaded file from a dictionary: the value of '\(key)' must be \(expected)."
        }
    }

    private static func subject(_ name: String?) -> String {
        guard let name, !name.isEmpty else { return "an unnamed file" }
        return "\"\(name)\""
    }

    private static func errnoText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "unknown error" }
        return String(cString: text)
    }
}
