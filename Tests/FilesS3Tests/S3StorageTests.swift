import AsyncHTTPClient
import Files
import FilesS3
import Foundation
import Testing

/// Every S3Storage operation against moto with signature checking on (`.ci/moto start`).
@Suite struct S3StorageTests {
    /// Bytes that begin like a JPEG. Computed, not stored: LeakSanitizer cannot see the buffer a
    /// `static let` of `Data` keeps (its enum payload hides the pointer) and reports it as a leak.
    static var jpegBytes: Data { Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("not really a jpeg".utf8) }

    /// A pattern of `count` bytes, different at every offset modulo 251.
    static func pattern(_ count: Int) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 % 251) })
    }

    @Test func savedContentReadsBack() async throws {
        let storage = try await Moto.environment().storage()
        let name = try await storage.save("docs/hello world.txt", content: ContentFile("hello, S3"), maxLength: nil)
        #expect(name == "docs/hello world.txt")
        let file = try await storage.open(name, mode: FileMode("rb"))
        #expect(try file.read() == Data("hello, S3".utf8))
        #expect(file.name == name)
        #expect(try await storage.exists(name))
        #expect(try await storage.size(name) == 9)
    }

    @Test func saveRewindsAndNeverClosesTheCallersFile() async throws {
        let storage = try await Moto.environment().storage()
        let content = ContentFile("read to the end before saving")
        _ = try content.read()
        let name = try await storage.save("rewind.txt", content: content, maxLength: nil)
        #expect(!content.isClosed)
        #expect(try await storage.open(name, mode: FileMode("rb")).read() == Data("read to the end before saving".utf8))
    }

    @Test func theBytesDecideTheContentTypeThenTheNameThenTheDeclaredType() async throws {
        let storage = try await Moto.environment().storage()
        let misnamed = try await storage.save("photo.png", content: ContentFile(Self.jpegBytes), maxLength: nil)
        #expect(try await storage.metadata(misnamed)["content-type"] == "image/jpeg")
        let css = try await storage.save("site.css", content: ContentFile("body {}"), maxLength: nil)
        #expect(try await storage.metadata(css)["content-type"] == "text/css")
        let declared = try SimpleUploadedFile(
            name: "data.unknownext", content: Data("x".utf8), contentType: "application/x-thing")
        let upload = try await storage.save("data.unknownext", content: declared, maxLength: nil)
        #expect(try await storage.metadata(upload)["content-type"] == "application/x-thing")
        let unknown = try await storage.save("blob", content: ContentFile("?"), maxLength: nil)
        #expect(try await storage.metadata(unknown)["content-type"] == "application/octet-stream")
    }

    @Test func objectParametersAreStoredWithTheObject() async throws {
        let storage = try await Moto.environment().storage {
            $0.objectParameters.cacheControl = "max-age=86400"
            $0.objectParameters.contentDisposition = "attachment"
            $0.objectParameters.metadata["owner"] = "thumbnails"
            $0.defaultACL = "public-read"
        }
        let name = try await storage.save("a.txt", content: ContentFile("a"), maxLength: nil)
        let metadata = try await storage.metadata(name)
        #expect(metadata["cache-control"] == "max-age=86400")
        #expect(metadata["content-disposition"] == "attachment")
        #expect(metadata["x-amz-meta-owner"] == "thumbnails")
    }

    @Test func overwritingStorageReplacesTheObject() async throws {
        let storage = try await Moto.environment().storage(overwrite: true)
        let first = try await storage.save("same.txt", content: ContentFile("first, longer"), maxLength: nil)
        let second = try await storage.save("same.txt", content: ContentFile("second"), maxLength: nil)
        #expect(first == "same.txt")
        #expect(second == "same.txt")
        #expect(try await storage.open("same.txt", mode: FileMode("rb")).read() == Data("second".utf8))
        #expect(try await storage.isNameAvailable("same.txt", maxLength: nil))
        #expect(try await !storage.isNameAvailable("same.txt", maxLength: 5))
    }

    @Test func nonOverwritingStorageChoosesAFreeName() async throws {
        let storage = try await Moto.environment().storage(overwrite: false)
        let first = try await storage.save("photos/a.tar.gz", content: ContentFile("1"), maxLength: nil)
        let second = try await storage.save("photos/a.tar.gz", content: ContentFile("2"), maxLength: nil)
        #expect(first == "photos/a.tar.gz")
        #expect(second != first)
        #expect(second.hasPrefix("photos/a_"))
        #expect(second.hasSuffix(".tar.gz"))
        #expect(second.count == "photos/a_XXXXXXX.tar.gz".count)
        #expect(try await storage.open(first, mode: FileMode("rb")).read() == Data("1".utf8))
        #expect(try await storage.open(second, mode: FileMode("rb")).read() == Data("2".utf8))
        #expect(try await !storage.isNameAvailable(first, maxLength: nil))
    }

    @Test func namesAreNormalisedAndCannotLeaveTheLocation() async throws {
        let storage = try await Moto.environment().storage()
        let name = try await storage.save("sub/./x.txt", content: ContentFile("x"), maxLength: nil)
        #expect(name == "sub/x.txt")
        // An empty name would address the bucket itself (a GET would list it).
        let empty = try #require(await #expect(throws: StorageError.self) { try await storage.size("./") })
        #expect(empty.code == .suspiciousName)
        await #expect(throws: StorageError.self) { try await storage.open("../outside.txt", mode: FileMode("rb")) }
        let error = try #require(await #expect(throws: StorageError.self) { try await storage.exists("a/../../b") })
        #expect(error.code == .suspiciousName)
    }

    @Test func existsDeleteAndMissingObjects() async throws {
        let storage = try await Moto.environment().storage()
        #expect(try await !storage.exists("gone.txt"))
        let name = try await storage.save("gone.txt", content: ContentFile("bye"), maxLength: nil)
        #expect(try await storage.exists(name))
        try await storage.delete(name)
        #expect(try await !storage.exists(name))
        try await storage.delete(name)  // deleting a missing name is not an error
        let error = try #require(
            await #expect(throws: StorageError.self) { try await storage.open(name, mode: FileMode("rb")) })
        #expect(error.code == .notFound)
        #expect(error.description.contains("bucket \"\(Moto.bucket)\""))
        #expect(error.description.contains("/gone.txt\""))
        #expect(error.description.hasPrefix("Cannot open \"gone.txt\": S3 answered NoSuchKey (HTTP 404)"))
        await #expect(throws: StorageError.self) { try await storage.size(name) }
    }

    @Test func modificationDateIsTheObjectsLastModified() async throws {
        let storage = try await Moto.environment().storage()
        let before = Date()
        let name = try await storage.save("dated.txt", content: ContentFile("now"), maxLength: nil)
        let modified = try await storage.modificationDate(name)
        #expect(abs(modified.timeIntervalSince(before)) < 120)
    }

    @Test func listingSeparatesDirectoriesFromFiles() async throws {
        let storage = try await Moto.environment().storage()
        for name in ["top.txt", "a/one.txt", "a/two.txt", "a/deeper/three.txt", "b/four.txt"] {
            _ = try await storage.save(name, content: ContentFile(name), maxLength: nil)
        }
        #expect(try await storage.listDirectory("") == DirectoryListing(directories: ["a", "b"], files: ["top.txt"]))
        #expect(
            try await storage.listDirectory("a")
                == DirectoryListing(directories: ["deeper"], files: ["one.txt", "two.txt"]))
        #expect(try await storage.listDirectory("a/") == storage.listDirectory("a"))
        #expect(try await storage.listDirectory("nothing") == DirectoryListing(directories: [], files: []))
    }

    @Test func listingFollowsPagesPastAThousandKeys() async throws {
        let storage = try await Moto.environment().storage()
        let count = 1_005
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in stride(from: worker, to: count, by: 8) {
                        _ = try await storage.store(ContentFile("\(index)"), as: "many/file-\(index).txt")
                    }
                }
            }
            try await group.waitForAll()
        }
        _ = try await storage.store(ContentFile("d"), as: "many/sub/inner.txt")
        let listing = try await storage.listDirectory("many")
        #expect(listing.files.count == count)
        #expect(Set(listing.files) == Set((0..<count).map { "file-\($0).txt" }))
        #expect(listing.directories == ["sub"])
    }

    @Test func largeContentGoesUpInPartsAndReadsBack() async throws {
        let storage = try await Moto.environment().storage {
            $0.multipartThreshold = 5 * 1024 * 1024
            $0.multipartPartSize = 5 * 1024 * 1024
            $0.maxMemorySize = 1024 * 1024
        }
        let bytes = Self.pattern(12 * 1024 * 1024 + 123)
        let name = try await storage.save("big.bin", content: ContentFile(bytes), maxLength: nil)
        #expect(try await storage.size(name) == bytes.count)
        // Multipart ETags end in "-<part count>".
        #expect(try await storage.metadata(name)["etag"]?.hasSuffix("-3\"") == true)
        let file = try await storage.open(name, mode: FileMode("rb"))
        #expect(try file.read() == bytes)
        try file.close()
        #expect(try await storage.pendingMultipartUploads().isEmpty)
    }

    @Test func aFailedMultipartUploadIsAbortedAndLeavesNoParts() async throws {
        let storage = try await Moto.environment().storage {
            $0.multipartThreshold = 5 * 1024 * 1024
            $0.multipartPartSize = 5 * 1024 * 1024
        }
        let content = FileObject(ThrowingStream(failAfter: 11 * 1024 * 1024), name: "broken.bin")
        let error = try #require(
            await #expect(throws: StorageError.self) {
                try await storage.save("broken.bin", content: content, maxLength: nil)
            })
        #expect(error.code == .content)
        // The content's failure is one clause of the storage's sentence, not a second sentence inside it.
        #expect(error.reason.hasSuffix("Connection reset by peer (errno 104)"))
        #expect(!error.reason.contains("Cannot") && !error.reason.contains("(Cannot"))
        #expect(error.description.hasPrefix("Cannot save \"broken.bin\": its content "))
        #expect(try await storage.pendingMultipartUploads().isEmpty)
        #expect(try await !storage.exists("broken.bin"))
    }

    @Test func aWrongSecretIsRejectedWithSignatureDoesNotMatch() async throws {
        let moto = try Moto.environment()
        _ = try await moto.storage()  // the bucket exists
        var wrong = moto.credentials
        wrong.secretAccessKey = "not-the-secret"
        var configuration = S3Configuration(
            bucket: Moto.bucket, region: moto.region, endpoint: moto.endpoint, credentials: wrong)
        configuration.maxAttempts = 1
        let storage = try S3Storage(configuration, httpClient: .shared)
        let error = try #require(
            await #expect(throws: StorageError.self) {
                try await storage.save("x.txt", content: ContentFile("x"), maxLength: nil)
            })
        #expect(error.code == .signatureMismatch)
        #expect(error.description.contains("SignatureDoesNotMatch"))
    }

    @Test func aRefusedConnectionIsUnreachable() async throws {
        let moto = try Moto.environment()
        var configuration = S3Configuration(
            bucket: Moto.bucket, region: moto.region, endpoint: "http://127.0.0.1:9", credentials: moto.credentials)
        configuration.maxAttempts = 2
        configuration.retryBaseDelay = .milliseconds(1)
        // The recommended client fails a refused connection at once; HTTPClient.shared would retry it
        // until the request's deadline.
        let storage = try S3Storage(
            configuration, httpClientConfiguration: S3Storage.recommendedHTTPClientConfiguration)
        let error = try #require(await #expect(throws: StorageError.self) { try await storage.exists("x.txt") })
        try await storage.shutdown()
        #expect(error.code == .unreachable)
        #expect(error.reason.hasPrefix("the S3 server refused the connection"))
        #expect(error.description.contains("bucket \"\(Moto.bucket)\""))
    }

    @Test func presignedURLsCanBeFetched() async throws {
        let moto = try Moto.environment()
        let storage = try await moto.storage(endpoint: moto.noAuthEndpoint)
        let name = try await storage.save("shared/a b+c.txt", content: ContentFile("presigned"), maxLength: nil)
        let url = try await storage.url(name)
        #expect(url.hasPrefix(moto.noAuthEndpoint + "/\(Moto.bucket)/tests/"))
        #expect(url.contains("/shared/a%20b%2Bc.txt?"))
        #expect(url.contains("X-Amz-Expires=3600"))
        #expect(url.contains("&X-Amz-Signature="))
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        #expect(response.status.code == 200)
        #expect(String(buffer: try await response.body.collect(upTo: 1024)) == "presigned")
    }

    @Test func plainAndCustomDomainURLs() async throws {
        let moto = try Moto.environment()
        let plain = try await moto.storage { $0.querystringAuth = false }
        let plainURL = try await plain.url("x y.jpg")
        #expect(plainURL.hasPrefix(moto.endpoint + "/\(Moto.bucket)/tests/"))
        #expect(plainURL.hasSuffix("/x%20y.jpg"))
        let cdn = try await moto.storage { $0.customDomain = "cdn.example.com" }
        let cdnURL = try await cdn.url("x y.jpg")
        #expect(cdnURL.hasPrefix("https://cdn.example.com/tests/"))
        #expect(cdnURL.hasSuffix("/x%20y.jpg"))
    }

    @Test func writeModesAreRefused() async throws {
        let storage = try await Moto.environment().storage()
        await #expect(throws: StorageError.self) { try await storage.open("w.txt", mode: FileMode("wb")) }
    }

    @Test func anOwnHTTPClientIsShutDownExplicitly() async throws {
        let moto = try Moto.environment()
        let storage = try S3Storage(
            S3Configuration(
                bucket: Moto.bucket, region: moto.region, endpoint: moto.endpoint, location: "tests/\(UUID())",
                credentials: moto.credentials),
            httpClientConfiguration: S3Storage.recommendedHTTPClientConfiguration)
        try await storage.createBucket()
        #expect(try await !storage.exists("none"))
        try await storage.shutdown()
        try await storage.shutdown()  // twice is harmless
    }

    /// The README's sample with fake credentials: `save` throws before `shutdown()` is reached. Neither
    /// the default client (HTTPClient.shared) nor a client of the storage's own may trap when the storage
    /// is released unshut (AsyncHTTPClient asserts "Client not shut down before the deinit").
    @Test func aStorageReleasedWithoutShutdownAfterAFailedSaveDoesNotTrap() async throws {
        let moto = try Moto.environment()
        _ = try await moto.storage()  // the bucket exists
        var configuration = S3Configuration(
            bucket: Moto.bucket, region: moto.region, endpoint: moto.endpoint, location: "tests/\(UUID())",
            credentials: S3Credentials(accessKeyID: "AKIDFAKE", secretAccessKey: "fake"))
        configuration.maxAttempts = 1
        weak var ownClient: HTTPClient?
        for owned in [false, true] {
            let storage =
                owned
                ? try S3Storage(configuration, httpClientConfiguration: S3Storage.recommendedHTTPClientConfiguration)
                : try S3Storage(configuration)
            #expect(owned || storage.httpClient === HTTPClient.shared)
            if owned { ownClient = storage.httpClient }
            let error = try #require(
                await #expect(throws: StorageError.self) {
                    try await storage.save("a.txt", content: ContentFile("a"), maxLength: nil)
                })
            #expect(error.code == .accessDenied)
        }
        // The storage is gone; its own client closes in the background and is then released.
        for _ in 0..<200 where ownClient != nil { try await Task.sleep(for: .milliseconds(50)) }
        #expect(ownClient == nil)
    }
}
