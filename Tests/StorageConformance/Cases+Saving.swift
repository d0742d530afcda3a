import Files
import Foundation
import Testing

extension StorageConformance {
    /// The save pipeline: round trip, alternative names, the name taken from the content.
    static let savingCases: [StorageCase] = [
        StorageCase("save then open gives back the bytes under the name asked for") { storage async throws in
            let name = try await storage.save("a.txt", content: ContentFile("hello"))
            #expect(name == "a.txt")
            let file = try await storage.open(name)
            #expect(file.name == "a.txt")
            #expect(try file.read() == Data("hello".utf8))
            try file.close()
        },
        StorageCase("a taken name gets _ and 7 letters or digits, and both files stay intact") { storage async throws in
            let first = try await storage.save("a.txt", content: ContentFile("one"))
            let second = try await storage.save("a.txt", content: ContentFile("two"))
            #expect(first == "a.txt")
            #expect(isAlternative(second, root: "a", fileExtension: ".txt"), "\(second)")
            #expect(try await contents(of: first, in: storage) == Data("one".utf8))
            #expect(try await contents(of: second, in: storage) == Data("two".utf8))
        },
        StorageCase("the suffix goes before all the extensions and never into the directory") { storage async throws in
            for (name, root, fileExtension) in [
                ("dir/a.tar.gz", "dir/a", ".tar.gz"), ("a.b.c.d", "a", ".b.c.d"), (".test", ".test", ""),
                ("dotted.path/test", "dotted.path/test", ""),
            ] {
                #expect(try await storage.save(name, content: ContentFile("1")) == name)
                let again = try await storage.save(name, content: ContentFile("2"))
                #expect(isAlternative(again, root: root, fileExtension: fileExtension), "\(name) -> \(again)")
            }
        },
        StorageCase("a name left nil is the content's own name") { storage async throws in
            let named = ContentFile("x", name: "named.txt")
            #expect(try await storage.save(nil, content: named, maxLength: nil) == "named.txt")
            #expect(try await isAlternative(storage.save(named), root: "named", fileExtension: ".txt"))
            await expectFailure(.suspiciousName) { try await storage.save(ContentFile("no name")) }
        },
        StorageCase("a temporary upload is saved whole and can still be closed") { storage async throws in
            let upload = try TemporaryUploadedFile(
                name: "upload.bin", contentType: "application/octet-stream", size: nil)
            let bytes = pseudoRandomBytes(200_000)
            try upload.write(bytes)
            let name = try await storage.save(upload)
            #expect(name == "upload.bin")
            #expect(try await contents(of: name, in: storage) == bytes)
            #expect(try await storage.size(name) == bytes.count)
            try upload.close()
            #expect(try await contents(of: name, in: storage) == bytes)
        },
    ]

    /// Available names and length limits.
    static let namingCases: [StorageCase] = [
        StorageCase("availableName keeps a free name, turns backslashes into slashes, and refuses ..") {
            storage async throws in
            #expect(try await storage.availableName("x/y.txt", maxLength: nil) == "x/y.txt")
            #expect(try await storage.availableName("a\\b\\c.txt", maxLength: nil) == "a/b/c.txt")
            #expect(try await storage.availableName("./q.txt", maxLength: nil) == "./q.txt")
            for bad in ["x/..", "../x.txt", "tmp/../x", "/tmp/../x", ""] {
                await expectFailure(.suspiciousName) { try await storage.availableName(bad, maxLength: nil) }
            }
        },
        StorageCase("maxLength cuts the root so that the alternative name fits") { storage async throws in
            let name = "aaaaaaaaaa.txt"
            #expect(try await storage.save(name, content: ContentFile("1"), maxLength: 14) == name)
            let again = try await storage.save(name, content: ContentFile("2"), maxLength: 14)
            #expect(again.count == 14)
            #expect(isAlternative(again, root: "aa", fileExtension: ".txt"), "\(again)")
            let nested = try await storage.save("d/" + name, content: ContentFile("3"), maxLength: 16)
            #expect(nested == "d/" + name)
            let nestedAgain = try await storage.save("d/" + name, content: ContentFile("4"), maxLength: 16)
            #expect(isAlternative(nestedAgain, root: "d/aa", fileExtension: ".txt"), "\(nestedAgain)")
        },
        StorageCase("a maxLength no alternative name fits throws and stores nothing") { storage async throws in
            let error = await expectFailure(.noAvailableName) {
                try await storage.save("test_long_file_name.txt", content: ContentFile("x"), maxLength: 10)
            }
            #expect(error?.description.contains("10") == true)
            await expectFailure(.noAvailableName) {
                try await storage.save("file_name.longext", content: ContentFile("x"), maxLength: 5)
            }
            #expect(try await allFiles(in: storage).isEmpty)
        },
        StorageCase("isNameAvailable checks existence and length; a maxLength of 0 is no limit") {
            storage async throws in
            #expect(try await storage.isNameAvailable("a.txt", maxLength: nil))
            #expect(try await storage.isNameAvailable("a.txt", maxLength: 5))
            #expect(try await !storage.isNameAvailable("a.txt", maxLength: 4))
            #expect(try await storage.isNameAvailable("a.txt", maxLength: 0))
            _ = try await storage.save("a.txt", content: ContentFile("x"))
            #expect(try await !storage.isNameAvailable("a.txt", maxLength: nil))
        },
        StorageCase("validName and generateFilename follow Django's examples") { storage async throws in
            for (input, expected) in [
                ("john's portrait in 2004.jpg", "johns_portrait_in_2004.jpg"),
                ("UnTRIVíAL @fil$ena#me!", "UnTRIVíAL_filename"), ("  a b  ", "a_b"), ("a/b", "ab"),
                ("a\tb.txt", "ab.txt"), ("中文 名.jpg", "中文_名.jpg"), ("e\u{301}.txt", "e.txt"),
            ] {
                #expect(try storage.validName(input) == expected)
            }
            await expectFailure(.suspiciousName) { try storage.validName("???") }
            for (input, expected) in [
                ("././x y", "x_y"), ("some\\path\\x y", "some/path/x_y"), ("some/./path/./x", "some/path/x"),
                ("a//b.txt", "a/b.txt"), ("/abs/x.txt", "/abs/x.txt"),
            ] {
                #expect(try storage.generateFilename(input) == expected)
            }
            for bad in ["/tmp/..", "", ".", "x/", "../x", "a/../b"] {
                await expectFailure(.suspiciousName) { try storage.generateFilename(bad) }
            }
        },
    ]
}
