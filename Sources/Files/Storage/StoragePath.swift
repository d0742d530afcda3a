/// A stored name as the components of a relative path, checked once for every backend on disk or in
/// memory: never absolute, never `..`; `.` and empty components are dropped, so `sub/./x.txt` and
/// `sub//x.txt` are both `sub/x.txt`.
///
/// Django's `safe_join` lets `a/../b` through when it stays inside the storage; here any `..` is refused,
/// as no saved name can contain one.
struct StoragePath: Equatable {
    /// The components, none empty, `.` or `..`.
    let components: [String]

    /// Parses `name`, throwing ``StorageError/Code-swift.enum/suspiciousName`` for an absolute path or a `..`.
    init(_ name: String, operation: String) throws(StorageError) {
        if name.unicodeScalars.first == "/" {
            throw StorageError(.suspiciousName, operation: operation, name: name, reason: "it is an absolute path")
        }
        let parts = PathSyntax.components(name)
        if parts.contains(where: PathSyntax.isParent) {
            throw StorageError(
                .suspiciousName, operation: operation, name: name, reason: "it climbs out of the storage with \"..\"")
        }
        components = parts.filter { !$0.unicodeScalars.elementsEqual(".".unicodeScalars) }
    }

    /// The normalised name: the components joined with `/` (`""` for the root).
    var name: String { components.joined(separator: "/") }

    /// Whether this is the storage's root (`""`, `.`, `./.`).
    var isRoot: Bool { components.isEmpty }

    /// The path as an absolute path under `location`.
    func absolute(in location: String) -> String {
        components.isEmpty ? location : PathSyntax.join(location, name)
    }
}
