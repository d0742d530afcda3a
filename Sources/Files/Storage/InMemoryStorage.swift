import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Files kept in memory, for tests and previews: Django 4.2's `InMemoryStorage`.
///
/// ```swift
/// let storage = InMemoryStorage(baseURL: "/media/")
/// let name = try await storage.save("a.txt", content: ContentFile("hello"))
/// try await storage.open(name).read()  // "hello"
/// ```
///
/// Names follow the same rules as ``FileSystemStorage`` (the same save pipeline, suffixes and checks;
/// directories are created as needed and count as existing). Saving a ``TemporaryUploadedFile``
/// removes its temporary file, as Django does.
///
/// One tree guarded by a `Mutex`, so the storage is `Sendable` and safe from any number of tasks;
/// content is read before the lock is taken, so a slow stream never blocks other tasks' saves.
///
/// The corresponding Django API is `django.core.files.storage.InMemoryStorage(base_url=None)`.
public final class InMemoryStorage: FileStorage {
    /// The URL prefix the files are served under, always ending in `/`; `nil` when they are not served.
    public let baseURL: String?
    let tree = Mutex(MemoryDirectory())

    /// An empty storage whose URLs start with `baseURL` (a trailing `/` is added when missing).
    public init(baseURL: String? = nil) {
        self.baseURL = StorageURL.normalizedBase(baseURL)
    }

    /// Writes `content` under `name` (or a new available name when a concurrent save took it) and
    /// returns the normalised name stored.
    ///
    /// The corresponding Django API is `InMemoryStorage._save(name, content)`.
    public nonisolated(nonsending) func store(_ content: FileObject, as name: String) async throws(StorageError)
        -> String
    {
        let data = try Self.readWhole(content, name: name)
        var name = name
        while true {
            let path = try StoragePath(name, operation: "save")
            guard !path.isRoot else { throw StorageError(.underivable, operation: "save", name: name) }
            let file = MemoryFile(data: data, modified: Date())
            let outcome = tree.withLock { root in
                Result { () throws(MemoryTreeFailure) in
                    try root.insert(file, at: path.components[...], replacing: false)
                }
            }
            switch outcome {
            case .success:
                if let upload = content as? TemporaryUploadedFile {
                    do {
                        try Syscall.removeFile(upload.temporaryFilePath)
                    } catch {
                        throw StorageError(system: error, operation: "save", name: name)
                    }
                }
                return path.name
            case .failure(.exists):
                name = try await availableName(name, maxLength: nil)
            case .failure(let failure):
                throw Self.error(failure, path: path, operation: "save", name: name)
            }
        }
    }

    /// Opens the stored file `name` as a ``FileObject`` with `mode`; its name is `name`.
    ///
    /// `r` needs the file; `w` creates or empties it, `x` creates it and fails when it exists, `a`
    /// creates it when missing and appends. Writes reach the storage as they are made (each one stores
    /// the whole content again: O(n) per write, fine for tests; save large files with ``save(_:content:)``).
    ///
    /// The corresponding Django API is `InMemoryStorage.open(name, mode)`.
    public nonisolated(nonsending) func open(_ name: String, mode: FileMode) async throws(StorageError) -> FileObject {
        let path = try StoragePath(name, operation: "open")
        var start = Data()
        switch mode.access {
        case .read:
            start = try fileData(path, name: name, operation: "open")
        case .write:
            try store(start, at: path, replacing: true, name: name, operation: "open")
        case .exclusiveCreate:
            try store(start, at: path, replacing: false, name: name, operation: "open")
        case .append:
            if let existing = try? fileData(path, name: name, operation: "open") {
                start = existing
            } else {
                try store(start, at: path, replacing: true, name: name, operation: "open")
            }
        }
        let stream = InMemoryStorageStream(start, mode: mode, name: path.name) { [self] data throws(FileError) in
            do throws(StorageError) {
                try store(data, at: path, replacing: true, name: name, operation: "write")
            } catch {
                throw .io(operation: "write", path: path.name, code: error.code == .notAFile ? EISDIR : EIO)
            }
        }
        return FileObject(stream, name: path.name)
    }

    /// Deletes the file or the whole directory `name`; a missing name is not an error, an empty one is.
    ///
    /// The corresponding Django API is `InMemoryStorage.delete(name)`.
    public nonisolated(nonsending) func delete(_ name: String) async throws(StorageError) {
        let path = try StoragePath(name, operation: "delete")
        guard !path.isRoot else {
            throw StorageError.deletingTheRoot
        }
        tree.withLock { $0.remove(at: path.components[...]) }
    }

