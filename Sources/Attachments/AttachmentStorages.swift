import Files
import Synchronization

/// The storages attachments are kept in, by name: what Django's `STORAGES` setting is.
///
/// ```swift
/// AttachmentStorages.shared.register(FileSystemStorage(location: "/srv/media", baseURL: "/media/"))
/// AttachmentStorages.shared.register(s3, as: "archive")
/// ```
///
/// A field names its storage (`AttachmentRules.storageName`), and every ``Attachment`` records the name it
/// was stored under, so a record read back finds its file even after the field moved to another storage.
public final class AttachmentStorages: Sendable {
    /// The storages of this process.
    public static let shared = AttachmentStorages()

    /// The name a field uses when it names none.
    public static let defaultName = "default"

    private let storages = Mutex<[String: any FileStorage]>([:])

    /// An empty registry; apps use ``shared``.
    public init() {}

    /// Makes `storage` known as `name`, replacing any storage of that name.
    public func register(_ storage: any FileStorage, as name: String = AttachmentStorages.defaultName) {
        storages.withLock { $0[name] = storage }
        VariantGenerators.shared.forget(name)
    }

    /// Forgets the storage named `name`; attachments recorded with it cannot be opened until a
    /// storage is registered under that name again.
    public func removeStorage(named name: String) {
        _ = storages.withLock { $0.removeValue(forKey: name) }
        VariantGenerators.shared.forget(name)
    }

    /// The storage named `name`.
    public func storage(named name: String) throws(AttachmentError) -> any FileStorage {
        guard let storage = storages.withLock({ $0[name] }) else {
            throw AttachmentError(
                .unknownStorage, field: nil, file: nil, reason: "no storage is registered as \"\(name)\"")
        }
        return storage
    }
}
