import Attachments
import Files
import FilesFluent
import FluentKit
import Foundation
import Imaging
import StorageTestSupport
import TestSupport
import Testing

/// Every Fluent suite, one test at a time: they share the `photos` table and the storage name.
@Suite(.serialized) enum FluentAttachmentTests {}

/// A database and a storage: every Fluent test runs on each pair it is given.
struct Backend: Sendable, CustomStringConvertible {
    var database: DatabaseFactory
    var storage: StorageFactory
    var description: String { "\(database) + \(storage)" }

    /// SQLite and PostgreSQL, each with memory, disk and S3 (moto).
    static let all: [Backend] = DatabaseFactory.all.flatMap { database in
        [StorageFactory.memory, .fileSystem, .s3].map { Backend(database: database, storage: $0) }
    }

    /// SQLite and PostgreSQL on disk: for the tests whose storage makes no difference.
    static let onDisk: [Backend] = DatabaseFactory.all.map { Backend(database: $0, storage: .fileSystem) }

    /// Runs `body` with a database whose `photos` table is empty and a new storage registered for
    /// `Photo`'s field. The suites run one at a time (``FluentAttachmentTests``), so the one name is
    /// theirs alone.
    func run(history: QueryHistory? = nil, _ body: @escaping (any Database, any FileStorage) async throws -> Void)
        async throws
    {
        try await storage.withStorage { storage in
            AttachmentStorages.shared.register(storage, as: Photo.storageName)
            defer { AttachmentStorages.shared.removeStorage(named: Photo.storageName) }
            try await database.withDatabase(history: history) { db in
                // A query-level delete: no model middleware, so no earlier test's files are touched.
                try await Photo.query(on: db).delete(force: true)
                try await body(db, storage)
            }
        }
    }
}

enum Samples {
    /// Kept as arrays: LeakSanitizer does not see the pointer inside a `Data` kept in a global.
    static func image(width: Int, height: Int, as encoding: ImageEncoding = .jpeg(quality: 90)) -> [UInt8] {
        let pixels = SyntheticPhoto.rgbPixels(width: width, height: height, diagonalStep: 7)
        return try! Image(width: width, height: height, pixelFormat: .rgb, pixels: pixels).encoded(as: encoding)
    }

    private static let jpegBytes = image(width: 600, height: 400)
    private static let otherBytes = image(width: 400, height: 600)
    private static let pngBytes = image(width: 300, height: 200, as: .png())
    static var jpeg: Data { Data(jpegBytes) }
    static var other: Data { Data(otherBytes) }
    static var png: Data { Data(pngBytes) }
}

/// Storage and rows agree: every file in the storage is referenced by exactly one row of this
/// storage, and every file a row references exists. Nothing is left under the staging prefix.
func expectConsistent(_ db: any Database, _ storage: any FileStorage, sourceLocation: SourceLocation = #_sourceLocation)
    async throws
{
    let rows = try await Photo.query(on: db).all()
    var referenced: [String] = []
    for row in rows { referenced += row.image.attachment?.storedNames ?? [] }
    let files = try await storage.allFileNames()
    #expect(Set(referenced).count == referenced.count, "a file is referenced twice", sourceLocation: sourceLocation)
    #expect(files == referenced.sorted(), sourceLocation: sourceLocation)
}
