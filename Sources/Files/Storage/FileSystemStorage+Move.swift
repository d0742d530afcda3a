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
        var name = destination
        while true {
            // The system calls run on the file I/O threads; choosing a new name comes back here.
            let attempt = try await WorkerThreads.fileIO.runBorrowing { [self, name] () throws(StorageError) in
                try moveOnce(source, to: name)
            }
            switch attempt {
            case .moved(let stored): return stored
            case .taken: name = try await availableName(name, maxLength: nil)
            case .needsCopy: return try await moveByCopying(source, to: name)
            }
        }
    }

    private enum MoveAttempt {
        case moved(String)
        case taken
        case needsCopy
    }

    /// One try at moving `source` to `name`: `.taken` when the name is (and overwriting is off),
    /// `.needsCopy` when the filesystem cannot link or the two are on different filesystems.
    private func moveOnce(_ source: String, to name: String) throws(StorageError) -> MoveAttempt {
        let (_, sourcePath) = try resolve(source, for: "move")
        let (path, target) = try resolve(name, for: "move")
        guard !path.isRoot else { throw StorageError(.underivable, operation: "move", name: name) }
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
                return .moved(path.name)
            } catch .io(_, _, let code) where code == EEXIST && !allowOverwrite {
                return .taken
            } catch .io(_, _, let code) where code == ENOENT {
                guard Syscall.pathExists(sourcePath) else { throw .notFound("move", source) }
                guard !madeDirectories else { throw .notFound("move", name) }
                _ = try createParentDirectories(of: path, name: name)
                madeDirectories = true
            } catch .io(_, _, let code) where code == EXDEV || code == EPERM || code == EOPNOTSUPP || code == EMLINK {
                return .needsCopy
            } catch {
                throw StorageError(system: error, operation: "move", name: source)
            }
        }
    }
}
