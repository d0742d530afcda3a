#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension StorageError {
    /// Wraps a ``FileError`` raised while reading the content being saved: code ``Code-swift.enum/content``,
    /// or ``Code-swift.enum/suspiciousName`` for a rejected name.
    ///
    /// ```swift
    /// do { try chunk = chunks.next() }
    /// catch { throw StorageError(content: error, operation: "save", name: name) }
    /// // Cannot save "a.txt": reading its content failed: Input/output error (errno 5).
    /// ```
    ///
    /// The reason is worded without the file's name, so the sentence names it once.
    public init(content error: FileError, operation: String, name: String?) {
        if case .suspiciousFileOperation = error {
            self.init(.suspiciousName, operation: operation, name: name, reason: error.reasonClause)
        } else {
            self.init(.content, operation: operation, name: name, reason: "its content \(error.reasonClause)")
        }
    }

    /// Wraps a ``FileError`` from the storage's own system calls, with a code from its `errno`
    /// (`ENOENT` is ``Code-swift.enum/notFound``, `EACCES` ``Code-swift.enum/accessDenied``, …).
    init(system error: FileError, operation: String, name: String?) {
        guard case .io(_, _, let code) = error else {
            self.init(.failed, operation: operation, name: name, reason: error.reasonClause)
            return
        }
        switch code {
        case ENOENT:
            self = .notFound(operation, name)
        case EACCES, EPERM, EROFS:
            self.init(.accessDenied, operation: operation, name: name, reason: error.reasonClause)
        case EISDIR:
            self = .isDirectory(operation, name)
        case ENOTDIR:
            self.init(.notAFile, operation: operation, name: name, reason: "a part of its path is not a directory")
        default:
            self.init(.failed, operation: operation, name: name, reason: error.reasonClause)
        }
    }

    /// The error for a name that ``validateFileName(_:allowRelativePath:)`` or the storage path rules reject.
    init(_ problem: FileNameProblem, operation: String, name: String?) {
        self.init(.suspiciousName, operation: operation, name: name, reason: problem.storageReason)
    }
}

extension FileNameProblem {
    /// The problem as the end of a ``StorageError`` sentence, without the name.
    var storageReason: String {
        switch self {
        case .underivable: "no file name can be derived from it"
        case .traversal: "it is an absolute path or climbs out of the storage with \"..\""
        case .pathElements: "it includes path elements"
        }
    }
}

extension FileError {
    /// What went wrong, as the end of a sentence that has already named the file.
    var reasonClause: String {
        switch self {
        case .closed(let operation, _):
            return "cannot be read because it is closed (while trying to \(operation) it)"
        case .cannotReopen:
            return "is closed and cannot be reopened"
        case .suspiciousFileOperation(let message):
            return "is rejected: \(message)"
        case .sizeUnknown:
            return "has no known size"
        case .invalidMode(let mode):
            return "cannot be opened with the invalid mode '\(mode)'"
        case .unsupportedOperation(let operation, _):
            return "is a stream that cannot \(operation)"
        case .invalidArgument(let operation, let detail):
            return "cannot \(operation): \(detail)"
        case .io(let operation, _, let code):
            let text = strerror(code).map { String(cString: $0) } ?? "unknown error"
            return "failed to \(operation): \(text) (errno \(code))"
        case .missingKey(let key):
            return "lacks the key '\(key)'"
        case .invalidValue(let key, let expected):
            return "has a value of '\(key)' that is not \(expected)"
        }
    }
}
