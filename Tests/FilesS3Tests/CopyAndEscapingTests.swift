import Files
import FilesS3
import Foundation
import Testing

/// Server-side copies, and request bodies that carry names and ETags with XML's metacharacters.
///
/// moto verifies no signature of a request whose key has a character encoded other than the space
/// (`+ % & < > " '`; boto3 1.43's own PutObject fails there too against moto 5.2.1), so the cases with such
/// names run on the server without authentication; the signer's encoding of them is proved offline
/// (`SignatureFixtureTests`).
@Suite struct CopyAndEscapingTests {
    static let metacharacters = "<&>\"'"

    @Test func copyDuplicatesTheObjectOnTheServerWithItsHeaders() async throws {
        let storage = try await Moto.environment().storage {
            $0.objectParameters.cacheControl = "max-age=60"
            $0.objectParameters.metadata["owner"] = "staging"
        }
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("staged".utf8)
        let source = try await storage.save("staging/a b.jpg", content: ContentFile(jpeg), maxLength: nil)
        try await storage.copy(source, to: "photos/a b.jpg")
        #expect(try await storage.open("photos/a b.jpg", mode: FileMode("rb")).read() == jpeg)
        #expect(try await storage.exists(source))
        let metadata = try await storage.metadata("photos/a b.jpg")
        #expect(metadata["content-type"] == "image/jpeg")
        #expect(metadata["cache-control"] == "max-age=60")
        #expect(metadata["x-amz-meta-owner"] == "staging")
    }

    /// The copy source is URI-encoded: a `+` or a `%` in it reaches the server as itself.
    @Test func copyEncodesTheSourceKey() async throws {
        let moto = try Moto.environment()
        let storage = try await moto.storage(endpoint: moto.noAuthEndpoint)
        let source = try await storage.save("staging/a b+c%d.txt", content: ContentFile("odd"), maxLength: nil)
        try await storage.copy(source, to: "photos/a b+c%d.txt")
        #expect(try await storage.open("photos/a b+c%d.txt", mode: FileMode("rb")).read() == Data("odd".utf8))
    }

    @Test func copyReplacesTheDestination() async throws {
        let storage = try await Moto.environment().storage(overwrite: false)
        _ = try await storage.save("new.txt", content: ContentFile("new"), maxLength: nil)
        _ = try await storage.save("old.txt", content: ContentFile("old, longer"), maxLength: nil)
        try await storage.copy("new.txt", to: "old.txt")
        #expect(try await storage.open("old.txt", mode: FileMode("rb")).read() == Data("new".utf8))
    }

    /// Without `fileOverwrite`, staged objects moved to one name at once (app servers promoting
    /// uploads of `cat.jpg` together) each get a name of their own: the copy is conditional, so none
    /// replaces another although every one found the name free.
    @Test func concurrentMovesToOneNameNeverReplaceEachOther() async throws {
        let storage = try await Moto.environment().storage(overwrite: false)
        let count = 12
        for index in 0..<count {
            _ = try await storage.save("staging/\(index).txt", content: ContentFile("file \(index)"), maxLength: nil)
        }
        let names = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<count {
                group.addTask { (index, try await storage.move("staging/\(index).txt", to: "photos/cat.txt")) }
            }
            var names: [Int: String] = [:]
            for try await (index, name) in group { names[index] = name }
            return names
        }
        #expect(Set(names.values).count == count)
        #expect(names.values.contains("photos/cat.txt"))
        for (index, name) in names {
            #expect(try await storage.open(name, mode: FileMode("rb")).read() == Data("file \(index)".utf8))
        }
    }

    @Test func copyingAMissingObjectIsNotFound() async throws {
        let storage = try await Moto.environment().storage()
        let error = try #require(
            await #expect(throws: StorageError.self) { try await storage.copy("missing.txt", to: "b.txt") })
        #expect(error.code == .notFound)
        #expect(error.description.hasPrefix("Cannot copy \"missing.txt\": S3 answered NoSuchKey"))
        #expect(try await !storage.exists("b.txt"))
    }

    @Test func copyRefusesNamesOutsideTheLocation() async throws {
        let storage = try await Moto.environment().storage()
        for (source, destination) in [("../x", "a"), ("a", "../x"), ("a", "")] {
            let error = try #require(
                await #expect(throws: StorageError.self) { try await storage.copy(source, to: destination) })
            #expect(error.code == .suspiciousName)
        }
    }

    @Test func theCompletionDocumentEscapesETags() {
        let document = MultipartUpload.completionDocument(parts: [(1, "\"e1\""), (2, Self.metacharacters)])
        #expect(
            document
                == "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;e1&quot;</ETag></Part>"
                + "<Part><PartNumber>2</PartNumber><ETag>&lt;&amp;&gt;&quot;&apos;</ETag></Part>"
                + "</CompleteMultipartUpload>")
    }

    /// A key with every XML metacharacter goes up in parts (its name is in S3's XML answers), is listed,
    /// copied and read back.
    @Test func aKeyWithXMLMetacharactersSurvivesMultipartListingAndCopy() async throws {
        let moto = try Moto.environment()
        let storage = try await moto.storage(endpoint: moto.noAuthEndpoint) {
            $0.multipartThreshold = 5 * 1024 * 1024
            $0.multipartPartSize = 5 * 1024 * 1024
        }
        let name = "odd/\(Self.metacharacters).bin"
        let bytes = Data((0..<(5 * 1024 * 1024 + 17)).map { UInt8(truncatingIfNeeded: $0 % 251) })
        #expect(try await storage.save(name, content: ContentFile(bytes), maxLength: nil) == name)
        #expect(try await storage.listDirectory("odd").files == ["\(Self.metacharacters).bin"])
        try await storage.copy(name, to: "odd/copy \(Self.metacharacters).bin")
        #expect(try await storage.open("odd/copy \(Self.metacharacters).bin", mode: FileMode("rb")).read() == bytes)
        #expect(try await storage.pendingMultipartUploads().isEmpty)
    }
}
