import AsyncHTTPClient
import Files
import FilesS3
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import UploadApp
import UploadServerCore

/// `--direct-uploads`: the page's form posts to the bucket (moto without authentication, which takes a
/// browser's form), S3 redirects to `GET /photos/finalize`, and the server makes the photo from the
/// object. The app's storage has its own name and its credentials given, so the suite runs beside
/// the others (which share the default name and set `AWS_*`).
@Suite struct DirectUploadTests {
    @Test(
        .enabled(
            if: MotoForUploads.shouldRun, "needs moto: FILES_S3_TEST_* from `.ci/moto start` (CI always runs it)"))
    func aPhotoPostedToTheBucketIsFinalizedIntoTheGalleryAndATextFileIsRefused() async throws {
        try await withDirectApp(maximumFileSize: 1_000_000) { app, endpoint, bucket in
            let photo = try Corpus.data("exif-orientation/Portrait_6.jpg")
            let json: [PhotoJSON] = try await serve(app) { client in
                let page = String(buffer: try await client.execute(uri: "/", method: .get).body)
                #expect(page.contains("action=\"\(endpoint)/\(bucket)\""))
                // The photo: browser → bucket → 303 to finalize → 303 to the page.
                let query = try await Self.postForm(page, file: photo, fileName: "Portrait_6.jpg")
                let finalized = try await client.execute(uri: "/photos/finalize?\(query)", method: .get)
                #expect(finalized.status == .seeOther)
                #expect(finalized.headers[.location] == "/")
                // A text file named like a photo: refused with its reason, deleted from the bucket.
                let fake = try await Self.postForm(
                    String(buffer: try await client.execute(uri: "/", method: .get).body),
                    file: Data("This is a text file, not a photo.\n".utf8), fileName: "photo.jpg")
                let refused = try await client.execute(uri: "/photos/finalize?\(fake)", method: .get)
                #expect(refused.status == .unsupportedMediaType)
                #expect(String(buffer: refused.body).contains("photo.jpg: its content is not an image"))
                // The same finalize again (a replay): the object is gone, 404.
                let replayed = try await client.execute(uri: "/photos/finalize?\(query)", method: .get)
                #expect(replayed.status == .notFound)
                let missing = try await client.execute(uri: "/photos/finalize?key=a", method: .get)
                #expect(missing.status == .badRequest)
                let list = try await client.execute(
                    uri: "/photos", method: .get, headers: [.accept: "application/json"])
                return try JSONDecoder().decode([PhotoJSON].self, from: Data(buffer: list.body))
            }
            let only = try #require(json.first)
            #expect(json.count == 1)
            #expect(only.name == "photos/Portrait_6.jpg")
            #expect((only.width, only.height) == (1200, 1800))
            #expect(only.thumbnails["small"]?.width == 171)
            #expect(try await Self.keys(in: bucket, at: endpoint).sorted() == Self.stored(only))
            try await app.deletePhoto(String(only.id ?? 0))
            #expect(try await Self.keys(in: bucket, at: endpoint) == [])
        }
    }

