#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystemStorage {
    /// Creates every missing directory from the location down to `path`'s parent, with
    /// ``directoryPermissions`` applied exactly, and returns the parent's absolute path.
    func createParentDirectories(of path: StoragePath, name: String) throws(StorageError) -> String {
        var levels = [location]
        var ancestor = location
        while ancestor != "/", (try? Syscall.entryKind(ancestor)) == nil {
            ancestor = PathSyntax.split(ancestor).directory
            levels.insert(ancestor, at: 0)
        }
        var current = location
        for component in path.components.dropLast() {
            current = PathSyntax.join(current, component)
            levels.append(current)
        }
        for level in levels {
            do {
                try ensureDirectory(level)
            } catch .io(_, _, let code) where code == EEXIST || code == ENOTDIR {
                let shown = level.hasPrefix(location + "/") ? String(level.dropFirst(location.count + 1)) : level
                throw StorageError.fileInPath(shown, operation: "save", name: name)
            } catch {
                throw StorageError(system: error, operation: "save", name: name)
            }
        }
        return current
    }

    /// Makes sure `path` is a directory, creating it when missing (a concurrent creation is fine).
    private func ensureDirectory(_ path: String) throws(FileError) {
        if let kind = try Syscall.entryKind(path) {
            if kind == .directory || (kind == .symbolicLink && (try? Syscall.status(path).kind) == .directory) {
                return
            }
            throw .io(operation: "create the directory", path: path, code: EEXIST)
        }
        do {
            try Syscall.makeDirectory(path, permissions: 0o777)
        } catch .io(_, _, let code) where code == EEXIST {
            return try ensureDirectory(path)
        }
        if let mode = directoryPermissions {
            try Syscall.setPermissions(path, Self.permissionBits(mode))
        }
    }
}
