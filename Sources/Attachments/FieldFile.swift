import Bridge
import Files

/// The file on a record, as the record's code sees it: Django's `FieldFile` / `ImageFieldFile`.
///
/// ```swift
/// photo.image.name          // "photos/2026/12/holiday.jpg", or nil
/// try await photo.image.url()
/// try photo.image.size()    // from the record: no storage call
/// let file = try await photo.image.open()
/// ```
///
/// An empty field answers `url`, `size` and `open` with ``AttachmentError/Code-swift.enum/noFile``,
/// naming the field, as Django does. Two field files are equal when they name the same file.
public struct FieldFile: Sendable, Hashable {
    /// The field's name.
    public let field: String
    /// What the record keeps; `nil` when the field is empty.
    public let attachment: Attachment?
    /// The specs of an image field (for variants made on first request).
    public let specs: [ImageSpec]

    /// The file of `field` described by `attachment`.
    public init(field: String, attachment: Attachment?, specs: [ImageSpec] = []) {
        self.field = field
        self.attachment = attachment
        self.specs = specs
    }

    /// The file's name, `nil` when the field is empty.
    public var name: String? { attachment?.name }

    /// Whether the field has a file (Django's `bool(fieldfile)`).
    public var hasFile: Bool { attachment != nil }

    /// The displayed width of an image.
    public var width: Int? { attachment?.width }
    /// The displayed height of an image.
    public var height: Int? { attachment?.height }

    /// The URL the storage gives the file.
    public func url() async throws(AttachmentError) -> String {
        let (attachment, storage) = try located()
        do {
            return try await storage.url(attachment.name)
        } catch {
            throw .storage(error, field: field, file: attachment.name)
        }
    }

    /// The size in bytes, as recorded.
    public func size() throws(AttachmentError) -> Int {
        guard let attachment else { throw .noFile(field: field) }
        return attachment.size
    }

    /// Opens the stored file for reading.
    public func open() async throws(AttachmentError) -> FileObject {
        let (attachment, storage) = try located()
        do {
            return try await storage.open(attachment.name, mode: .read.binary)
        } catch {
            throw .storage(error, field: field, file: attachment.name)
        }
    }

    /// The variant `spec` names, with its URL: from the record when it was made at attach (one
    /// `url` call, pure on disk), else made now (once, whichever request asks first) and stored
    /// under its deterministic name.
    public func variant(_ spec: String) async throws(AttachmentError) -> ImageVariant {
        let (attachment, storage) = try located()
        if let variant = attachment.variant(spec) {
            do {
                let url = try await storage.url(variant.name)
                return ImageVariant(name: variant.name, url: url, width: variant.width, height: variant.height)
            } catch {
                throw .storage(error, field: field, file: variant.name)
            }
        }
        guard let imageSpec = specs.first(where: { $0.name == spec }) else {
            throw AttachmentError(
                .imaging, field: field, file: attachment.name, reason: "it has no spec named \"\(spec)\"")
        }
        do {
            return try await VariantGenerators.shared.generator(for: attachment.storage, storage: storage).variant(
                imageSpec, of: attachment.name)
        } catch {
            throw AttachmentError(.imaging, field: field, file: attachment.name, reason: error.reason)
        }
    }

    private func located() throws(AttachmentError) -> (Attachment, any FileStorage) {
        guard let attachment else { throw .noFile(field: field) }
        return (attachment, try AttachmentStorages.shared.storage(named: attachment.storage))
    }

    /// Equal when both name the same file (Django compares `FieldFile`s by name).
    public static func == (lhs: FieldFile, rhs: FieldFile) -> Bool {
        lhs.name == rhs.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
    }
}
