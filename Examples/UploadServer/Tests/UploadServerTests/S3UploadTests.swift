import AsyncHTTPClient
import Bridge
import Files
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import UploadApp
import UploadServerCore

#if canImport(Glibc)
import Glibc
#endif

/// The moto server the S3 test stores into: the unauthenticated one of `.ci/moto start`, whose
/// `moto.env` exports `FILES_S3_TEST_*` (`.ci/upload-servers` starts it when nothing else did).
///
/// Presigned URLs are fetched from the same server, so it must be the one without authentication:
/// moto checks no presigned URL while auth is on.
enum MotoForUploads {
    static let environment = ProcessInfo.processInfo.environment

    static var endpoint: String? { environment["FILES_S3_TEST_NOAUTH_ENDPOINT"] }

    /// Outside CI, a plain `swift test` without moto skips the S3 test; in CI it always runs, and fails
    /// when the variables are missing, so CI can never pass it by skipping it.
    static var shouldRun: Bool { endpoint != nil || environment["CI"] != nil }
}

/// `--s3-bucket`: the flags' S3 storage, credentials from `AWS_*`. The tests change the process's
/// environment, so they run one at a time; no other suite reads `AWS_*`.
@Suite(.serialized) struct S3UploadTests {
    @Test(
        .enabled(
            if: MotoForUploads.shouldRun, "needs moto: FILES_S3_TEST_* from `.ci/moto start` (CI always runs it)"))
    func anUploadOnS3AnswersWithPresignedURLsThatServeTheImages() async throws {
        let endpoint = try #require(
            MotoForUploads.endpoint, "FILES_S3_TEST_NOAUTH_ENDPOINT is unset: run `.ci/moto start` and source moto.env")
        let region = MotoForUploads.environment["FILES_S3_TEST_REGION"] ?? "us-east-1"
        let bucket = "upload-app-\(UUID().uuidString.lowercased())"
        try await createBucket(bucket, at: endpoint)
        setenv("AWS_ACCESS_KEY_ID", MotoForUploads.environment["FILES_S3_TEST_ACCESS_KEY_ID"] ?? "upload-tests", 1)
        setenv("AWS_SECRET_ACCESS_KEY", MotoForUploads.environment["FILES_S3_TEST_SECRET_ACCESS_KEY"] ?? "secret", 1)
        defer {
            unsetenv("AWS_ACCESS_KEY_ID")
            unsetenv("AWS_SECRET_ACCESS_KEY")
        }
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("\(bucket).sqlite")
        defer { try? FileManager.default.removeItem(at: database) }
        let options = try UploadOptions.parse([
            "--s3-bucket", bucket, "--s3-endpoint", endpoint, "--s3-region", region,
            "--database", "sqlite:\(database.path)",
        ])
        let app = try await UploadApp(options: options)
        let photo = try Corpus.data("exif-orientation/Portrait_6.jpg")
        let bucketURL = "\(endpoint)/\(bucket)/"

        let json = try await serve(app) { client in
            let response = try await client.postPhotos(MultipartBody.photo(photo, fileName: "Portrait_6.jpg"))
            #expect(response.status == .created)
            let json = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            // The storage's own URLs, never the server's /media/ route.
            let media = try await client.execute(uri: "/media/\(json.name)", method: .get)
            #expect(media.status == .notFound)
            let page = String(buffer: try await client.execute(uri: "/", method: .get).body)
            let small = try #require(json.thumbnails["small"])
            #expect(page.contains("src=\"\(small.url.replacingOccurrences(of: "&", with: "&amp;"))\""))
            return json
        }

        let small = try #require(json.thumbnails["small"])
        let avatar = try #require(json.thumbnails["avatar"])
        #expect(json.name == "photos/Portrait_6.jpg")
        // Stored 1800 × 1200 with orientation 6: displayed 1200 × 1800; Pillow's thumbnail gives 171 × 256.
        let expected = [(json.url, 1200, 1800), (small.url, 171, 256), (avatar.url, 128, 128)]
        for (url, width, height) in expected {
            #expect(url.hasPrefix(bucketURL + "photos/"), "\(url) is not path-style in the bucket")
            #expect(url.contains("X-Amz-Signature="), "\(url) is not presigned")
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
            #expect(response.status == .ok)
            let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
            let dimensions = try #require(imageDimensions(of: ContentFile(Data(buffer: bytes))), "\(url): not an image")
            #expect((dimensions.width, dimensions.height) == (width, height), "\(url)")
        }
        let original = try await HTTPClient.shared.execute(HTTPClientRequest(url: json.url), timeout: .seconds(30))
        #expect(Data(buffer: try await original.body.collect(upTo: 16 * 1024 * 1024)) == photo)

        // A server started again over the bucket and the database shows the same gallery.
        await app.shutdown()
        let again = try await UploadApp(options: options)
        #expect(await again.page().contains("Portrait_6.jpg · 1200 × 1800"))
        await again.shutdown()
    }

    @Test func aBucketWithoutCredentialsIsAClearError() async throws {
        let names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
        let saved = ProcessInfo.processInfo.environment.filter { names.contains($0.key) }
        for name in names { unsetenv(name) }
        defer { for (name, value) in saved { setenv(name, value, 1) } }
        let options = try UploadOptions.parse(["--s3-bucket", "media", "--s3-endpoint", "http://127.0.0.1:9"])
        let error = try await #require(throws: UploadAppError.self) { try await UploadApp(options: options) }
        #expect(error.status == 500)
        #expect(error.message.hasPrefix("Cannot use the S3 bucket \"media\": "))
        #expect(error.message.contains("AWS_ACCESS_KEY_ID"))
    }

    /// Runs `body` against the app's routes in-process.
    private func serve<Value: Sendable>(
        _ app: UploadApp, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        var logger = Logger(label: "S3UploadTests")
        logger.logLevel = .warning
        let application = UploadServerApplication.make(app: app, host: "127.0.0.1", port: 0, logger: logger)
        return try await application.test(.router, body)
    }

    /// The test's own bucket, made with an unsigned `PUT` (the server checks no signature).
    private func createBucket(_ bucket: String, at endpoint: String) async throws {
        var request = HTTPClientRequest(url: "\(endpoint)/\(bucket)")
        request.method = .PUT
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 64 * 1024)
        #expect(response.status == .ok, "creating the bucket \(bucket) answered \(response.status)")
    }
}
