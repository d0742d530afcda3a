import Files

/// Why an attachment could not be validated, stored, read or removed.
///
/// Its ``description`` is one sentence built from the field, the file and the ``reason``:
/// `Cannot attach "notes.jpg" to "photo": its content is not an image.`
public struct AttachmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for code that branches on it.
    public enum Code: Sendable, Hashable {
        /// The field has no file (Django's "The 'photo' attribute has no file associated with it").
        case noFile
        /// The content's type is not one the field allows, or an image field's content is not an image.
        case disallowedType
        /// The content has more bytes than the field allows.
        case tooLarge
        /// The image has more pixels than the field allows.
        case tooManyPixels
        /// The file name cannot be made safe, or no name fits the field's maximum length.
        case invalidName
        /// The content could not be read.
        case unreadable
        /// The storage failed.
        case storage
        /// An image or its variants could not be made.
        case imaging
        /// The field names a storage that is not registered.
        case unknownStorage
        /// A record with attachments was saved inside a transaction that cannot tell it when it
        /// commits: use `transactionWithAttachments` (FilesFluent).
        case outsideAttachmentTransaction
    }

    /// What went wrong.
    public var code: Code
    /// The field's name (`"photo"`), when the error concerns one.
    public var field: String?
    /// The file's name, when the error concerns one.
    public var file: String?
    /// A clause saying why, without subject or final period.
    public var reason: String

    /// An error with the given parts.
    public init(_ code: Code, field: String?, file: String?, reason: String) {
        self.code = code
        self.field = field
        self.file = file
        self.reason = reason
    }

    /// The field has no file: Django's sentence, `The 'photo' attribute has no file associated with it.`
    public static func noFile(field: String) -> AttachmentError {
        AttachmentError(.noFile, field: field, file: nil, reason: "it has no file associated with it")
    }

    /// Wraps a storage failure, keeping its reason.
    static func storage(_ error: StorageError, field: String?, file: String?) -> AttachmentError {
        AttachmentError(.storage, field: field, file: file ?? error.name, reason: error.reason)
    }

    /// One sentence: the field and file, then the reason.
    public var description: String {
        if code == .noFile, let field {
            return "The '\(field)' attribute has no file associated with it."
        }
        switch (field, file) {
        case (let field?, let file?): return "Cannot attach \"\(file)\" to \"\(field)\": \(reason)."
        case (let field?, nil): return "Cannot use the attachment \"\(field)\": \(reason)."
        case (nil, let file?): return "Cannot handle the attachment \"\(file)\": \(reason)."
        case (nil, nil): return "Cannot handle an attachment: \(reason)."
        }
    }
}
