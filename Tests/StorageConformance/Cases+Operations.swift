import Files
import Foundation
import Testing

extension StorageConformance {
    /// exists, size, delete, listDirectory, modificationDate, and missing names.
    static let operationCases: [StorageCase] = [
        StorageCase("exists, size and delete; deleting twice is fine, an empty name is not") { storage async throws in
            #expect(try await !storage.exists("a.txt"))
            _ = try await storage.save("a.txt", content: ContentFile("hello"))
            #expect(try await storage.exists("a.txt"))
            #expect(try await storage.size("a.txt") == 5)
            try await storage.delete("a.txt")
            #expect(try await !storage.exists("a.txt"))
            try await storage.delete("a.txt")
            try await storage.delete("never/was.txt")
            await expectFailure(.suspiciousName) { try await storage.delete("") }
        },
        StorageCase("listDirectory gives the directories and the files under a path, sorted") { storage async throws in
            for name in ["e.txt", "b.txt", "a/x.txt", "c/d/y.txt", "c/w.txt"] {
                _ = try await storage.save(name, content: ContentFile(name))
            }
            #expect(
                try await storage.listDirectory("")
                    == DirectoryListing(directories: ["a", "c"], files: ["b.txt", "e.txt"]))
            #expect(try await storage.listDirectory("c") == DirectoryListing(directories: ["d"], files: ["w.txt"]))
            #expect(
                try await storage.listDirectory("./c/./.") == DirectoryListing(directories: ["d"], files: ["w.txt"]))
            #expect(try await storage.listDirectory("c/d") == DirectoryListing(directories: [], files: ["y.txt"]))
            // The walk: every file at any depth, full names, sorted.
            #expect(try await storage.fileNames(under: "c") == ["c/d/y.txt", "c/w.txt"])
            #expect(try await storage.fileNames(under: "c/") == ["c/d/y.txt", "c/w.txt"])
            #expect(try await storage.fileNames() == ["a/x.txt", "b.txt", "c/d/y.txt", "c/w.txt", "e.txt"])
        },
        StorageCase("modificationDate is the time of the save") { storage async throws in
            let before = Date().addingTimeInterval(-60)
            _ = try await storage.save("dated.txt", content: ContentFile("x"))
            let date = try await storage.modificationDate("dated.txt")
            #expect(date >= before && date <= Date().addingTimeInterval(60), "\(date)")
        },
        StorageCase("opening, measuring or dating a missing file says it is not found") { storage async throws in
            await expectFailure(.notFound) { try await storage.open("missing.txt") }
            await expectFailure(.notFound) { try await storage.size("missing.txt") }
            await expectFailure(.notFound) { try await storage.modificationDate("missing.txt") }
            let error = await expectFailure(.notFound) { try await storage.open("dir/missing.txt") }
            #expect(error?.description.contains("dir/missing.txt") == true)
        },
    ]
}
