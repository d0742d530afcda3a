import Files
import Foundation
import StorageConformance
import Testing

@Suite("The shared storage cases, on disk and in memory")
struct StorageConformanceTests {
    @Test(arguments: StorageConformance.cases)
    func fileSystemStorage(_ check: StorageCase) async throws {
        let scratch = try ScratchDirectory()
        defer { withExtendedLifetime(scratch) {} }
        // A location that does not exist yet: the first save must create it.
        try await check.run(FileSystemStorage(location: scratch.file("media")))
    }

    @Test(arguments: StorageConformance.cases)
    func inMemoryStorage(_ check: StorageCase) async throws {
        try await check.run(InMemoryStorage())
    }

    @Test func theSuiteHasEveryCase() {
        #expect(StorageConformance.cases.count >= 22)
        #expect(Set(StorageConformance.cases.map(\.name)).count == StorageConformance.cases.count)
    }
}
