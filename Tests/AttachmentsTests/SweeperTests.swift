import Attachments
import Files
import Foundation
import StorageTestSupport
import Testing

@Suite("The staging sweeper: what a killed process left")
struct SweeperTests {
    @Test(arguments: StorageFactory.all)
    func aStageNoRowReferencesIsDeletedOnceOldEnough(_ factory: StorageFactory) async throws {
        try await factory.withRegisteredStorage { storage, name in
            let field = StagingTests.imageField(name)
            // Staged, then the process was killed before its row committed.
            let staged = try await field.stage(ContentFile(Samples.jpeg, name: "a.jpg"), for: Photo(), at: Samples.date)
            let sweeper = StagingSweeper(storage: storage)
            let early = try await sweeper.sweep(olderThan: .seconds(3600), now: Samples.date.addingTimeInterval(60))
            #expect(early.kept == 1 && early.deleted.isEmpty)
            #expect(try await storage.allFileNames().count == 3)
            let late = try await sweeper.sweep(olderThan: .seconds(3600), now: Samples.date.addingTimeInterval(7200))
            #expect(late.deleted.count == 3)
            #expect(late.deleted.contains(staged.stagedName))
            #expect(try await storage.allFileNames() == [])
            // The abandoned window's empty directories go too.
            #expect((try? await storage.listDirectory("staging").directories) ?? [] == [])
        }
    }

    @Test(arguments: StorageFactory.all)
    func aStageACommittedRowReferencesIsPromotedNeverDeleted(_ factory: StorageFactory) async throws {
        try await factory.withRegisteredStorage { storage, name in
            let field = StagingTests.imageField(name)
            let committed = try await field.stage(
                ContentFile(Samples.jpeg, name: "kept.jpg"), for: Photo(), at: Samples.date)
            let abandoned = try await field.stage(
                ContentFile(Samples.jpeg, name: "lost.jpg"), for: Photo(), at: Samples.date)
            // The row of `committed` is committed; the process died before promotion.
            let referenced = Set(committed.attachment.storedNames)
            let report = try await StagingSweeper(storage: storage).sweep(
                olderThan: .seconds(60), now: Samples.date.addingTimeInterval(1200)
            ) { referenced.contains($0) }
            #expect(Set(report.promoted) == referenced)
            #expect(report.deleted.count == abandoned.attachment.storedNames.count)
            #expect(try await storage.allFileNames() == committed.attachment.storedNames.sorted())
            #expect(try await storage.bytes(of: committed.attachment.name) == Samples.jpeg)
        }
    }

    @Test func anEmptyOrMissingStagingPrefixIsNothingToDo() async throws {
        let report = try await StagingSweeper(storage: InMemoryStorage()).sweep(olderThan: .zero)
        #expect(report.deleted.isEmpty && report.promoted.isEmpty && report.kept == 0)
    }
}
