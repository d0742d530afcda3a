import Files
import FilesVapor
import Foundation
import TestHelpers
import Testing
import Vapor
import VaporTesting

/// `Request.streamStoredFile`: Vapor's `FileIO` for a `FileSystemStorage`, a body streamed from the
/// storage for any other; real storages, a real Vapor application.
@Suite struct StreamStoredFileTests {
    /// 1000 bytes that differ from one offset to the next, so a wrong range shows.
    static let bytes = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 256) })

    /// An application serving `GET /media/**` from `storage`, and the directory beside a disk storage.
    private func withMedia(
        _ storage: any FileStorage, files: [String: Data], chunkSize: Int = 64 * 1024,
        _ test: (Application) async throws -> Void
    ) async throws {
        for (name, data) in files {
            _ = try await storage.store(ContentFile(data, name: name), as: name)
        }
        try await withApp { app in
            app.get("media", "**") { request async -> Response in
                let name = request.parameters.getCatchall().joined(separator: "/").removingPercentEncoding ?? ""
                return await request.streamStoredFile(name, from: storage, chunkSize: chunkSize)
            }
            try await test(app)
        }
    }

    private static func storages(_ directory: TemporaryDirectory) -> [any FileStorage] {
        [
            FileSystemStorage(location: directory.path + "/media", baseURL: "/media/"),
            InMemoryStorage(baseURL: "/media/"),
        ]
    }

    @Test func aFileIsServedWithItsTypeAndValidatorsAnd304FromEitherStorage() async throws {
        let directory = try TemporaryDirectory()
        for storage in Self.storages(directory) {
            try await withMedia(storage, files: ["photos/cat.avif": Self.bytes]) { app in
                let first = try await app.testing().sendRequest(.GET, "/media/photos/cat.avif")
                #expect(first.status == .ok, "\(type(of: storage))")
                #expect(Data(buffer: first.body) == Self.bytes)
                #expect(first.headers.first(name: .contentType) == "image/avif")
                #expect(first.headers.first(name: .lastModified) != nil)
                let etag = try #require(first.headers.first(name: .eTag))
                let again = try await app.testing().sendRequest(
                    .GET, "/media/photos/cat.avif", headers: ["If-None-Match": etag])
                #expect(again.status == .notModified, "\(type(of: storage))")
                #expect(again.body.readableBytes == 0)
                let other = try await app.testing().sendRequest(
                    .GET, "/media/photos/cat.avif", headers: ["If-None-Match": "\"other\""])
                #expect(other.status == .ok)
            }
        }
    }

    @Test func aRangeFromDiskIsPartialContent() async throws {
        let directory = try TemporaryDirectory()
        let storage = FileSystemStorage(location: directory.path + "/media", baseURL: "/media/")
        try await withMedia(storage, files: ["a.bin": Self.bytes]) { app in
            let response = try await app.testing().sendRequest(.GET, "/media/a.bin", headers: ["Range": "bytes=10-19"])
            #expect(response.status == .partialContent)
            #expect(Data(buffer: response.body) == Self.bytes[10...19])
        }
    }

    /// A storage other than the disk is read a chunk at a time; the bytes arrive whole and in order
    /// whatever the chunk size.
    @Test(arguments: [1, 7, 64 * 1024])
    func aLargeFileFromMemoryArrivesWhole(chunkSize: Int) async throws {
        let large = Data((0..<(300 * 1024 + 3)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) })
        try await withMedia(InMemoryStorage(baseURL: "/media/"), files: ["large.bin": large], chunkSize: chunkSize) {
            app in
            let response = try await app.testing().sendRequest(.GET, "/media/large.bin")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentLength) == String(large.count))
            #expect(Data(buffer: response.body) == large)
        }
    }

    @Test(arguments: [
        "/media/missing.jpg", "/media/photos", "/media/../secret.txt", "/media/%2e%2e/secret.txt",
        "/media/photos/..%2F..%2Fsecret.txt", "/media/..%5Csecret.txt", "/media/%00.jpg",
    ])
    func aMissingFileADirectoryOrAHostileNameIsNotFound(_ path: String) async throws {
        let directory = try TemporaryDirectory()
        try Data("secret".utf8).write(to: URL(fileURLWithPath: directory.path).appendingPathComponent("secret.txt"))
        for storage in Self.storages(directory) {
            try await withMedia(storage, files: ["photos/cat.jpg": Self.bytes]) { app in
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .notFound, "\(path) from \(type(of: storage))")
                #expect(!response.body.string.contains("secret"))
            }
        }
    }
}
