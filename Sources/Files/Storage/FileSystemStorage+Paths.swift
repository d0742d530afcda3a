extension FileSystemStorage {
    /// The checked path of `name` and its absolute path under ``location``.
    ///
    /// Beyond Django's `safe_join`, every existing component that is a symbolic link must resolve to a
    /// place inside the location, so a link such as `uploads -> /etc` cannot carry a save or a read out
    /// of it. A broken link as the last component is allowed (it is a taken name, as in Django); one in
    /// the middle of the path is refused. Cost: one `lstat` per component, a `realpath` per link.
    ///
    /// The check runs before the operation, so a link swapped in between by someone who can write inside
    /// the location is not caught; it guards against links left in the tree, not against such a writer.
    func resolve(_ name: String, for operation: String) throws(StorageError) -> (StoragePath, String) {
        let path = try StoragePath(name, operation: operation)
        try checkLinks(of: path, name: name, operation: operation)
        return (path, path.absolute(in: location))
    }

    private func checkLinks(of path: StoragePath, name: String, operation: String) throws(StorageError) {
        guard !path.isRoot, let realLocation = try? Syscall.canonicalPath(location) else { return }
        var current = location
        for (index, component) in path.components.enumerated() {
            current = PathSyntax.join(current, component)
            let entry: FileKind?
            do {
                entry = try Syscall.entryKind(current)
            } catch {
                throw StorageError(system: error, operation: operation, name: name)
            }
            guard let kind = entry else { return }
            guard kind == .symbolicLink else { continue }
            guard let target = try? Syscall.canonicalPath(current) else {
                if index == path.components.count - 1 { return }
                throw StorageError(
                    .notAFile, operation: operation, name: name,
                    reason: "\"\(path.components[...index].joined(separator: "/"))\" is a broken symbolic link")
            }
            guard Self.isInside(target, realLocation) else {
                throw StorageError(
                    .suspiciousName, operation: operation, name: name,
                    reason: "it leads outside the storage through a symbolic link")
            }
        }
    }

    /// Whether the canonical path `path` is `base` or inside it.
    static func isInside(_ path: String, _ base: String) -> Bool {
        path == base || path.hasPrefix(base == "/" ? "/" : base + "/")
    }
}
