import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A file attached to a record: where it goes, which storage keeps it, what it may be. Django's
/// `models.FileField`.
///
/// ```swift
/// static let document = FileField<Invoice>(
///     "document", uploadTo: "invoices/%Y/", allowedContentTypes: ["application/pdf"], maximumBytes: 10 << 20)
/// ```
///
/// The record keeps an ``Attachment``; ``stage(_:clientName:for:at:)`` validates and writes the file
/// under the staging prefix, and the ORM glue promotes it once the row commits (see ``StagedAttachment``).
public struct FileField<Record>: Sendable {
    /// The rules every attachment of the field is checked against.
    public var rules: AttachmentRules
    /// Where files go.
    public var uploadTo: UploadTo<Record>

    /// A field named `name` (used in errors: "The 'photo' attribute has no file associated with it").
    ///
    /// - Parameters:
    ///   - name: The field's name, as errors and the record's column know it.
    ///   - uploadTo: The directory (with `strftime` fields) or naming function.
    ///   - storage: The name of a storage registered in ``AttachmentStorages``.
    ///   - maximumLength: The longest name stored, in characters (default 255). Longer names are
    ///     shortened in the stem, before any collision suffix; never an error, as Django's 100 is.
    ///   - allowedContentTypes: The content types accepted, recognised from the bytes; `nil` accepts any.
    ///   - maximumBytes: The largest file accepted; `nil` for no limit.
    public init(
        _ name: String, uploadTo: UploadTo<Record> = "", storage: String = AttachmentStorages.defaultName,
        maximumLength: Int = 255, allowedContentTypes: Set<String>? = nil, maximumBytes: Int? = nil
    ) {
        self.rules = AttachmentRules(
            field: name, storageName: storage, maximumLength: maximumLength,
            allowedContentTypes: allowedContentTypes, maximumBytes: maximumBytes)
        self.uploadTo = uploadTo
    }

    /// The field's name.
    public var name: String { rules.field }

    /// The name a file gets before it is made available: `uploadTo`, then `validateFileName(_:allowRelativePath:)`,
    /// then the storage's `generateFilename`, as Django's `FieldFile.generate_filename`; then cut to the
    /// field's maximum length in the stem.
    public func generateFilename(for record: Record, clientName: String, at date: Date = Date()) throws(AttachmentError)
        -> String
    {
        let path = uploadTo.path(for: record, fileName: clientName, at: date)
        return try rules.generateFilename(path)
    }

    /// Checks `content` against the field's rules, recognises its type from its bytes, and writes it
    /// under the staging prefix; nothing is written when a rule refuses it.
    ///
    /// The row that will reference it is saved next; then ``StagedAttachment/promote()`` after its
    /// commit, or ``StagedAttachment/discard()`` when it fails. The ORM glue does both.
    public nonisolated(nonsending) func stage(
        _ content: FileObject, clientName: String? = nil, for record: Record, at date: Date = Date()
    ) async throws(AttachmentError) -> StagedAttachment {
        try await stage(content, clientName: clientName, for: record, at: date, image: nil)
    }

    /// Staging for a file field, and for an image field with its image rules.
    nonisolated(nonsending) func stage(
        _ content: FileObject, clientName: String?, for record: Record, at date: Date, image: ImageRules?
    ) async throws(AttachmentError) -> StagedAttachment {
        let original = try AttachmentRules.sanitizedClientName(clientName ?? content.name, field: name)
        let candidate = try generateFilename(for: record, clientName: original, at: date)
        return try await AttachmentStager(rules: rules, image: image).stage(
            content, as: candidate, originalName: original, at: date)
    }
}
