import Files
import Foundation
import Testing

extension StorageConformance {
    /// Names that must never reach the backend, and the names it must accept.
    static let validationCases: [StorageCase] = [
        StorageCase("absolute names, .. and names without a file name are refused, and nothing is stored") {
            storage async throws in
            for bad in ["../a.txt", "/abs/a.txt", "a/../b.txt", "..\\a.txt", "", ".", "..", "a/", "a/.."] {
                await expectFailure(.suspiciousName) { try await storage.save(bad, content: ContentFile("x")) }
            }
            await expectFailure(.suspiciousName) { try await storage.exists("../x.txt") }
            await expectFailure(.suspiciousName) { try await storage.open("../x.txt") }
            #expect(try await allFiles(in: storage).isEmpty)
        },
        StorageCase("nested names are stored as given, and normalised where they have . or //") {
            storage async throws in
            #expect(try await storage.save("a/b/c.txt", content: ContentFile("abc")) == "a/b/c.txt")
            #expect(try await storage.exists("a/b/c.txt"))
            #expect(try await contents(of: "a/b/c.txt", in: storage) == Data("abc".utf8))
            #expect(try await storage.save("sub/./x.txt", content: ContentFile("x")) == "sub/x.txt")
            #expect(try await storage.save("sub2//y.txt", content: ContentFile("y")) == "sub2/y.txt")
            #expect(try await storage.save("./z.txt", content: ContentFile("z")) == "z.txt")
            #expect(try await contents(of: "sub/x.txt", in: storage) == Data("x".utf8))
            #expect(try await allFiles(in: storage) == ["a/b/c.txt", "sub/x.txt", "sub2/y.txt", "z.txt"])
        },
        StorageCase("unicode names are stored, listed and suffixed as they are") { storage async throws in
            for name in ["中文 名.jpg", "é/ü.txt", "emoji 😀.png", "Ελληνικά.txt"] {
                #expect(try await storage.save(name, content: ContentFile(name)) == name)
                #expect(try await contents(of: name, in: storage) == Data(name.utf8))
            }
            #expect(try await storage.listDirectory("é").files == ["ü.txt"])
            let again = try await storage.save("中文 名.jpg", content: ContentFile("2"))
            #expect(isAlternative(again, root: "中文 名", fileExtension: ".jpg"), "\(again)")
        },
    ]
}
