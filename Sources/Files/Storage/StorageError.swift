/// The one error type ``FileStorage`` backends throw: what went wrong, with which name, as one sentence.
///
/// ```swift
/// do { _ = try await storage.open("missing.jpg") }
/// catch { print(error) }  // Cannot open "missing.jpg": no such file in the storage.
/// ```
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure; switch over it to map errors to HTTP statuses.
    public enum Code: Sendable, Hashable {
        /// No stored file has the name (HTTP 404; S3's `NoSuchKey`).
        case notFound
        /// The name is unsafe or leads outside the storage (Django's `SuspiciousFileOperation`).
        case suspiciousName
        /// No available name fits the maximum length.
        case noAvailableName
        /// Another writer took the name first (S3's `PreconditionFailed` on a write that must not replace).
        case nameTaken
        /// The name is a directory where a file was expected, or a file where a directory was.
        case notAFile
        /// The backend refused the credentials or the operation (S3's `AccessDenied`, `EACCES`).
        case accessDenied
        /// The request's signature did not match (S3's `SignatureDoesNotMatch`).
        case signatureMismatch
        /// The storage could not be reached (connection refused, DNS, TLS).
        case unreachable
        /// The storage did not answer in time.
        case timeout
        /// The content could not be read (a ``FileError`` from the file being saved).
        case content
        /// The storage failed for another reason (an `errno`, an S3 error code).
        case failed
    }

    /// The kind of failure.
    public var code: Code
    /// The operation, as a verb: `"save"`, `"open"`, `"delete"`, ….
    public var operation: String
    /// The name the operation was about, when there is one.
    public var name: String?
    /// Why, as the end of a sentence: `"no such file in the storage"`.
    public var reason: String

    /// An error of kind `code` for `operation` on `name`; `reason` ends the sentence, without the name.
    public init(_ code: Code, operation: String, name: String?, reason: String) {
        self.code = code
        self.operation = operation
        self.name = name
        self.reason = reason
    }

    /// `Cannot <operation> "<name>": <reason>.`
    public var description: String {
        let subject = name.map { " \"\($0)\"" } ?? ""
        return "Cannot \(operation)\(subject): \(reason)."
    }
}
