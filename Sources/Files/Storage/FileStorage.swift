#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where files are kept: a directory on disk, memory, an S3 bucket. Django's
/// `django.core.files.storage.Storage`.
///
/// ```swift
/// let storage = FileSystemStorage(location: "/srv/media", baseURL: "/media/")
/// let name = try await storage.save("photos/holiday.jpg", content: upload)  // "photos/holiday_a8Zk2Qp.jpg" on a clash
/// let url = try await storage.url(name)
/// ```
///
/// A backend implements the primitive operations (``store(_:as:)``, ``open(_:mode:)``, ``delete(_:)``,
/// ``exists(_:)``, ``listDirectory(_:)``, ``size(_:)``, ``url(_:)``, ``modificationDate(_:)``);
/// ``save(_:content:maxLength:)``, ``isNameAvailable(_:maxLength:)``, ``availableName(_:maxLength:)``,
/// ``validName(_:)`` and ``generateFilename(_:)`` come with Django's implementations, so every backend
/// names files alike; a backend that overwrites implements ``availableName(_:maxLength:)`` with
/// ``availableName(_:maxLength:overwriting:)``. Every backend must pass the shared conformance cases
/// (the `StorageConformance` test target).
///
/// Storages are `Sendable` values or classes: one storage serves every request of a server.
/// Its `async` methods are `nonisolated(nonsending)`: they run in the caller's isolation domain, so the
/// caller's (non-`Sendable`) ``FileObject`` never crosses into another one, and an actor or the main actor can
/// save a file it keeps using. Declare a backend's implementations `nonisolated(nonsending)` too; work
/// that must leave the caller (network I/O) goes through `Sendable` values only.
public protocol FileStorage: Sendable {
    /// Saves `content` under `name` (or the content's own name when `nil`) and returns the name
    /// actually used, which differs from `name` when it was taken.
    ///
    /// The content is read from its start through ``FileObject/chunks(size:)``, so a half-read file is saved
    /// whole; it is never closed. The corresponding Django API is `Storage.save(name, content, max_length)`.
    nonisolated(nonsending) func save(_ name: String?, content: FileObject, maxLength: Int?) async throws(StorageError)
        -> String

    /// Writes `content` under exactly `name`, which ``save(_:content:maxLength:)`` has already made
    /// available, and returns the name stored (a backend may normalise it, or pick another on a race).
    ///
    /// Callers use ``save(_:content:maxLength:)``; backends implement this. Read the content through
    /// ``FileObject/chunks(size:)`` and never close it. Unless the backend overwrites, never replace an existing
    /// file: when the name was taken since ``availableName(_:maxLength:)`` chose it, take
    /// `availableName(name, maxLength: nil)` and try again. The corresponding Django API is
    /// `FileStorage._save(name, content)`.
    nonisolated(nonsending) func store(_ content: FileObject, as name: String) async throws(StorageError) -> String

    /// Gives the stored file `source` the name `destination` and returns the name it now has, which
    /// differs from `destination` when that was taken (an existing file is never replaced, unless the
    /// backend overwrites). `source` is gone afterwards.
    ///
    /// Attachments use it to promote a staged file once its row has committed. The default
    /// implementation copies through ``store(_:as:)`` and deletes the source; a backend with a cheaper
    /// way (a hard link on disk, a server-side copy on S3) implements it. Django has no such API.
    nonisolated(nonsending) func move(_ source: String, to destination: String) async throws(StorageError) -> String

    /// Opens the stored file `name`. The corresponding Django API is `Storage.open(name, mode)`.
    nonisolated(nonsending) func open(_ name: String, mode: FileMode) async throws(StorageError) -> FileObject

    /// Deletes `name`; deleting a missing name is not an error. The corresponding Django API is
    /// `FileStorage.delete(name)`.
    nonisolated(nonsending) func delete(_ name: String) async throws(StorageError)

    /// Whether `name` is taken. The corresponding Django API is `Storage.exists(name)`.
    nonisolated(nonsending) func exists(_ name: String) async throws(StorageError) -> Bool

    /// The directories and files directly under `path` (`""` is the root). The corresponding Django API
    /// is `FileStorage.listdir(path)`.
    nonisolated(nonsending) func listDirectory(_ path: String) async throws(StorageError) -> DirectoryListing

    /// The size of the stored file `name` in bytes. The corresponding Django API is `Storage.size(name)`.
    nonisolated(nonsending) func size(_ name: String) async throws(StorageError) -> Int

    /// The URL at which `name` can be fetched. The corresponding Django API is `Storage.url(name)`.
    nonisolated(nonsending) func url(_ name: String) async throws(StorageError) -> String

    /// When `name` was last modified. The corresponding Django API is `Storage.get_modified_time(name)`.
    nonisolated(nonsending) func modificationDate(_ name: String) async throws(StorageError) -> Date

    /// Whether a new file may be stored under `name`: it is not taken (or the backend overwrites) and it
    /// is at most `maxLength` characters. The corresponding Django API is `Storage.is_name_available`.
    nonisolated(nonsending) func isNameAvailable(_ name: String, maxLength: Int?) async throws(StorageError) -> Bool

    /// `name`, or `name` with `_` and 7 random alphanumerics before its extensions, such that the name is
    /// available. The corresponding Django API is `Storage.get_available_name(name, max_length)`.
    nonisolated(nonsending) func availableName(_ name: String, maxLength: Int?) async throws(StorageError) -> String

    /// `name` reduced to a safe file name (`"john's portrait.jpg"` → `"johns_portrait.jpg"`).
    /// The corresponding Django API is `Storage.get_valid_name(name)`.
    func validName(_ name: String) throws(StorageError) -> String

    /// `filename` with its last component made valid and its path normalised.
    /// The corresponding Django API is `Storage.generate_filename(filename)`.
    func generateFilename(_ filename: String) throws(StorageError) -> String
}

/// What ``FileStorage/listDirectory(_:)`` finds directly under a path.
///
/// ```swift
/// let listing = try await storage.listDirectory("photos")
/// listing.directories  // ["2024", "2025"]
/// listing.files        // ["a.jpg", "b.jpg"]
/// ```
///
/// The corresponding Django API is the `(dirs, files)` tuple `Storage.listdir(path)` returns.
public struct DirectoryListing: Sendable, Hashable {
    /// The names of the directories, sorted.
    public var directories: [String]
    /// The names of the files, sorted.
    public var files: [String]

    /// A listing of `directories` and `files`, as given (backends pass them sorted).
    public init(directories: [String], files: [String]) {
        self.directories = directories
        self.files = files
    }
}
