#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Files in a directory on disk: Django's `FileSystemStorage`.
///
/// ```swift
/// let storage = FileSystemStorage(location: "/srv/media", baseURL: "/media/")
/// let name = try await storage.save("photos/holiday.jpg", content: upload)  // "photos/holiday_a8Zk2Qp.jpg" on a clash
/// try await storage.url(name)                                                 // "/media/photos/holiday_a8Zk2Qp.jpg"
/// ```
///
/// - Saving creates the missing directories, writes the content to a hidden temporary file beside the
///   target and then gives it its name in one atomic step (`link`, or `rename` when overwriting): a
///   reader never sees half a file, and a failed save leaves no file behind (directories it created
///   stay, as in Django). While a save runs, its `.storage-….partial` file is visible in the directory.
/// - A new name is claimed exclusively: when another save takes it first, a new available name is
///   chosen and the save goes on, so concurrent saves of one name all succeed under distinct names.
/// - A ``TemporaryUploadedFile`` on the same filesystem is moved, not copied (a 100 MB upload is saved
///   in microseconds); elsewhere it is copied.
/// - Names are joined safely: an absolute name, a `..`, and (beyond Django) a symbolic link inside the
///   location that leads outside it, are refused with ``StorageError/Code-swift.enum/suspiciousName``.
///
/// A value type holding only its settings, so it is `Sendable` and one storage can serve every task.
/// The checks and the system calls run on ``WorkerThreads/fileIO``, never on the calling task's thread:
/// an event loop or the cooperative pool is not blocked by a slow disk.
///
/// The corresponding Django API is
/// `FileSystemStorage(location, base_url, file_permissions_mode, directory_permissions_mode, allow_overwrite)`.
public struct FileSystemStorage: FileStorage {
    /// The absolute path of the directory the files are kept in.
    ///
    /// The corresponding Django API is `FileSystemStorage.location`.
    public let location: String
    /// The URL prefix the files are served under, always ending in `/`; `nil` when they are not served.
    ///
    /// The corresponding Django API is `FileSystemStorage.base_url`.
    public let baseURL: String?
    /// The permission bits every saved file gets (`0o644` by default); `nil` leaves them as created.
    ///
    /// The corresponding Django setting is `FILE_UPLOAD_PERMISSIONS`.
    public let filePermissions: Int?
    /// The permission bits every created directory gets; `nil` leaves them to the umask.
    ///
    /// The corresponding Django setting is `FILE_UPLOAD_DIRECTORY_PERMISSIONS`.
    public let directoryPermissions: Int?
    /// Whether saving a taken name replaces the file (truncating it) instead of choosing another name.
    ///
    /// The corresponding Django API is `FileSystemStorage(allow_overwrite=True)`.
    public let allowOverwrite: Bool

    /// A storage keeping its files under `location`.
    ///
    /// ```swift
    /// let media = FileSystemStorage(location: "/srv/media", baseURL: "https://cdn.example.com/media")
    /// ```
    ///
    /// A relative `location` is taken from the working directory now (`""` is the working directory);
    /// the directory is created on the first save. `baseURL` gains a trailing `/` when it lacks one.
    public init(
        location: String, baseURL: String? = nil, filePermissions: Int? = 0o644, directoryPermissions: Int? = nil,
        allowOverwrite: Bool = false
    ) {
        let absolute =
            location.hasPrefix("/") ? location : PathSyntax.join((try? Syscall.currentDirectory()) ?? ".", location)
        self.location = PathSyntax.normalized(absolute)
        self.baseURL = StorageURL.normalizedBase(baseURL)
        self.filePermissions = filePermissions
        self.directoryPermissions = directoryPermissions
        self.allowOverwrite = allowOverwrite
    }

    /// Opens the stored file `name` as a ``FileObject`` over a ``DiskStream`` with `mode`; its name is `name`.
    ///
    /// ```swift
    /// let file = try await storage.open("photos/a.jpg", mode: .read.binary)
    /// ```
    ///
    /// Throws ``StorageError/Code-swift.enum/notFound`` for a missing file and
    /// ``StorageError/Code-swift.enum/notAFile`` for a directory. The corresponding Django API is
    /// `FileSystemStorage.open(name, mode)`, whose file is named with the absolute path instead.
    public nonisolated(nonsending) func open(_ name: String, mode: FileMode) async throws(StorageError) -> FileObject {
        try await WorkerThreads.fileIO.runBorrowing { [self] () throws(StorageError) in
            let (path, target) = try resolve(name, for: "open")
            let stream: DiskStream
            do throws(FileError) {
                stream = try DiskStream(path: target, mode: mode)
            } catch {
                throw StorageError(system: error, operation: "open", name: name)
            }
            if (try? Syscall.status(target).kind) == .directory {
                try? stream.close()
                throw StorageError.isDirectory("open", name)
            }
            return FileObject(stream, name: path.name)
        }
    }

