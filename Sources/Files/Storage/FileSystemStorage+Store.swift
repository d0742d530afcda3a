#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystemStorage {
    /// Writes `content` under `name` (or, when another save claims `name` first, under a new available
    /// name) and returns the normalised name stored: `sub/./x.txt` is stored as `sub/x.txt`.
    ///
    /// Called by ``FileStorage/save(_:content:maxLength:)``; see ``FileSystemStorage`` for the guarantees.
    /// The corresponding Django API is `FileSystemStorage._save(name, content)`.
    public nonisolated(nonsending) func store(_ content: FileObject, as name: String) async throws(StorageError)
        -> String
    {
        var name = name
        // Copying the content and the system calls block: they run on the file I/O threads.
        var staged = try await WorkerThreads.fileIO.runBorrowing { () throws(StorageError) in
            try stage(content, as: name)
        }
        defer { staged.source.discardCopy() }
        while true {
            let (result, source) = try await WorkerThreads.fileIO.runBorrowing {
                [self, staged, name] () throws(StorageError) in
                var source = staged.source
                let (_, target) = try resolve(name, for: "save")
                let result = try publish(&source, at: target, content: content, directory: staged.directory, name: name)
                return (result, source)
            }
            staged.source = source
            switch result {
            case .published:
                return try resolve(name, for: "save").0.name
            case .taken:
                // Another save won the race for this name: take a new one in the same directory.
                name = try await availableName(name, maxLength: nil)
            }
        }
    }

    /// The bytes of `content` ready to publish as `name` (its directory made), and that directory.
    private func stage(_ content: FileObject, as name: String) throws(StorageError) -> (
        source: StagedSource, directory: String
    ) {
        let (path, _) = try resolve(name, for: "save")
        guard !path.isRoot else { throw StorageError(.underivable, operation: "save", name: name) }
        let directory = try createParentDirectories(of: path, name: name)
        return (try stagedSource(for: content, in: directory, name: name), directory)
    }

    /// Where the bytes to publish are: the upload's own temporary file, or a copy written beside the target.
    struct StagedSource {
        var path: String
        /// Whether `path` is this storage's copy, removed unless published (never the caller's file).
        var isCopy: Bool

        /// Removes the copy if it is still there; the caller's temporary upload is left alone.
        mutating func discardCopy() {
            if isCopy { try? Syscall.removeFile(path) }
            isCopy = false
        }
    }

    enum PublishResult {
        case published
        case taken
    }

    /// A temporary upload's file when it can be moved, else a copy of the content in `directory`.
    private func stagedSource(for content: FileObject, in directory: String, name: String) throws(StorageError)
        -> StagedSource
    {
        if let upload = content as? TemporaryUploadedFile,
            (try? Syscall.entryKind(upload.temporaryFilePath)) == .regular
        {
            if let mode = filePermissions {
                do {
                    try Syscall.setPermissions(upload.temporaryFilePath, Self.permissionBits(mode))
                } catch {
                    throw StorageError(system: error, operation: "save", name: name)
                }
            }
            return StagedSource(path: upload.temporaryFilePath, isCopy: false)
        }
        return StagedSource(path: try writeCopy(of: content, in: directory, name: name), isCopy: true)
    }

    /// Gives the staged bytes the name `target`: `rename` when overwriting, else `link` (which fails
    /// when the name is taken) and removing the staging name. A source on another filesystem is
    /// copied into `directory` first.
    private func publish(
        _ source: inout StagedSource, at target: String, content: FileObject, directory: String, name: String
    ) throws(StorageError) -> PublishResult {
        do {
            if allowOverwrite {
                try Syscall.renameEntry(source.path, to: target)
            } else {
                try Syscall.hardLink(source.path, to: target)
                try Syscall.removeFile(source.path)
            }
            source.isCopy = false
            return .published
        } catch .io(_, _, let code) where code == EEXIST && !allowOverwrite {
            return .taken
        } catch .io(_, _, let code) where code == EXDEV && !source.isCopy {
            // The upload's temporary directory is on another filesystem: copy it here, then publish.
            source = StagedSource(path: try writeCopy(of: content, in: directory, name: name), isCopy: true)
            return try publish(&source, at: target, content: content, directory: directory, name: name)
        } catch .io(_, _, let code) where Self.linkUnsupported(code) && !allowOverwrite {
            return try publishByReserving(&source, at: target, name: name)
        } catch .io(_, _, let code) where code == EISDIR || (code == EEXIST && allowOverwrite) {
            throw StorageError(.notAFile, operation: "save", name: name, reason: "a directory has that name")
        } catch {
            throw StorageError(system: error, operation: "save", name: name)
        }
    }

    /// For filesystems without hard links: claim `target` with `O_CREAT|O_EXCL`, then rename over it.
    private func publishByReserving(
        _ source: inout StagedSource, at target: String, name: String
    ) throws(StorageError) -> PublishResult {
        do {
            let descriptor = try Syscall.openFile(target, flags: O_WRONLY | O_CREAT | O_EXCL, permissions: 0o600)
            try Syscall.closeDescriptor(descriptor, path: target)
            try Syscall.renameEntry(source.path, to: target)
            source.isCopy = false
            return .published
        } catch .io(_, _, let code) where code == EEXIST {
            return .taken
        } catch {
            throw StorageError(system: error, operation: "save", name: name)
        }
    }

    /// Whether `link` failed because the filesystem has no hard links (FAT, some network filesystems).
    private static func linkUnsupported(_ code: Int32) -> Bool {
        code == EPERM || code == EOPNOTSUPP || code == ENOTSUP || code == EMLINK || code == ENOSYS
    }

    /// Writes the content, from its start in its own chunks, to a new hidden file in `directory` and
    /// returns its path; on any failure the file is removed and the error says whether reading the
    /// content or writing the disk failed.
    private func writeCopy(of content: FileObject, in directory: String, name: String) throws(StorageError) -> String {
        let (path, descriptor) = try createStagingFile(in: directory, name: name)
        let stream = DiskStream(adoptingDescriptor: descriptor, mode: Self.writeMode, name: path)
        do {
            try copyChunks(of: content, to: stream, name: name)
            return path
        } catch {
            try? stream.close()
            try? Syscall.removeFile(path)
            throw error
        }
    }

    /// Sets the permissions, writes every chunk of `content` and closes `stream`, telling a failure to
    /// read the content (``StorageError/Code-swift.enum/content``) from a failure to write the disk.
    private func copyChunks(of content: FileObject, to stream: DiskStream, name: String) throws(StorageError) {
        func system<T>(_ body: () throws(FileError) -> T) throws(StorageError) -> T {
            do { return try body() } catch { throw StorageError(system: error, operation: "save", name: name) }
        }
        func reading<T>(_ body: () throws(FileError) -> T) throws(StorageError) -> T {
            do { return try body() } catch { throw StorageError(content: error, operation: "save", name: name) }
        }
        if let mode = filePermissions, let descriptor = stream.fileDescriptor {
            try system { () throws(FileError) in
                try Syscall.setPermissions(descriptor: descriptor, Self.permissionBits(mode), path: stream.name)
            }
        }
        var chunks = try reading { () throws(FileError) in try content.chunks() }
        while let chunk = try reading({ () throws(FileError) in try chunks.next() }) {
            _ = try system { () throws(FileError) in try stream.write(chunk) }
        }
        try system { () throws(FileError) in try stream.close() }
    }

    /// Creates `directory/.storage-XXXXXXXXXXXX.partial` exclusively (mode 0600 until set).
    private func createStagingFile(in directory: String, name: String) throws(StorageError) -> (String, Int32) {
        while true {
            let path = PathSyntax.join(directory, ".storage-\(Self.randomSuffix())\(Self.randomSuffix()).partial")
            do {
                let flags = O_WRONLY | O_CREAT | O_EXCL
                return (
                    path, try Syscall.openFile(path, flags: flags, permissions: filePermissions == nil ? 0o666 : 0o600)
                )
            } catch .io(_, _, let code) where code == EEXIST {
                continue
            } catch {
                throw StorageError(system: error, operation: "save", name: name)
            }
        }
    }

    private static let writeMode = FileMode.write.binary

    /// The low 12 bits of `mode` (permissions, setuid, setgid, sticky) as a `mode_t`.
    static func permissionBits(_ mode: Int) -> mode_t {
        mode_t(truncatingIfNeeded: mode & 0o7777)
    }
}
