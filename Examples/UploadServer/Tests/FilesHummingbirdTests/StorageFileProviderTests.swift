import Files
import FilesHummingbird
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// `StorageFileProvider` behind Hummingbird's `FileMiddleware`, over a real `FileSystemStorage` in a
/// fresh directory: what the example servers serve `/media` with.
@Suite struct StorageFileProviderTests {
    /// 1000 bytes that differ from one offset to the next, so a wrong range shows.
    static let bytes = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 256) })

    @Test func aWholeFileIsServedWithItsValidatorsAndType() async throws {
        try await withMedia(["photos/cat.avif": Self.bytes]) { client, _ in
            let response = try await client.execute(uri: "/media/photos/cat.avif", method: .get)
            #expect(response.status == .ok)
            #expect(Data(buffer: response.body) == Self.bytes)
            #expect(response.headers[.contentType] == "image/avif")
            #expect(response.headers[.contentLength] == "1000")
            #expect(response.headers[.acceptRanges] == "bytes")
            #expect(response.headers[.eTag] != nil)
            #expect(response.headers[.lastModified]?.hasSuffix(" GMT") == true)
        }
    }

    @Test(arguments: [
        ("bytes=10-19", 10...19), ("bytes=990-", 990...999), ("bytes=0-0", 0...0), ("bytes=900-5000", 900...999),
        ("bytes=0-", 0...999),
    ])
    func aRangeIsServedAsPartialContent(_ header: String, _ expected: ClosedRange<Int>) async throws {
        try await withMedia(["a.bin": Self.bytes]) { client, _ in
            let response = try await client.execute(uri: "/media/a.bin", method: .get, headers: [.range: header])
            #expect(response.status == .partialContent)
            #expect(Data(buffer: response.body) == Self.bytes[expected])
            #expect(response.headers[.contentRange] == "bytes \(expected.lowerBound)-\(expected.upperBound)/1000")
            #expect(response.headers[.contentLength] == String(expected.count))
        }
    }

    @Test func aMatchingValidatorAnswers304WithoutABody() async throws {
        try await withMedia(["a.jpg": Self.bytes]) { client, _ in
            let first = try await client.execute(uri: "/media/a.jpg", method: .get)
            let etag = try #require(first.headers[.eTag])
            let lastModified = try #require(first.headers[.lastModified])
            let byTag = try await client.execute(uri: "/media/a.jpg", method: .get, headers: [.ifNoneMatch: etag])
            #expect(byTag.status == .notModified)
            #expect(byTag.body.readableBytes == 0)
            let byDate = try await client.execute(
                uri: "/media/a.jpg", method: .get, headers: [.ifModifiedSince: lastModified])
            #expect(byDate.status == .notModified)
            let otherTag = try await client.execute(
                uri: "/media/a.jpg", method: .get, headers: [.ifNoneMatch: "W/\"other\""])
            #expect(otherTag.status == .ok)
            #expect(Data(buffer: otherTag.body) == Self.bytes)
        }
    }

    @Test(arguments: ["/media/missing.jpg", "/media/photos", "/media/photos/", "/media/", "/media"])
    func aMissingFileOrADirectoryIsNotFound(_ uri: String) async throws {
        try await withMedia(["photos/cat.jpg": Self.bytes]) { client, _ in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .notFound)
            #expect(Data(buffer: response.body) != Self.bytes)
        }
    }

    @Test(arguments: [
        "/media/../secret.txt", "/media/%2e%2e/secret.txt", "/media/photos/..%2f..%2fsecret.txt",
        "/media/%2e%2e%2fsecret.txt", "/media/..%5csecret.txt", "/media/%5c..%5csecret.txt",
        "/media//secret.txt", "/media/%2f..%2fsecret.txt", "/media/./secret.txt", "/media/photos/%00.jpg",
    ])
    func aHostilePathIsRefused(_ uri: String) async throws {
        try await withMedia(["photos/cat.jpg": Self.bytes]) { client, root in
            // What a traversal would reach: a file right beside the media root.
            try Data("secret".utf8).write(to: root.appendingPathComponent("secret.txt"))
            let response = try await client.execute(uri: uri, method: .get)
            #expect([.notFound, .badRequest].contains(response.status), "\(uri)")
            #expect(!String(buffer: response.body).contains("secret"), "\(uri)")
        }
    }

    @Test(arguments: ["", "/", "a//b", "./a", "a/.", "../a", "a/../b", "a\\b", "a\0b", "//etc/passwd"])
    func aNameThatIsNotPlainIsNeverLookedUp(_ path: String) {
        let provider = StorageFileProvider(storage: FileSystemStorage(location: "/nonexistent", baseURL: nil))
        #expect(provider.getFileIdentifier(path) == nil)
    }

    @Test func aPlainNameIsTheStorageName() {
        let provider = StorageFileProvider(storage: FileSystemStorage(location: "/nonexistent", baseURL: nil))
        #expect(provider.getFileIdentifier("/photos/cat.small.jpg") == "photos/cat.small.jpg")
        #expect(provider.getFileIdentifier("中文 名.jpg") == "中文 名.jpg")
    }

    /// Memory per response is one chunk whatever the file's size: a 5 MiB file leaves the provider in
    /// 64 KiB buffers, as does a range of it.
    @Test(arguments: [(nil as String?, 0..<(5 * 1024 * 1024 + 1)), ("bytes=100000-4000000", 100_000..<4_000_001)])
    func aLargeFileIsWrittenOneChunkAtATime(_ range: String?, _ expected: Range<Int>) async throws {
        let size = 5 * 1024 * 1024 + 1
        let large = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) })
        let chunks = ChunkSizes()
        try await withMedia(["large.bin": large], recording: chunks) { client, _ in
            let headers: HTTPFields = range.map { [.range: $0] } ?? [:]
            let response = try await client.execute(uri: "/media/large.bin", method: .get, headers: headers)
            #expect(Data(buffer: response.body) == large[expected])
        }
        let sizes = chunks.sizes
        let chunkSize = StorageFileProvider.defaultChunkSize
        #expect(sizes.count == (expected.count + chunkSize - 1) / chunkSize)
        #expect(sizes.dropLast().allSatisfy { $0 == chunkSize })
        #expect((1...chunkSize).contains(sizes.last ?? 0))
        #expect(sizes.reduce(0, +) == expected.count)
    }

    @Test func theChunkSizeIsAtLeastOneByte() {
        let storage = FileSystemStorage(location: "/nonexistent", baseURL: nil)
        #expect(StorageFileProvider(storage: storage, chunkSize: 0).chunkSize == 1)
        #expect(StorageFileProvider(storage: storage, chunkSize: -5).chunkSize == 1)
        #expect(StorageFileProvider(storage: storage, chunkSize: 4096).chunkSize == 4096)
    }

    /// A router serving `files` (name → bytes, saved in a fresh storage) under `/media`, the body's
    /// buffer sizes recorded in `chunks`; `body` gets the client and the directory holding the media root.
    private func withMedia(
        _ files: [String: Data], recording chunks: ChunkSizes? = nil,
        _ body: @Sendable (any TestClientProtocol, URL) async throws -> Void
    ) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("storage-provider-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let storage = FileSystemStorage(location: root.appendingPathComponent("media").path, baseURL: "/media/")
        for (name, data) in files {
            _ = try await storage.store(ContentFile(data, name: name), as: name)
        }
        let router = Router()
        if let chunks { router.add(middleware: ChunkRecorder(chunks: chunks)) }
        router.add(middleware: FileMiddleware(storage: storage, urlBasePath: "/media"))
        try await Application(router: router).test(.router) { client in try await body(client, root) }
    }
}

/// The sizes of the buffers a response body was written in.
final class ChunkSizes: Sendable {
    private let recorded = Mutex<[Int]>([])
    var sizes: [Int] { recorded.withLock { $0 } }
    func append(_ size: Int) { recorded.withLock { $0.append(size) } }
}

/// Records the buffer sizes of every response body passing through it.
struct ChunkRecorder<Context: RequestContext>: RouterMiddleware {
    let chunks: ChunkSizes

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        let chunks = chunks
        response.body = response.body.map { buffer in
            chunks.append(buffer.readableBytes)
            return buffer
        }
        return response
    }
}