    @Test func directUploadsOnDiskAreRefusedAtStartUp() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("direct-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let options = try UploadOptions.parse([
            "--media-root", root.appendingPathComponent("media").path, "--direct-uploads",
            "--database", "sqlite:\(root.path).sqlite",
        ])
        let error = try await #require(throws: UploadAppError.self) { try await UploadApp(options: options) }
        #expect(error.status == 500)
        #expect(error.message.hasPrefix("Direct uploads need an S3 bucket (--s3-bucket)"))
        try? FileManager.default.removeItem(atPath: root.path + ".sqlite")
    }

    /// The names an uploaded photo occupies: the original and its thumbnails.
    static func stored(_ photo: PhotoJSON) -> [String] {
        ([photo.name] + photo.thumbnails.values.map(\.name)).sorted()
    }

    /// Runs `body` with an app on a new bucket with `--direct-uploads`, its credentials from the moto
    /// environment.
    private func withDirectApp(
        maximumFileSize: Int, _ body: (UploadApp, String, String) async throws -> Void
    ) async throws {
        let endpoint = try #require(
            MotoForUploads.endpoint, "FILES_S3_TEST_NOAUTH_ENDPOINT is unset: run `.ci/moto start` and source moto.env")
        let region = MotoForUploads.environment["FILES_S3_TEST_REGION"] ?? "us-east-1"
        let bucket = "direct-\(UUID().uuidString.lowercased())"
        var create = HTTPClientRequest(url: "\(endpoint)/\(bucket)")
        create.method = .PUT
        _ = try await HTTPClient.shared.execute(create, timeout: .seconds(30)).body.collect(upTo: 1 << 16)
        let environment = MotoForUploads.environment
        let credentials = S3Credentials(
            accessKeyID: environment["FILES_S3_TEST_ACCESS_KEY_ID"] ?? "upload-tests",
            secretAccessKey: environment["FILES_S3_TEST_SECRET_ACCESS_KEY"] ?? "secret")
        let storage = try S3Storage(
            S3Configuration(
                bucket: bucket, region: region, endpoint: endpoint, addressingStyle: .path, credentials: credentials))
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("\(bucket).sqlite")
        defer { try? FileManager.default.removeItem(at: database) }
        let app = try await UploadApp(
            storage: storage, database: .sqlite(path: database.path), storageName: "direct-\(bucket)",
            maximumFileSize: maximumFileSize, directUploadFinalizeURL: "http://127.0.0.1:9/photos/finalize")
        do {
            try await body(app, endpoint, bucket)
        } catch {
            await app.shutdown()
            throw error
        }
        await app.shutdown()
    }

    /// Posts the page's direct-upload form, as a browser would, with `file` last; returns the query of
    /// S3's redirect (which must go to the server's finalize URL).
    static func postForm(_ page: String, file: Data, fileName: String) async throws -> String {
        let action = try #require(page.firstMatch(of: /<form method="post" action="([^"]+)"/)?.output.1)
        var fields: [(String, String)] = []
        for match in page.matches(of: /<input type="hidden" name="([^"]+)" value="([^"]*)"/) {
            fields.append((unescaped(String(match.output.1)), unescaped(String(match.output.2))))
        }
        let boundary = "direct-upload-test-boundary"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; ".utf8)
        body += Data("filename=\"\(fileName)\"\r\n".utf8)
        body += Data("Content-Type: image/jpeg\r\n\r\n".utf8) + file + Data("\r\n--\(boundary)--\r\n".utf8)
        var request = HTTPClientRequest(url: unescaped(String(action)))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        request.body = .bytes(ByteBuffer(bytes: body))
        var settings = HTTPClient.Configuration()
        settings.redirectConfiguration = .disallow
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .seconds(30))
            try await http.shutdown()
        } catch {
            try await http.shutdown()
            throw error
        }
        #expect(response.status == .seeOther)
        let location = try #require(response.headers.first(name: "Location"))
        #expect(location.hasPrefix("http://127.0.0.1:9/photos/finalize?"))
        return String(location.split(separator: "?", maxSplits: 1)[1])
    }

    static func unescaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every key in the bucket: an unsigned ListObjectsV2, which moto without authentication answers.
    static func keys(in bucket: String, at endpoint: String) async throws -> [String] {
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "\(endpoint)/\(bucket)?list-type=2"), timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return text.matches(of: /<Key>([^<]*)<\/Key>/).map { String($0.output.1) }
    }

    private func serve<Value: Sendable>(
        _ app: UploadApp, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        var logger = Logger(label: "DirectUploadTests")
        logger.logLevel = .warning
        let application = UploadServerApplication.make(app: app, host: "127.0.0.1", port: 0, logger: logger)
        return try await application.test(.router, body)
    }
}