    /// Deletes the file (or empty directory) `name`; a missing name is not an error, an empty one is.
    ///
    /// The corresponding Django API is `FileSystemStorage.delete(name)`.
    public nonisolated(nonsending) func delete(_ name: String) async throws(StorageError) {
        try await WorkerThreads.fileIO.runBorrowing { [self] () throws(StorageError) in
            let (path, target) = try resolve(name, for: "delete")
            guard !path.isRoot else {
                throw StorageError.deletingTheRoot
            }
            do throws(FileError) {
                switch try Syscall.entryKind(target) {
                case nil: return
                case .directory: try Syscall.removeDirectory(target)
                default: try Syscall.removeFile(target)
                }
            } catch {
                throw StorageError(system: error, operation: "delete", name: name)
            }
        }
    }

    /// Whether anything is at `name`, a broken symbolic link included (it would be overwritten otherwise).
    ///
    /// The corresponding Django API is `FileSystemStorage.exists(name)` (`os.path.lexists`).
    public nonisolated(nonsending) func exists(_ name: String) async throws(StorageError) -> Bool {
        try await WorkerThreads.fileIO.runBorrowing { [self] () throws(StorageError) in
            let (_, target) = try resolve(name, for: "check the existence of")
            do throws(FileError) {
                return try Syscall.entryKind(target) != nil
            } catch {
                throw StorageError(system: error, operation: "check the existence of", name: name)
            }
        }
    }

    /// The directories and files directly under `path`, each sorted; `""` is the location itself (empty
    /// until the first save creates it).
    ///
    /// The corresponding Django API is `FileSystemStorage.listdir(path)`, which does not sort.
    public nonisolated(nonsending) func listDirectory(_ path: String) async throws(StorageError) -> DirectoryListing {
        try await WorkerThreads.fileIO.runBorrowing { [self] () throws(StorageError) in
            let (storagePath, target) = try resolve(path, for: "list")
            var listing = DirectoryListing(directories: [], files: [])
            // The root exists before the first save creates its directory, as an empty bucket does.
            if storagePath.isRoot, (try? Syscall.entryKind(target)) == nil { return listing }
            do throws(FileError) {
                for entry in try Syscall.directoryEntries(target).sorted() {
                    if (try? Syscall.status(PathSyntax.join(target, entry)).kind) == .directory {
                        listing.directories.append(entry)
                    } else {
                        listing.files.append(entry)
                    }
                }
                return listing
            } catch {
                throw StorageError(system: error, operation: "list", name: path)
            }
        }
    }

    /// The size of the stored file `name` in bytes.
    ///
    /// The corresponding Django API is `FileSystemStorage.size(name)`.
    public nonisolated(nonsending) func size(_ name: String) async throws(StorageError) -> Int {
        try await WorkerThreads.fileIO.runBorrowing { [self] () throws(StorageError) in
            try fileStatus(name, for: "measure").size
        }
    }

    /// The URL of `name`: ``baseURL`` followed by the name percent-encoded as Django's `filepath_to_uri`.
    ///
    /// ```swift
    /// try await FileSystemStorage(location: dir, baseURL: "/media").url("中文 名.jpg")
    /// // "/media/%E4%B8%AD%E6%96%87%20%E5%90%8D.jpg"
    /// ```
    ///
    /// Throws when the storage has no ``baseURL``. The corresponding Django API is `FileSystemStorage.url(name)`.
    public nonisolated(nonsending) func url(_ name: String) async throws(StorageError) -> String {
        try StorageURL.url(for: name, base: baseURL)
    }

    /// When the stored file `name` was last modified.
    ///
    /// The corresponding Django API is `FileSystemStorage.get_modified_time(name)`.
    public nonisolated(nonsending) func modificationDate(_ name: String) async throws(StorageError) -> Date {
        let status = try await WorkerThreads.fileIO.runBorrowing { [self] () throws(StorageError) in
            try fileStatus(name, for: "read the modification date of")
        }
        return Date(timeIntervalSince1970: status.modificationTime)
    }

    /// Whether `name` fits `maxLength` and, unless ``allowOverwrite`` is set, is free.
    ///
    /// The corresponding Django API is `FileSystemStorage.is_name_available(name, max_length)`.
    public nonisolated(nonsending) func isNameAvailable(_ name: String, maxLength: Int?) async throws(StorageError)
        -> Bool
    {
        guard Self.fits(name, maxLength) else { return false }
        if allowOverwrite { return true }
        return try await !exists(name)
    }

    /// ``FileStorage/availableName(_:maxLength:overwriting:)`` with ``allowOverwrite``: when overwriting, a
    /// name is only cut to fit, never given a random suffix.
    ///
    /// The corresponding Django API is `FileSystemStorage.get_available_name(name, max_length)`.
    public nonisolated(nonsending) func availableName(_ name: String, maxLength: Int?) async throws(StorageError)
        -> String
    {
        try await availableName(name, maxLength: maxLength, overwriting: allowOverwrite)
    }

    /// The metadata of the stored file `name`, which must not be a directory.
    private func fileStatus(_ name: String, for operation: String) throws(StorageError) -> FileStatus {
        let (_, target) = try resolve(name, for: operation)
        let status: FileStatus
        do {
            status = try Syscall.status(target)
        } catch {
            throw StorageError(system: error, operation: operation, name: name)
        }
        guard status.kind != .directory else {
            throw StorageError.isDirectory(operation, name)
        }
        return status
    }
}
