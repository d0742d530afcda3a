import Files
import Foundation
import Testing

/// What only the memory backend has: Django 4.2's `InMemoryStorage` behaviour.
@Suite("InMemoryStorage")
struct InMemoryStorageTests {
    let storage = InMemoryStorage(baseURL: "/media")

    private func read(_ name: String) async throws -> Data {
        let file = try await storage.open(name)
        defer { try? file.close() }
        return try file.read()
    }

    @Test func savingATemporaryUploadRemovesItsFile() async throws {
        let upload = try TemporaryUploadedFile(name: "clip.mp4", contentType: "video/mp4", size: nil)
        try upload.write(Data("clip".utf8))
        #expect(exists(upload.temporaryFilePath))
        let name = try await storage.save(upload)
        #expect(!exists(upload.temporaryFilePath))
        #expect(try await read(name) == Data("clip".utf8))
        try upload.close()
    }

    @Test func directoriesExistAndDeleteRemovesWholeSubtrees() async throws {
        _ = try await storage.save("a/b/c.txt", content: ContentFile("c"))
        _ = try await storage.save("a/d.txt", content: ContentFile("d"))
        #expect(try await storage.exists("a"))
        #expect(try await storage.exists("a/b"))
        #expect(try await storage.exists(""))
        try await storage.delete("a")
        #expect(try await !storage.exists("a/b/c.txt"))
        #expect(try await storage.listDirectory("") == DirectoryListing(directories: [], files: []))
    }

    @Test func listDirectoryAcceptsDotsAndRefusesFiles() async throws {
        _ = try await storage.save("a/x.txt", content: ContentFile("x"))
        #expect(try await storage.listDirectory("./a/./.") == DirectoryListing(directories: [], files: ["x.txt"]))
        let file = await #expect(throws: StorageError.self) { try await storage.listDirectory("a/x.txt") }
        #expect(file?.code == .notAFile)
        let missing = await #expect(throws: StorageError.self) { try await storage.listDirectory("nope") }
        #expect(missing?.code == .notFound)
    }

    @Test func openingAMissingFileOrADirectoryFails() async throws {
        _ = try await storage.save("dir/x.txt", content: ContentFile("x"))
        let missing = await #expect(throws: StorageError.self) { try await storage.open("nope.txt") }
        #expect(missing?.description == "Cannot open \"nope.txt\": no such file in the storage.")
        let directory = await #expect(throws: StorageError.self) { try await storage.open("dir") }
        #expect(directory?.code == .notAFile)
        let size = await #expect(throws: StorageError.self) { try await storage.size("dir") }
        #expect(size?.code == .notAFile)
    }

    @Test func aFileUsedAsADirectoryIsAClearError() async throws {
        _ = try await storage.save("a", content: ContentFile("file"))
        let error = await #expect(throws: StorageError.self) {
            try await storage.save("a/b.txt", content: ContentFile("x"))
        }
        #expect(error?.description == "Cannot save \"a/b.txt\": \"a\" exists and is not a directory.")
    }

    @Test func writeModesReachTheStorage() async throws {
        let created = try await storage.open("notes.txt", mode: .write)
        try created.write("hello")
        #expect(try await read("notes.txt") == Data("hello".utf8))
        try created.close()
        let appending = try await storage.open("notes.txt", mode: .append)
        try appending.write(" world")
        #expect(try await read("notes.txt") == Data("hello world".utf8))
        let exclusive = await #expect(throws: StorageError.self) {
            try await storage.open("notes.txt", mode: .exclusiveCreate)
        }
        #expect(exclusive?.code == .failed)
        let reading = try await storage.open("notes.txt", mode: .read.binary)
        #expect(reading.mode?.description == "rb")
        #expect(throws: FileError.self) { try reading.write("no") }
        let truncating = try await storage.open("notes.txt", mode: .write)
        #expect(try await storage.size("notes.txt") == 0)
        try truncating.close()
    }

    @Test func urlsAreLikeTheFileSystemBackend() async throws {
        #expect(storage.baseURL == "/media/")
        #expect(try await storage.url("a b/中.jpg") == "/media/a%20b/%E4%B8%AD.jpg")
        let error = await #expect(throws: StorageError.self) { try await InMemoryStorage().url("a.txt") }
        #expect(error?.code == .failed)
    }

    @Test func theStorageIsSharedSafelyBetweenTasks() async throws {
        let storage = self.storage
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<100 {
                group.addTask { try await storage.save("same.txt", content: ContentFile("\(index)")) }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(names.count == 100)
        #expect(try await storage.listDirectory("").files.count == 100)
    }

    @Test func anActorCanSaveAFileItKeepsUsing() async throws {
        let gallery = Gallery(storage: storage)
        #expect(try await gallery.publish() == "cover.txt")
        #expect(try await gallery.publish() != "cover.txt")
    }
}

/// An actor saving a (non-`Sendable`) file it owns and reading it afterwards: this compiles only because
/// the storage's methods run in the caller's isolation (`nonisolated(nonsending)`).
actor Gallery {
    let storage: any FileStorage
    let cover = ContentFile("cover", name: "cover.txt")

    init(storage: any FileStorage) {
        self.storage = storage
    }

    func publish() async throws -> String {
        let name = try await storage.save(cover)
        #expect(try cover.open().read() == Data("cover".utf8))
        return name
    }
}
