#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystemStorage {
    /// Moves `source` to `destination` with a hard link and an unlink: no byte is copied, and the link
    /// fails rather than replace a taken name, which then gets a new name in the same directory. Where
    /// the filesystem has no hard links, the file is copied (``FileStorage/move(_:to:)``'s default).
    public nonisolated(nonsending) func move(_ source: String, to destination: String) async throws(StorageError)
        -> String
    {
        let (_, sourcePath) = try resolve(source, for: "move")
        var name = destination
        var (path, target) = try resolve(name, for: "move")
        guard !path.isRoot else { throw StorageError(.underivable, operation: "move", name: destination) }
        // The directories are made only when the link finds them missing: a move into an existing
        // directory (the common case) costs the link and the unlink alone.
        var madeDirectories = false
        while true {
            do {
                if allowOverwrite {
                    try Syscall.renameEntry(sourcePath, to: target)
                } else {
                    try Syscall.hardLink(sourcePath, to: target)
                    try Syscall.removeFile(sourcePath)
                }
                return path.name
            } catch .io(_, _, let code) where code == EEXIST && !allowOverwrite {
                name = try await availableName(name, maxLength: nil)
                (path, target) = try resolve(name, for: "move")
            } catch .io(_, _, let code) where code == ENOENT {
                guard Syscall.pathExists(sourcePath) else { throw .notFound("move", source) }
                guard !madeDirectories else { throw .notFound("move", name) }
                _ = try createParentDirectories(of: path, name: name)
                madeDirectories = true
            } catch .io(_, _, let code) where code == EXDEV || code == EPERM || code == EOPNOTSUPP || code == EMLINK {
                return try await moveByCopying(source, to: name)
            } catch {
                throw StorageError(system: error, operation: "move", name: source)
            }
        }
    }
}
