import Attachments

/// Why a direct upload could not be prepared or finalized, with the HTTP status to answer.
///
/// Its ``description`` is one sentence built from the ``reason``:
/// `Cannot finalize the direct upload "staging/…/cat.jpg": its content is not an image.`
public struct DirectUploadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for code that branches on it.
    public enum Code: Sendable, Hashable {
        /// The token is not one this app signed (altered, truncated, or signed with a key no longer held).
        case invalidToken
        /// The token's time is over: the form was posted too late, or the finalize came too late.
        case expiredToken
        /// The token was made for another field.
        case wrongField
        /// The key is not under the field's staging prefix.
        case outsideStaging
        /// The key is not the one the token was made for.
        case wrongKey
        /// No object is stored under the key: never uploaded, finalized already (a replay), or swept.
        case notUploaded
        /// The object breaks one of the field's rules (too large, not an accepted type, too many pixels);
        /// it was deleted.
        case rejected(AttachmentError.Code)
        /// The field's storage is not an `S3Storage`: only S3 takes uploads straight from a browser.
        case notS3
        /// The storage failed.
        case storage
    }

    /// What went wrong.
    public var code: Code
    /// `"prepare"` or `"finalize"`.
    public var operation: String
    /// The object's key or the field's name the error concerns, when there is one.
    public var subject: String?
    /// A clause saying why, without subject or final period.
    public var reason: String

    /// An error with the given parts.
    public init(_ code: Code, operation: String, subject: String?, reason: String) {
        self.code = code
        self.operation = operation
        self.subject = subject
        self.reason = reason
    }

    /// The status an app answers with: 403 for a token or key that is not this upload's, 404 for a
    /// missing object, 413 for too many bytes or pixels, 415 for a type the field refuses, 422 for
    /// another rejection, 500 for a storage that is not S3 and 502 for a failing storage.
    public var status: Int {
        switch code {
        case .invalidToken, .expiredToken, .wrongField, .outsideStaging, .wrongKey: 403
        case .notUploaded: 404
        case .rejected(.tooLarge), .rejected(.tooManyPixels): 413
        case .rejected(.disallowedType): 415
        case .rejected: 422
        case .notS3: 500
        case .storage: 502
        }
    }

    /// One sentence: the operation and its subject, then the reason.
    public var description: String {
        switch (operation, subject) {
        case ("prepare", let field?): "Cannot prepare a direct upload for \"\(field)\": \(reason)."
        case (let operation, let subject?): "Cannot \(operation) the direct upload \"\(subject)\": \(reason)."
        case (let operation, nil): "Cannot \(operation) a direct upload: \(reason)."
        }
    }

    /// A rule's refusal of the object `key`, keeping its reason.
    static func rejected(_ error: AttachmentError, key: String) -> DirectUploadError {
        switch error.code {
        case .storage, .unknownStorage:
            DirectUploadError(.storage, operation: "finalize", subject: key, reason: error.reason)
        default:
            DirectUploadError(.rejected(error.code), operation: "finalize", subject: key, reason: error.reason)
        }
    }
}
