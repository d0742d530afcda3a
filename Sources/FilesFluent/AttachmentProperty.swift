import Attachments
import Bridge
import Files
import FluentKit
import NIOConcurrencyHelpers

extension Fields {
    /// An attachment column: `@AttachmentField(key: "image", Photo.image) var image: FieldFile`.
    public typealias AttachmentField = AttachmentProperty<Self>
}

/// A file or image attached to a Fluent model, kept in one JSON column: Django's `FileField` /
/// `ImageField` on a model.
///
/// ```swift
/// final class Photo: Model, @unchecked Sendable {
///     static let schema = "photos"
///     static let image = ImageField<Photo>("image", uploadTo: "photos/%Y/%m/", specs: [small, avatar])
///
///     @ID var id: UUID?
///     @Field(key: "title") var title: String
///     @AttachmentField(key: "image", Photo.image) var image: FieldFile
/// }
///
/// try await photo.attach(upload, to: \.$image)   // validated, staged, variants made
/// try await photo.save(on: db)                    // row written, then the file promoted
/// photo.image.url() / photo.image.width / photo.image.attachment?.variants
/// ```
///
/// The wrapped value is a `FieldFile`: empty until a file is attached or loaded. The
/// column is written by `save`, and ``AttachmentMiddleware`` promotes new files after the commit and
/// deletes replaced ones (see `Database.transactionWithAttachments(_:)`).
@propertyWrapper
public final class AttachmentProperty<Model: Fields>: @unchecked Sendable {
    /// The column.
    public let key: FieldKey
    /// The declaration.
    public let declaration: AttachmentDeclaration<Model>
    let column: OptionalFieldProperty<Model, Attachment>
    private let lock = NIOLock()
    private var staged: StagedAttachment?
    private var replaced: [Attachment] = []

    /// An attachment column `key`, declared by a file field.
    public init(key: FieldKey, _ field: FileField<Model>) {
        self.key = key
        self.declaration = .file(field)
        self.column = OptionalFieldProperty(key: key)
    }

    /// An attachment column `key`, declared by an image field.
    public init(key: FieldKey, _ field: ImageField<Model>) {
        self.key = key
        self.declaration = .image(field)
        self.column = OptionalFieldProperty(key: key)
    }

    /// The file, as Django's `FieldFile`: its name, URL, size and variants.
    public var wrappedValue: FieldFile {
        FieldFile(field: declaration.name, attachment: attachment, specs: declaration.specs)
    }

    /// The property itself: `photo.$image.clear()`.
    public var projectedValue: AttachmentProperty<Model> { self }

    /// What the column holds now (or will once saved); `nil` when empty.
    public var attachment: Attachment? {
        column.value ?? nil
    }

    /// Empties the field; the file and its variants are deleted once the change commits.
    public func clear() async {
        let previous = takeStaged()
        await previous?.discard()
        rememberReplaced()
        column.value = .some(nil)
    }

    /// Sets the column to a staged file, discarding a file staged earlier and not saved.
    func setStaged(_ new: StagedAttachment) async {
        let previous = lock.withLock {
            let previous = staged
            staged = new
            return previous
        }
        await previous?.discard()
        rememberReplaced()
        column.value = .some(new.attachment)
    }

    /// The stored value as loaded, remembered so that it is deleted when the change commits.
    private func rememberReplaced() {
        guard let committed = loadedValue else { return }
        lock.withLock {
            if !replaced.contains(committed) { replaced.append(committed) }
        }
    }

    /// The value last read from or written to the database.
    var loadedValue: Attachment?

    private func takeStaged() -> StagedAttachment? {
        lock.withLock {
            let current = staged
            staged = nil
            return current
        }
    }

    /// Whether a file was attached or the field cleared since the last save.
    var hasPendingChange: Bool {
        lock.withLock { staged != nil || !replaced.isEmpty }
    }

