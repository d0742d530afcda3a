import Synchronization

/// The final names this process has promised to staged files and not yet promoted them to, so that
/// two saves at once never choose the same name. (Across processes, promotion's no-overwrite move
/// settles a clash: the later file gets a new name.)
final class NameReservations: Sendable {
    static let shared = NameReservations()

    private let names = Mutex<Set<String>>([])

    /// Claims `name` in `storage`; false when it is already claimed.
    func reserve(_ name: String, in storage: String) -> Bool {
        names.withLock { $0.insert(Self.key(name, storage)).inserted }
    }

    /// Gives `name` back.
    func release(_ name: String, in storage: String) {
        _ = names.withLock { $0.remove(Self.key(name, storage)) }
    }

    private static func key(_ name: String, _ storage: String) -> String {
        storage + "\u{0}" + name
    }
}
