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
    /// // Cannot save "a.txt": its content cannot be read: Input/output error (errno 5).
    /// ```
    ///
    /// The reason is the file error's ``FileError/reason``, worded without the file's name, so the
    /// sentence names it once.
    public init(content error: FileError, operation: String, name: String?) {
        if case .suspiciousFileOperation = error {
            self.init(.suspiciousName, operation: operation, name: name, reason: error.reason)
        } else {
            self.init(.content, operation: operation, name: name, reason: "its content cannot be read: \(error.reason)")
        }
    }

    /// Wraps a ``FileError`` from the storage's own system calls, with a code from its `errno`
    /// (`ENOENT` is ``Code-swift.enum/notFound``, `EACCES` ``Code-swift.enum/accessDenied``, …).
    init(system error: FileError, operation: String, name: String?) {
        guard case .io(_, _, let code) = error else {
            self.init(.failed, operation: operation, name: name, reason: error.reason)
            return
        }
        switch code {
        case ENOENT:
            self = .notFound(operation, name)
        case EACCES, EPERM, EROFS:
            self.init(.accessDenied, operation: operation, name: name, reason: error.reason)
        case EISDIR:
            self = .isDirectory(operation, name)
        case ENOTDIR:
            self.init(.notAFile, operation: operation, name: name, reason: "a part of its path is not a directory")
        default:
            self.init(.failed, operation: operation, name: name, reason: error.reason)
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
