import Attachments
import Bridge
import Files
import FilesFluent
import FluentKit
import Foundation
import Imaging
import Logging
import NIOCore
import NIOPosix

/// The uploaded photos, as rows of ``GalleryPhoto`` in SQLite or PostgreSQL; a restarted server
/// shows the same gallery.
///
/// ```swift
/// let gallery = try await Gallery(database: .sqlite(path: "media.sqlite"), storage: storage)
/// let photo = try await gallery.add(upload, name: "cat.jpg")   // the row, then the files
/// for photo in try await gallery.photos() { … }                 // newest first, one query
/// try await gallery.delete(id: 3)                               // the row, then the files
/// ```
///
/// Opening it creates the table when missing and sweeps what a killed process staged over an hour ago.
public final class Gallery: Sendable {
    /// The connections; closed by ``shutdown()``.
    private let databases: Databases
    /// The database the photos are in.
    public let database: any Database
    /// The connection the listings read through: SQLite's own second connection, so that a page never
    /// waits behind a commit being synced (with the write-ahead log a reader does not block on the
    /// writer); PostgreSQL's pool already has several, so it is ``database`` there.
    private let readDatabase: any Database
    /// The name the storage is registered under in `AttachmentStorages.shared`.
    public let storageName: String

    /// Opens the gallery in `choice`, over `storage` registered as `storageName`.
    public init(database choice: DatabaseChoice, storage: any FileStorage, storageName: String)
        async throws(UploadAppError)
    {
        AttachmentStorages.shared.register(storage, as: storageName)
        self.storageName = storageName
        databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        let id = DatabaseID(string: "gallery")
        do {
            try choice.configure(databases, as: id)
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        databases.middleware.use(AttachmentMiddleware(), on: id)
        // One event loop, so SQLite has one connection, which serialises its writers.
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        guard let db = databases.database(id, logger: Logger(label: "UploadApp.Gallery"), on: eventLoop) else {
            await databases.shutdownAsync()
            throw UploadAppError(status: 500, message: "The database \(choice) is not configured.")
        }
        database = db
        var reader: (any Database)?
        if case .sqlite = choice {
            let readID = DatabaseID(string: "gallery-read")
            try? choice.configure(databases, as: readID)  // cannot fail for SQLite: nothing is parsed
            reader = databases.database(readID, logger: Logger(label: "UploadApp.Gallery.read"), on: eventLoop)
        }
        readDatabase = reader ?? db
        do {
            try await choice.prepare(db)
            try await GalleryMigration.run(on: db)
            _ = try await StagingSweeper(storage: storage).sweep(
                olderThan: .seconds(3600), referencedBy: GalleryPhoto.self, on: db)
        } catch {
            await databases.shutdownAsync()
            throw UploadAppError(
                status: 500, message: "Cannot open the gallery in \(choice): \(String(reflecting: error))")
        }
    }

    /// Closes the connections. Call it once, after the last request.
    public func shutdown() async {
        await databases.shutdownAsync()
    }

    /// Stages `file` (validated, with its thumbnails), saves its row and promotes the files after the
    /// commit. Nothing stays in storage when the file is refused or the save fails.
    public func add(_ file: FileObject, name: String) async throws -> GalleryPhoto {
        let photo = GalleryPhoto.$storageName.withValue(storageName) { GalleryPhoto() }
        try await photo.attach(file, name: name, to: \.$image)
        return try await save(photo)
    }

    /// Saves a row for `staged`, a photo staged already (a direct upload, finalized), and promotes its
    /// files after the commit.
    public func add(_ staged: StagedAttachment) async throws -> GalleryPhoto {
        let photo = GalleryPhoto.$storageName.withValue(storageName) { GalleryPhoto() }
        await photo.attach(staged, to: \.$image)
        return try await save(photo)
    }

    /// Saves the new `photo`, then its placeholders.
    private func save(_ photo: GalleryPhoto) async throws -> GalleryPhoto {
        try await photo.save(on: database)
        if let placeholders = await placeholders(of: photo) {
            photo.placeholders = placeholders
            try await photo.save(on: database)
        }
        return photo
    }

    /// The placeholders of `photo`, from its stored `small` thumbnail (256 px: a decode of that, never
    /// of the original); `nil` when it cannot be read, since a page without them still works.
    private func placeholders(of photo: GalleryPhoto) async -> ImagePlaceholders? {
        guard let small = photo.image.attachment?.variant(PhotoSpecs.shared.small.name),
            let storage = try? AttachmentStorages.shared.storage(named: storageName),
            let file = try? await storage.open(small.name, mode: .read.binary)
        else { return nil }
        return await WorkerThreads.imaging.run {
            defer { try? file.close() }
            guard let bytes = try? file.read(), let image = try? Image(decoding: bytes) else { return nil }
            return try? ImagePlaceholders(of: image)
        }
    }

    /// Removes what saves that died left in the storage's staging area more than `age` before `now`:
    /// a staged file a committed row references is promoted to that name, every other one deleted.
    /// Safe while other servers of the same database and storage run, as long as `age` is longer than
    /// an upload takes (a younger staged file may be an upload in progress). Staging directories are
    /// per process and ten-minute window, and one is swept only once its window has closed; pass
    /// `now: .distantFuture` to sweep every one, when no upload is in progress anywhere.
    ///
    /// ```swift
    /// let report = try await gallery.sweep(olderThan: .seconds(3600))
    /// print(report.deleted.count, report.promoted.count)
    /// ```
    ///
    /// Cost: one listing of the staging prefix and one read of every row.
    public func sweep(olderThan age: Duration, now: Date = Date()) async throws -> StagingSweeper.Report {
        let storage = try AttachmentStorages.shared.storage(named: storageName)
        return try await StagingSweeper(storage: storage).sweep(
            olderThan: age, now: now, referencedBy: GalleryPhoto.self, on: database)
    }

    /// The photos, newest first: all of them, or at most `limit` of those older than the photo `id`.
    public func photos(olderThan id: Int? = nil, limit: Int? = nil) async throws -> [GalleryPhoto] {
        let query = GalleryPhoto.query(on: readDatabase).sort(\.$id, .descending)
        if let id { query.filter(\.$id < id) }
        if let limit { query.limit(limit) }
        return try await query.all()
    }

    /// Deletes the row `id`, then its original and thumbnails; `false` when there is no such row.
    public func delete(id: Int) async throws -> Bool {
        guard let photo = try await GalleryPhoto.find(id, on: database) else { return false }
        try await photo.delete(on: database)
        return true
    }
}
