import Files
import Foundation
import NIOCore
import NIOPosix
import TestHelpers
import Testing
import UploadApp
import Vapor
import VaporTesting
import VaporUploadServerCore

/// Each route of the Vapor upload server over HTTP: the page, uploads good and bad, limits, a client
/// that goes away mid-upload, and the media files.
@Suite struct VaporUploadServerTests {
    static let jpeg = fixture("exif-orientation/Landscape_6.jpg")

    /// A server whose media root is `media` in a fresh directory (the test may put files beside it), its
    /// gallery in an SQLite file beside it, and its own temporary directory, which must be empty afterwards.
    private func withServer(
        maximumFileSize: Int = UploadApp.defaultMaximumFileSize, _ test: (Application, URL) async throws -> Void
    ) async throws {
        let root = try TemporaryDirectory()
        let media = URL(fileURLWithPath: root.path).appendingPathComponent("media")
        let temporary = try TemporaryDirectory()
        let uploads = try await UploadApp(
            storage: FileSystemStorage(location: media.path, baseURL: "/media/"),
            database: .sqlite(path: URL(fileURLWithPath: root.path).appendingPathComponent("gallery.sqlite").path),
            storageName: "vapor-tests-\(UUID().uuidString)", maximumFileSize: maximumFileSize,
            temporaryDirectory: temporary.path)
        do {
            try await withApp { app in
                app.useUploadRoutes(uploads)
                try await test(app, media)
            }
        } catch {
            await uploads.shutdown()
            throw error
        }
        await uploads.shutdown()
        #expect(try await temporary.contentsOnceSettled() == [], "no temporary file outlives its request")
    }

    private func photoBody(name: String = "landscape.jpg", content: Data? = nil) throws -> MultipartBody {
        var body = MultipartBody()
        body.field("note", "from the tests")
        body.file(
            "photo", fileName: name, contentType: "image/jpeg", content: try content ?? Data(contentsOf: Self.jpeg))
        return body
    }

    /// Posts `body` over real HTTP, or in-process with `inMemory` (which, unlike the HTTP client, does
    /// not follow a redirect).
    private func upload(
        _ app: Application, _ body: MultipartBody, accept: String = "application/json", inMemory: Bool = false
    ) async throws -> TestingHTTPResponse {
        var body = body
        var headers = body.headers
        headers.add(name: .accept, value: accept)
        return try await app.testing(method: inMemory ? .inMemory : .running(port: 0)).sendRequest(
            .POST, "photos", headers: headers, body: body.bytes)
    }

