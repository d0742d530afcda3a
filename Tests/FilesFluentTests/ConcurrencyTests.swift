import Attachments
import Files
import FilesFluent
import FluentKit
import Foundation
import StorageTestSupport
import Testing

extension FluentAttachmentTests {
    @Suite("Concurrent saves and replacements keep rows and storage in agreement")
    struct ConcurrencyTests {
        @Test(arguments: Backend.all)
        func aHundredConcurrentSavesOfDifferentRecords(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<100 {
                        group.addTask {
                            let photo = Photo(title: "concurrent \(index)")
                            // The same client name for all: every record must still get a file of its own.
                            try await photo.attach(ContentFile(Samples.png, name: "photo.png"), to: \.$image)
                            try await photo.save(on: db)
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(try await Photo.query(on: db).filter(\.$title ~~ "concurrent").count() >= 100)
                #expect(try await storage.allFileNames().count == 300)
                try await expectConsistent(db, storage)
            }
        }

        @Test(arguments: Backend.all)
        func twentyConcurrentReplacementsOfOneRecordsFile(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                let photo = Photo(title: "contended")
                try await photo.attach(ContentFile(Samples.jpeg, name: "start.jpg"), to: \.$image)
                try await photo.save(on: db)
                let id = try photo.requireID()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            let loaded = try #require(try await Photo.find(id, on: db))
                            try await loaded.attach(ContentFile(Samples.png, name: "r\(index).png"), to: \.$image)
                            try await loaded.save(on: db)
                        }
                    }
                    try await group.waitForAll()
                }
                let final = try #require(try await Photo.find(id, on: db)?.image.attachment)
                #expect(final.originalName?.hasPrefix("r") == true)
                #expect(try await storage.allFileNames() == final.storedNames.sorted())
                try await expectConsistent(db, storage)
            }
        }

        /// Two app servers on one PostgreSQL: two `Databases`, each its own connection pool, stand
        /// for two processes. Only the row lock (`SELECT … FOR UPDATE`) orders their saves, as an
        /// in-process lock could not; without it a file stored by one is orphaned by the other.
        @Test(arguments: [
            Backend(database: .postgres, storage: .fileSystem), Backend(database: .postgres, storage: .s3),
        ])
        func replacementsOfOneRecordsFileFromTwoConnectionPools(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                try await backend.database.withDatabase { other in
                    let photo = Photo(title: "two processes")
                    try await photo.attach(ContentFile(Samples.jpeg, name: "start.jpg"), to: \.$image)
                    try await photo.save(on: db)
                    let id = try photo.requireID()
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for index in 0..<20 {
                            let pool = index.isMultiple(of: 2) ? db : other
                            group.addTask {
                                let loaded = try #require(try await Photo.find(id, on: pool))
                                try await loaded.attach(ContentFile(Samples.png, name: "r\(index).png"), to: \.$image)
                                try await loaded.save(on: pool)
                            }
                        }
                        try await group.waitForAll()
                    }
                    let final = try #require(try await Photo.find(id, on: other)?.image.attachment)
                    #expect(final.originalName?.hasPrefix("r") == true)
                    #expect(try await storage.allFileNames() == final.storedNames.sorted())
                    try await expectConsistent(db, storage)
                }
            }
        }
    }
}