    /// Whether a file or a directory is at `name`. The corresponding Django API is `InMemoryStorage.exists(name)`.
    public nonisolated(nonsending) func exists(_ name: String) async throws(StorageError) -> Bool {
        let path = try StoragePath(name, operation: "check the existence of")
        return tree.withLock { $0.node(at: path.components[...]) != nil }
    }

    /// The directories and files directly under `path`, each sorted; `""` (or `./a/./.`-style paths) work.
    ///
    /// The corresponding Django API is `InMemoryStorage.listdir(path)`.
    public nonisolated(nonsending) func listDirectory(_ path: String) async throws(StorageError) -> DirectoryListing {
        let storagePath = try StoragePath(path, operation: "list")
        let node = tree.withLock { $0.node(at: storagePath.components[...]) }
        switch node {
        case .directory(let directory)?:
            var listing = DirectoryListing(directories: [], files: [])
            for (entry, child) in directory.entries.sorted(by: { $0.key < $1.key }) {
                if case .directory = child { listing.directories.append(entry) } else { listing.files.append(entry) }
            }
            return listing
        case .file?:
            throw StorageError(.notAFile, operation: "list", name: path, reason: "it is a file, not a directory")
        case nil:
            throw StorageError(.notFound, operation: "list", name: path, reason: "no such directory in the storage")
        }
    }

    /// The size of the stored file `name` in bytes. The corresponding Django API is `InMemoryStorage.size(name)`.
    public nonisolated(nonsending) func size(_ name: String) async throws(StorageError) -> Int {
        try fileNode(StoragePath(name, operation: "measure"), name: name, operation: "measure").data.count
    }

    /// The URL of `name` under ``baseURL``, percent-encoded as ``FileSystemStorage/url(_:)``.
    ///
    /// The corresponding Django API is `InMemoryStorage.url(name)`.
    public nonisolated(nonsending) func url(_ name: String) async throws(StorageError) -> String {
        try StorageURL.url(for: name, base: baseURL)
    }

    /// When the stored file `name` was last written.
    ///
    /// The corresponding Django API is `InMemoryStorage.get_modified_time(name)`.
    public nonisolated(nonsending) func modificationDate(_ name: String) async throws(StorageError) -> Date {
        let operation = "read the modification date of"
        return try fileNode(StoragePath(name, operation: operation), name: name, operation: operation).modified
    }

    // MARK: - Helpers

    private func fileNode(_ path: StoragePath, name: String, operation: String) throws(StorageError) -> MemoryFile {
        switch tree.withLock({ $0.node(at: path.components[...]) }) {
        case .file(let file)?: return file
        case .directory?: throw StorageError.isDirectory(operation, name)
        case nil: throw StorageError.notFound(operation, name)
        }
    }

    private func fileData(_ path: StoragePath, name: String, operation: String) throws(StorageError) -> Data {
        try fileNode(path, name: name, operation: operation).data
    }

    /// Stores `data` at `path`; without `replacing`, a taken name throws.
    private func store(
        _ data: Data, at path: StoragePath, replacing: Bool, name: String, operation: String
    ) throws(StorageError) {
        let file = MemoryFile(data: data, modified: Date())
        let outcome = tree.withLock { root in
            Result { () throws(MemoryTreeFailure) in
                try root.insert(file, at: path.components[...], replacing: replacing)
            }
        }
        if case .failure(let failure) = outcome {
            throw Self.error(failure, path: path, operation: operation, name: name)
        }
    }

    /// Everything `content` holds, read from its start through its chunks.
    private static func readWhole(_ content: FileObject, name: String) throws(StorageError) -> Data {
        do {
            var data = Data()
            var chunks = try content.chunks()
            while let chunk = try chunks.next() { data.append(chunk) }
            return data
        } catch {
            throw StorageError(content: error, operation: "save", name: name)
        }
    }

    private static func error(
        _ failure: MemoryTreeFailure, path: StoragePath, operation: String, name: String
    ) -> StorageError {
        switch failure {
        case .fileInPath(let index):
            let prefix = path.components[...index].joined(separator: "/")
            return StorageError.fileInPath(prefix, operation: operation, name: name)
        case .isDirectory:
            return StorageError.isDirectory(operation, name)
        case .notFound:
            return StorageError.notFound(operation, name)
        case .exists:
            return StorageError(.failed, operation: operation, name: name, reason: "it already exists")
        }
    }
}