    /// The work a save of this model must finish after its commit, taken from the property.
    func takeSaveWork() -> AttachmentWork {
        lock.withLock {
            // What the row will hold after this save is not replaced, whatever was loaded before.
            let current = attachment
            let work = AttachmentWork(property: self, staged: staged, replaced: replaced.filter { $0 != current })
            staged = nil
            replaced = []
            return work
        }
    }

    /// The work a delete of this model must finish after its commit.
    func takeDeleteWork() -> AttachmentWork {
        lock.withLock {
            var doomed = replaced
            if let current = loadedValue, !doomed.contains(current) { doomed.append(current) }
            let work = AttachmentWork(property: self, staged: staged, replaced: doomed)
            staged = nil
            replaced = []
            return work
        }
    }

    /// Adds a stored value that the save being made overwrites (another writer's, found on re-reading
    /// the row), so that it is deleted after the commit.
    func addReplaced(_ attachment: Attachment) {
        lock.withLock {
            if !replaced.contains(attachment) { replaced.append(attachment) }
        }
    }

    /// Records a promoted file whose name changed, so that the next save writes it.
    func setPromoted(_ attachment: Attachment) {
        column.value = .some(attachment)
    }
}

/// A `FileField` or an `ImageField`: what an ``AttachmentProperty`` is declared with.
public enum AttachmentDeclaration<Model>: Sendable {
    /// A file of any type the field accepts.
    case file(FileField<Model>)
    /// An image, with variants.
    case image(ImageField<Model>)

    /// The field's name.
    public var name: String {
        switch self {
        case .file(let field): field.name
        case .image(let field): field.name
        }
    }

    /// The field's rules.
    public var rules: AttachmentRules {
        switch self {
        case .file(let field): field.rules
        case .image(let field): field.rules
        }
    }

    /// The variant specs of an image field; empty for a file field.
    public var specs: [ImageSpec] {
        switch self {
        case .file: []
        case .image(let field): field.image.specs
        }
    }

    nonisolated(nonsending) func stage(_ content: FileObject, clientName: String?, for record: Model)
        async throws(AttachmentError) -> StagedAttachment
    {
        switch self {
        case .file(let field): try await field.stage(content, clientName: clientName, for: record)
        case .image(let field): try await field.stage(content, clientName: clientName, for: record)
        }
    }
}

// MARK: Fluent's property protocols, forwarded to the JSON column.

extension AttachmentProperty: AnyProperty {
    public static var anyValueType: Any.Type { Attachment.self }
    public var anyValue: Any? { attachment }
}

extension AttachmentProperty: AnyDatabaseProperty {
    public var keys: [FieldKey] { [key] }

    public func input(to input: any DatabaseInput) {
        column.input(to: input)
    }

    public func output(from output: any DatabaseOutput) throws {
        try column.output(from: output)
        if output.contains(key) { loadedValue = column.value ?? nil }
    }
}

extension AttachmentProperty: AnyCodableProperty {
    public func encode(to encoder: any Encoder) throws {
        try column.encode(to: encoder)
    }

    public func decode(from decoder: any Decoder) throws {
        try column.decode(from: decoder)
    }
}

extension Model {
    /// Validates `content` against the field, writes it (and an image's variants) under the staging
    /// prefix, and sets the column; the next `save(on:)` writes the row and promotes the file after
    /// the commit. Nothing is written when the field refuses the file.
    ///
    /// The corresponding Django API is `FieldFile.save(name, content, save=False)`.
    public func attach(
        _ content: FileObject, name: String? = nil, to property: KeyPath<Self, AttachmentProperty<Self>>
    ) async throws(AttachmentError) {
        let field = self[keyPath: property]
        let staged = try await field.declaration.stage(content, clientName: name, for: self)
        await field.setStaged(staged)
    }

    /// Sets the column to a file staged already (a direct upload's `finalize`): the next `save(on:)`
    /// writes the row and promotes the file after the commit, as for ``attach(_:name:to:)``.
    public func attach(_ staged: StagedAttachment, to property: KeyPath<Self, AttachmentProperty<Self>>) async {
        await self[keyPath: property].setStaged(staged)
    }
}
