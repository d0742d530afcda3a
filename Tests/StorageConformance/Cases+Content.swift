import Files
import Foundation
import Testing

extension StorageConformance {
    /// How the content is read: from the start, whole, never closed, in any chunk size.
    static let contentCases: [StorageCase] = [
        StorageCase("half-read content is saved whole") { storage async throws in
            let content = ContentFile("0123456789")
            _ = try content.read(4)
            #expect(
                try await contents(of: storage.save("half.txt", content: content), in: storage)
                    == Data("0123456789".utf8))
            let file = FileObject(MemoryStream(Data("abcdefgh".utf8)), name: "stream.txt")
            _ = try file.read(7)
            #expect(try await contents(of: storage.save(file), in: storage) == Data("abcdefgh".utf8))
        },
        StorageCase("the content is not closed by saving and can be read again") { storage async throws in
            let file = FileObject(MemoryStream(Data("still open".utf8)), name: "open.txt")
            _ = try await storage.save(file)
            #expect(!file.isClosed)
            try file.seek(to: 0)
            #expect(try file.read() == Data("still open".utf8))
            let upload = try SimpleUploadedFile(name: "upload.txt", content: Data("upload".utf8))
            _ = try await storage.save(upload)
            #expect(!upload.isClosed)
            #expect(try upload.open().read() == Data("upload".utf8))
        },
        StorageCase("an empty file is stored with size 0") { storage async throws in
            let name = try await storage.save("empty.bin", content: ContentFile(Data()))
            #expect(try await storage.exists(name))
            #expect(try await storage.size(name) == 0)
            #expect(try await contents(of: name, in: storage).isEmpty)
        },
        StorageCase("a file over 1 MiB is stored intact whatever its chunk size") { storage async throws in
            let bytes = pseudoRandomBytes(1_572_881)
            for chunkSize in [4096, 65_536, 1_048_579] {
                let file = FileObject(MemoryStream(bytes), name: "large.bin")
                file.defaultChunkSize = chunkSize
                _ = try file.read(1000)
                let name = try await storage.save("large-\(chunkSize).bin", content: file)
                #expect(try await storage.size(name) == bytes.count)
                #expect(try await contents(of: name, in: storage) == bytes, "chunk size \(chunkSize)")
            }
            let upload = try InMemoryUploadedFile(
                MemoryStream(bytes), fieldName: "f", name: "whole.bin", contentType: nil, size: bytes.count)
            #expect(try await contents(of: storage.save(upload), in: storage) == bytes)
        },
    ]

    /// Saves racing for one name.
    static let concurrencyCases: [StorageCase] = [
        StorageCase("concurrent saves of one name all succeed under distinct names with intact content") {
            storage async throws in
            let count = 24
            let names = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<count {
                    group.addTask {
                        (index, try await storage.save("photo.jpg", content: ContentFile("content \(index)")))
                    }
                }
                var names: [Int: String] = [:]
                for try await (index, name) in group { names[index] = name }
                return names
            }
            #expect(Set(names.values).count == count)
            #expect(names.values.contains("photo.jpg"))
            for (index, name) in names {
                #expect(name == "photo.jpg" || isAlternative(name, root: "photo", fileExtension: ".jpg"), "\(name)")
                #expect(try await contents(of: name, in: storage) == Data("content \(index)".utf8))
            }
        }
    ]
}
