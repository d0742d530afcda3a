import Attachments
import Files
import FilesFluent
import FluentKit
import Foundation
import StorageTestSupport
import Testing

/// What a transaction throws to roll back.
struct Abort: Error {}

extension FluentAttachmentTests {
    @Suite("Attachments on Fluent models: saves, replacements, deletes, rollbacks")
    struct AttachmentLifecycleTests {
        @Test(arguments: Backend.all)
        func savingANewRecordPromotesItsFileAfterTheInsert(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                let photo = Photo(title: "holiday")
                try await photo.attach(ContentFile(Samples.jpeg, name: "holiday.jpg"), to: \.$image)
                #expect(photo.image.name?.hasPrefix("photos/") == true)
                // Staged: nothing at the final name yet.
                #expect(try await !storage.exists(photo.image.name!))
                try await photo.save(on: db)
                #expect(try await storage.exists(photo.image.name!))

                let loaded = try #require(try await Photo.find(photo.id, on: db))
                let attachment = try #require(loaded.image.attachment)
                #expect(attachment == photo.image.attachment)
                #expect(attachment.contentType == "image/jpeg")
                #expect(attachment.width == 600 && attachment.height == 400)
                #expect(attachment.variants.map(\.spec) == ["small", "avatar"])
                #expect(try loaded.image.size() == Samples.jpeg.count)
                let file = try await loaded.image.open()
                #expect(try file.read() == Samples.jpeg)
                try file.close()
                try await expectConsistent(db, storage)
            }
        }

