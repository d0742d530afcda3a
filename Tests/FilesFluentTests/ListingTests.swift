import Attachments
import Files
import FilesFluent
import FluentKit
import Foundation
import StorageTestSupport
import Synchronization
import Testing

extension FluentAttachmentTests {
    @Suite("A page of records renders from the rows alone")
    struct ListingTests {
        @Test(arguments: DatabaseFactory.all)
        func fiftyRecordsWithTheirVariantsTakeOneQueryAndNoStorageCall(_ database: DatabaseFactory) async throws {
            let history = QueryHistory()
            try await Backend(database: database, storage: .memory).run(history: history) {
                (db: any Database, storage: any FileStorage) async throws in
                let counting = CountingStorage(base: storage)
                AttachmentStorages.shared.register(counting, as: Photo.storageName)
                for index in 0..<50 {
                    let photo = Photo(title: "page \(index)")
                    try await photo.attach(ContentFile(Samples.png, name: "p\(index).png"), to: \.$image)
                    try await photo.save(on: db)
                }
                counting.reset()
                history.queries = []

                let rows = try await Photo.query(on: db).sort(\.$title).all()
                var rendered: [String] = []
                for row in rows {
                    let attachment = try #require(row.image.attachment)
                    let small = try #require(attachment.variant("small"))
                    rendered.append(
                        "\(attachment.name) \(attachment.width ?? 0)x\(attachment.height ?? 0) "
                            + "\(small.name) \(small.width)x\(small.height) \(try row.image.size())")
                }
                #expect(rendered.count == 50)
                #expect(history.queries.count == 1)
                #expect(counting.calls == 0)
            }
        }
    }
}

/// A storage that counts the calls that reach it.
final class CountingStorage: FileStorage {
    let base: any FileStorage
    private let count = Mutex(0)

    init(base: any FileStorage) { self.base = base }

    var calls: Int { count.withLock { $0 } }
    func reset() { count.withLock { $0 = 0 } }
    private func tally() { count.withLock { $0 += 1 } }

    nonisolated(nonsending) func store(_ content: FileObject, as name: String) async throws(StorageError) -> String {
        tally()
        return try await base.store(content, as: name)
    }

    nonisolated(nonsending) func open(_ name: String, mode: FileMode) async throws(StorageError) -> FileObject {
        tally()
        return try await base.open(name, mode: mode)
    }

    nonisolated(nonsending) func delete(_ name: String) async throws(StorageError) {
        tally()
        try await base.delete(name)
    }

    nonisolated(nonsending) func exists(_ name: String) async throws(StorageError) -> Bool {
        tally()
        return try await base.exists(name)
    }

    nonisolated(nonsending) func listDirectory(_ path: String) async throws(StorageError) -> DirectoryListing {
        tally()
        return try await base.listDirectory(path)
    }

    nonisolated(nonsending) func size(_ name: String) async throws(StorageError) -> Int {
        tally()
        return try await base.size(name)
    }

    nonisolated(nonsending) func url(_ name: String) async throws(StorageError) -> String {
        tally()
        return try await base.url(name)
    }

    nonisolated(nonsending) func modificationDate(_ name: String) async throws(StorageError) -> Date {
        tally()
        return try await base.modificationDate(name)
    }

    nonisolated(nonsending) func move(_ source: String, to destination: String) async throws(StorageError) -> String {
        tally()
        return try await base.move(source, to: destination)
    }
}