    @Test func pageHasTheFormAndTheGallery() async throws {
        try await withServer { app, _ in
            _ = try await upload(app, try photoBody())
            let response = try await app.testing().sendRequest(.GET, "/")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType) == "text/html; charset=utf-8")
            #expect(response.body.string.contains("<input type=\"file\" name=\"photo\" accept=\"image/*\""))
            #expect(response.body.string.contains("landscape"))
        }
    }

    @Test func jsonUploadIsCreatedWithBothThumbnails() async throws {
        try await withServer { app, media in
            let response = try await upload(app, try photoBody())
            #expect(response.status == .created)
            let photo = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            let small = try #require(photo.thumbnails["small"])
            let avatar = try #require(photo.thumbnails["avatar"])
            #expect(max(small.width, small.height) == 256)
            // The thumbnail keeps the photo's shape (to a pixel's rounding).
            let shape = Double(photo.width) / Double(photo.height)
            #expect(abs(shape - Double(small.width) / Double(small.height)) < 0.01)
            #expect(avatar.width == 128 && avatar.height == 128)
            // Stored 1200×1800 with EXIF orientation 6: displayed (and so reported) as a landscape.
            #expect(photo.width == 1800 && photo.height == 1200)
            for name in [photo.name, small.name, avatar.name] {
                #expect(
                    FileManager.default.fileExists(atPath: media.appendingPathComponent(name).path), "\(name) is stored"
                )
            }
            let original = try await app.testing().sendRequest(.GET, photo.url)
            #expect(original.status == .ok)
            #expect(original.headers.first(name: .contentType) == "image/jpeg")
            #expect(Data(buffer: original.body) == (try Data(contentsOf: Self.jpeg)))
        }
    }

    @Test func browserUploadIsRedirectedToThePage() async throws {
        try await withServer { app, _ in
            let response = try await upload(
                app, try photoBody(), accept: "text/html,application/xhtml+xml,*/*;q=0.8", inMemory: true)
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/")
        }
    }

    @Test func textNamedLikeAPhotoIsABadRequestNamingTheFile() async throws {
        try await withServer { app, media in
            let body = try photoBody(name: "photo.jpg", content: Data("not a picture".utf8))
            let json = try await upload(app, body)
            #expect(json.status == .badRequest)
            let error = try JSONDecoder().decode([String: String].self, from: Data(buffer: json.body))
            #expect(error["error"]?.hasPrefix("photo.jpg: ") == true)
            let page = try await upload(app, body, accept: "text/html")
            #expect(page.status == .badRequest)
            #expect(page.body.string.contains("photo.jpg: "))
            #expect(try storedFiles(media) == [], "nothing is stored (not even staged) for a refused upload")
            let list = try await app.testing().sendRequest(.GET, "/photos", headers: ["Accept": "application/json"])
            #expect(try JSONDecoder().decode([PhotoJSON].self, from: Data(buffer: list.body)) == [], "and no row")
            // And the server still serves.
            #expect(try await upload(app, try photoBody()).status == .created)
        }
    }

    @Test func photoOverTheLimitIsPayloadTooLarge() async throws {
        try await withServer(maximumFileSize: 10_000) { app, media in
            let response = try await upload(app, try photoBody(content: Data(repeating: 0xFF, count: 3_000_000)))
            #expect(response.status == .payloadTooLarge)
            let error = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
            #expect(error["error"]?.contains("maximumFileSize") == true)
            #expect(try storedFiles(media) == [], "nothing is stored (not even staged) over the limit")
        }
    }

    @Test(arguments: [
        ("text/plain", "is not multipart"),
        ("multipart/form-data", "has no valid boundary"),
    ])
    func malformedBodyIsABadRequest(contentType: String, reason: String) async throws {
        try await withServer { app, _ in
            let response = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST, "photos", headers: ["Content-Type": contentType, "Accept": "application/json"],
                body: ByteBuffer(string: "photo=1"))
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains(reason))
        }
    }

    @Test func formWithoutAPhotoIsABadRequest() async throws {
        try await withServer { app, _ in
            var body = MultipartBody()
            body.field("note", "no file")
            let response = try await upload(app, body)
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("\\\"photo\\\""))
        }
    }

    @Test func bodyCutShortIsABadRequestAndLeavesNoTemporaryFile() async throws {
        try await withServer { app, _ in
            var body = try photoBody(content: Data(repeating: 0xAB, count: 4_000_000))
            let cut = body.bytes.getSlice(at: 0, length: 3_500_000)!
            let response = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST, "photos", headers: body.headers.adding(accept: "application/json"), body: cut)
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("before the closing boundary"))
        }
    }

    @Test func clientGoneMidUploadLeavesNoTemporaryFileAndTheServerServes() async throws {
        try await withServer { app, _ in
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            var body = try photoBody(content: Data(repeating: 0xCD, count: 8_000_000))
            let bytes = body.bytes
            // Headers announcing the whole body, then 4 MB of it (a temporary file is open by then), then close.
            var request = ByteBuffer(
                string: "POST /photos HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                    + "Content-Type: \(body.headers.first(name: .contentType)!)\r\n"
                    + "Content-Length: \(bytes.readableBytes)\r\n\r\n")
            request.writeImmutableBuffer(bytes.getSlice(at: 0, length: 4_000_000)!)
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            try await channel.writeAndFlush(request).get()
            try await Task.sleep(for: .milliseconds(300))
            try await channel.close().get()
            // The handler notices the disconnect and cleans up; give it a moment, then check it served on.
            try await Task.sleep(for: .milliseconds(500))
            await app.server.shutdown()
            #expect(try await upload(app, try photoBody()).status == .created)
        }
    }

    @Test func aSignedThumbnailThatIsNotStoredIsMadeThenServed() async throws {
        try await withServer { app, media in
            let photo = try JSONDecoder().decode(
                PhotoJSON.self, from: Data(buffer: try await upload(app, try photoBody()).body))
            let small = try #require(photo.thumbnails["small"])
            let file = media.appendingPathComponent(small.name)
            let original = try Data(contentsOf: file)
            try FileManager.default.removeItem(at: file)
            // The storage has no such file: the route makes it under the same name, then streams it.
            let made = try await app.testing().sendRequest(.GET, small.url)
            #expect(made.status == .ok)
            #expect(made.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(Data(buffer: made.body) == original)
            #expect(try Data(contentsOf: file) == original)
        }
    }

    @Test func mediaHasAnETagAndAnswers304() async throws {
        try await withServer { app, _ in
            let photo = try JSONDecoder().decode(
                PhotoJSON.self, from: Data(buffer: try await upload(app, try photoBody()).body))
            let url = try #require(photo.thumbnails["small"]?.url)
            let first = try await app.testing().sendRequest(.GET, url)
            #expect(first.status == .ok)
            #expect(first.headers.first(name: .contentType) == "image/jpeg")
            #expect(first.headers.first(name: .lastModified) != nil)
            // The thumbnail's URL is the signed variant route's: immutable for a year.
            #expect(url.hasPrefix("/media/v/"))
            #expect(first.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            let etag = try #require(first.headers.first(name: .eTag))
            let again = try await app.testing().sendRequest(.GET, url, headers: ["If-None-Match": etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers.first(name: .eTag) == etag)
        }
    }

    @Test(arguments: [
        "/media/../Package.swift", "/media/photos/../../Package.swift", "/media/%2e%2e/Package.swift",
        "/media/..%2FPackage.swift", "/media//etc/passwd", "/media/missing.jpg",
    ])
    func nothingOutsideTheMediaRootIsServed(path: String) async throws {
        try await withServer { app, media in
            try Data("secret".utf8).write(to: media.deletingLastPathComponent().appendingPathComponent("Package.swift"))
            let response = try await app.testing().sendRequest(.GET, path)
            #expect(response.status == .notFound)
            #expect(!response.body.string.contains("secret"))
        }
    }

    @Test func theGalleryIsListedAsJSONAndAPhotoDeletedWithItsThumbnails() async throws {
        try await withServer { app, media in
            let first = try JSONDecoder().decode(
                PhotoJSON.self, from: Data(buffer: try await upload(app, try photoBody(name: "one.jpg")).body))
            let second = try JSONDecoder().decode(
                PhotoJSON.self, from: Data(buffer: try await upload(app, try photoBody(name: "two.jpg")).body))
            let list = try await app.testing().sendRequest(.GET, "/photos", headers: ["Accept": "application/json"])
            #expect(list.status == .ok)
            #expect(try JSONDecoder().decode([PhotoJSON].self, from: Data(buffer: list.body)) == [second, first])

            let id = try #require(second.id)
            let delete = try await app.testing().sendRequest(.DELETE, "/photos/\(id)")
            #expect(delete.status == .noContent)
            for url in [second.url] + second.thumbnails.values.map(\.url) {
                #expect(try await app.testing().sendRequest(.GET, url).status == .notFound, "\(url)")
            }
            let left = Set([first.name] + first.thumbnails.values.map(\.name))
            #expect(Set(try storedFiles(media)) == left)
            #expect(try await app.testing().sendRequest(.DELETE, "/photos/\(id)").status == .notFound)
            #expect(try await app.testing().sendRequest(.DELETE, "/photos/x1").status == .badRequest)

            let firstID = try #require(first.id)
            let button = try await app.testing(method: .inMemory).sendRequest(.POST, "/photos/\(firstID)/delete")
            #expect(button.status == .seeOther)
            #expect(button.headers.first(name: .location) == "/")
            let page = try await app.testing().sendRequest(.GET, "/")
            #expect(page.body.string.contains("No photos yet."))
            #expect(try storedFiles(media) == [])
        }
    }

    /// Every file under the media root, staged or final, relative to it.
    private func storedFiles(_ media: URL) throws -> [String] {
        guard let walk = FileManager.default.enumerator(atPath: media.path) else { return [] }
        var files: [String] = []
        while let path = walk.nextObject() as? String {
            var directory: ObjCBool = false
            if FileManager.default.fileExists(atPath: media.appendingPathComponent(path).path, isDirectory: &directory),
                !directory.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }
}

extension HTTPHeaders {
    fileprivate func adding(accept: String) -> HTTPHeaders {
        var headers = self
        headers.add(name: .accept, value: accept)
        return headers
    }
}

/// A file of the library's test corpus.
func fixture(_ path: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../../Tests/Fixtures/corpus/\(path)").standardizedFileURL
}