        @Test(arguments: Backend.all)
        func aTransactionThatThrowsLeavesNoRowNoFileNoStagedFile(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                await #expect(throws: Abort.self) {
                    try await db.transactionWithAttachments { db in
                        let photo = Photo(title: "doomed")
                        try await photo.attach(ContentFile(Samples.jpeg, name: "a.jpg"), to: \.$image)
                        try await photo.save(on: db)
                        throw Abort()
                    }
                }
                #expect(try await Photo.query(on: db).filter(\.$title == "doomed").count() == 0)
                #expect(try await storage.allFileNames() == [])
            }
        }

        @Test(arguments: Backend.all)
        func aCommittedTransactionPromotesEverySave(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                let ids = try await db.transactionWithAttachments { db in
                    var ids: [UUID] = []
                    for index in 0..<3 {
                        let photo = Photo(title: "t\(index)")
                        try await photo.attach(ContentFile(Samples.jpeg, name: "a.jpg"), to: \.$image)
                        try await photo.save(on: db)
                        ids.append(try photo.requireID())
                    }
                    return ids
                }
                #expect(ids.count == 3)
                #expect(try await storage.allFileNames().count == 9)
                try await expectConsistent(db, storage)
            }
        }

        @Test(arguments: Backend.onDisk)
        func aPlainTransactionIsRefusedAndRolledBack(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                await #expect {
                    try await db.transaction { db in
                        let photo = Photo(title: "plain")
                        try await photo.attach(ContentFile(Samples.jpeg, name: "a.jpg"), to: \.$image)
                        try await photo.save(on: db)
                    }
                } throws: { ($0 as? AttachmentError)?.code == .outsideAttachmentTransaction }
                #expect(try await Photo.query(on: db).filter(\.$title == "plain").count() == 0)
                #expect(try await storage.allFileNames() == [])
            }
        }

        @Test(arguments: Backend.all)
        func deletingARowDeletesItsFilesAfterTheCommitAndARolledBackDeleteNone(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                let photo = Photo(title: "to delete")
                try await photo.attach(ContentFile(Samples.jpeg, name: "a.jpg"), to: \.$image)
                try await photo.save(on: db)
                let names = try #require(photo.image.attachment?.storedNames)

                await #expect(throws: Abort.self) {
                    try await db.transactionWithAttachments { db in
                        let loaded = try #require(try await Photo.find(photo.id, on: db))
                        try await loaded.delete(on: db)
                        throw Abort()
                    }
                }
                #expect(try await storage.allFileNames() == names.sorted())
                #expect(try await Photo.find(photo.id, on: db) != nil)

                let loaded = try #require(try await Photo.find(photo.id, on: db))
                try await loaded.delete(on: db)
                #expect(try await storage.allFileNames() == [])
                #expect(try await Photo.find(photo.id, on: db) == nil)
            }
        }

        @Test(arguments: Backend.all)
        func replacingAFileDeletesTheOldOnesAfterCommitAndKeepsThemOnRollback(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                let photo = Photo(title: "replaced")
                try await photo.attach(ContentFile(Samples.jpeg, name: "first.jpg"), to: \.$image)
                try await photo.save(on: db)
                let first = try #require(photo.image.attachment)

                // Rolled back: the old file and variants stay, the new ones never appear.
                await #expect(throws: Abort.self) {
                    try await db.transactionWithAttachments { db in
                        let loaded = try #require(try await Photo.find(photo.id, on: db))
                        try await loaded.attach(ContentFile(Samples.other, name: "second.jpg"), to: \.$image)
                        try await loaded.save(on: db)
                        throw Abort()
                    }
                }
                #expect(try await storage.allFileNames() == first.storedNames.sorted())
                #expect(try await Photo.find(photo.id, on: db)?.image.attachment == first)

                // Committed: the new file and variants replace the old ones; width and height follow.
                let loaded = try #require(try await Photo.find(photo.id, on: db))
                try await loaded.attach(ContentFile(Samples.other, name: "second.jpg"), to: \.$image)
                try await loaded.save(on: db)
                let second = try #require(try await Photo.find(photo.id, on: db)?.image.attachment)
                #expect(second.originalName == "second.jpg")
                #expect(second.width == 400 && second.height == 600)
                #expect(try await storage.allFileNames() == second.storedNames.sorted())
                #expect(Set(second.storedNames).isDisjoint(with: first.storedNames))
                try await expectConsistent(db, storage)
            }
        }

        @Test(arguments: Backend.all)
        func aReplacementUnderTheSameClientNameNeverReusesTheOldKey(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                let photo = Photo(title: "same name")
                try await photo.attach(ContentFile(Samples.jpeg, name: "photo.jpg"), to: \.$image)
                try await photo.save(on: db)
                let first = try #require(photo.image.attachment)
                try await photo.attach(ContentFile(Samples.other, name: "photo.jpg"), to: \.$image)
                try await photo.save(on: db)
                let second = try #require(photo.image.attachment)
                // A new key, so deleting the old one after the commit can never delete the new file
                // (django-cleanup #116).
                #expect(Set(second.storedNames).isDisjoint(with: first.storedNames))
                #expect(try await storage.bytes(of: second.name) == Samples.other)
                try await expectConsistent(db, storage)
            }
        }

        @Test(arguments: Backend.onDisk)
        func clearingAFieldDeletesItsFilesAfterTheSave(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                let photo = Photo(title: "cleared")
                try await photo.attach(ContentFile(Samples.jpeg, name: "a.jpg"), to: \.$image)
                try await photo.save(on: db)
                await photo.$image.clear()
                #expect(!photo.image.hasFile)
                try await photo.save(on: db)
                #expect(try await storage.allFileNames() == [])
                let loaded = try #require(try await Photo.find(photo.id, on: db))
                #expect(loaded.image.attachment == nil)
                await #expect(throws: AttachmentError.noFile(field: "image")) { try await loaded.image.url() }
            }
        }

        @Test(arguments: Backend.onDisk)
        func attachingTwiceBeforeSavingKeepsOnlyTheLastFile(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                let photo = Photo(title: "twice")
                try await photo.attach(ContentFile(Samples.jpeg, name: "a.jpg"), to: \.$image)
                try await photo.attach(ContentFile(Samples.png, name: "b.jpg"), to: \.$image)
                try await photo.save(on: db)
                #expect(photo.image.attachment?.contentType == "image/png")
                try await expectConsistent(db, storage)
            }
        }

        @Test(arguments: Backend.onDisk)
        func aRefusedFileWritesNothingAndLeavesTheRecordAsItWas(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                let photo = Photo(title: "refused")
                await #expect {
                    try await photo.attach(ContentFile(Data("not an image".utf8), name: "photo.jpg"), to: \.$image)
                } throws: { error in
                    (error as? AttachmentError)?.code == .disallowedType
                        && (error as? AttachmentError)?.field == "image"
                }
                #expect(!photo.image.hasFile)
                #expect(try await storage.allFileNames() == [])
            }
        }

        @Test(arguments: Backend.all)
        func aProcessKilledBetweenStagingAndCommitLeavesWorkForTheSweeperOnly(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, storage: any FileStorage) async throws in
                let kept = Photo(title: "kept")
                try await kept.attach(ContentFile(Samples.jpeg, name: "kept.jpg"), to: \.$image)
                try await kept.save(on: db)
                // Staged, then "killed": the row is never written.
                let lost = Photo(title: "lost")
                try await lost.attach(ContentFile(Samples.jpeg, name: "lost.jpg"), to: \.$image)
                #expect(try await storage.allFileNames().count == 6)

                let sweeper = StagingSweeper(storage: storage)
                let young = try await sweeper.sweep(olderThan: .seconds(3600), referencedBy: Photo.self, on: db)
                #expect(young.deleted.isEmpty && young.promoted.isEmpty)
                let report = try await sweeper.sweep(
                    olderThan: .seconds(60), now: Date().addingTimeInterval(1200), referencedBy: Photo.self, on: db)
                #expect(report.deleted.count == 3 && report.promoted.isEmpty)
                try await expectConsistent(db, storage)
            }
        }

        @Test(arguments: Backend.onDisk)
        func aPNGNamedJpgIsRecordedAsPNG(_ backend: Backend) async throws {
            try await backend.run { (db: any Database, _: any FileStorage) async throws in
                let photo = Photo(title: "png")
                try await photo.attach(ContentFile(Samples.png, name: "photo.jpg"), to: \.$image)
                try await photo.save(on: db)
                #expect(try await Photo.find(photo.id, on: db)?.image.attachment?.contentType == "image/png")
            }
        }
    }
}
