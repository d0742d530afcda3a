import Files
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import UploadApp
import UploadServerCore

/// A fresh media root, database and temporary directory per test, and the application over them.
///
/// The database is an SQLite file beside the media root, or, when `UPLOAD_TEST_POSTGRES_URL` names one
/// (`.ci/upload-servers`), that PostgreSQL database, emptied first: run the tests with `--no-parallel` then.
struct TestServer {
    let root: URL
    let app: UploadApp
    /// The name the app's storage is registered under, its own so that tests can run side by side.
    let storageName: String

    var mediaRoot: URL { root.appendingPathComponent("media") }
    var temporaryDirectory: URL { root.appendingPathComponent("tmp") }

    init(
        maximumFileSize: Int = UploadApp.defaultMaximumFileSize, uploadConcurrency: Int = 2,
        freeFormSizes: FreeFormSizes? = nil
    ) async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("upload-server-\(UUID().uuidString)")
        let tmp = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        storageName = "upload-server-tests-\(UUID().uuidString)"
        app = try await Self.app(
            root: root, storageName: storageName, maximumFileSize: maximumFileSize,
            uploadConcurrency: uploadConcurrency,
            freeFormSizes: freeFormSizes)
        if Self.postgresURL != nil {
            for photo in try await app.photos() { try await app.deletePhoto(String(photo.id ?? 0)) }
        }
    }

    /// The key of the signed thumbnail URLs, fixed so that a restarted app makes the same URLs.
    static let signingKey = "746573742d6b65792d666f722d7468652d75706c6f61642d736572766572"

    /// The PostgreSQL database to test against instead of SQLite.
    static var postgresURL: String? { ProcessInfo.processInfo.environment["UPLOAD_TEST_POSTGRES_URL"] }

    /// The database of the test under `root`.
    static func database(root: URL) -> DatabaseChoice {
        if let url = postgresURL { return .postgres(url: url) }
        return .sqlite(path: root.appendingPathComponent("gallery.sqlite").path)
    }

    private static func app(
        root: URL, storageName: String, maximumFileSize: Int = UploadApp.defaultMaximumFileSize,
        uploadConcurrency: Int = 2, freeFormSizes: FreeFormSizes? = nil
    ) async throws -> UploadApp {
        try await UploadApp(
            storage: FileSystemStorage(location: root.appendingPathComponent("media").path, baseURL: "/media/"),
            database: database(root: root), storageName: storageName, maximumFileSize: maximumFileSize,
            temporaryDirectory: root.appendingPathComponent("tmp").path, urlSigningKey: signingKey,
            uploadConcurrency: uploadConcurrency, freeFormSizes: freeFormSizes)
    }

    /// Another app over the same media root and database, as a restarted server.
    func restarted() async throws -> UploadApp {
        try await Self.app(root: root, storageName: storageName)
    }

    /// Every file under the media root (staged or final), relative to it.
    func storedFiles() -> [String] {
        guard let walk = FileManager.default.enumerator(atPath: mediaRoot.path) else { return [] }
        var files: [String] = []
        while let path = walk.nextObject() as? String {
            var directory: ObjCBool = false
            let full = mediaRoot.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &directory), !directory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// Runs `body` against the application, then checks no temporary file was left and cleans up.
    func test<Value>(
        _ kind: TestingSetup = .router, idleTimeout: Duration = .seconds(30),
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        defer { try? FileManager.default.removeItem(at: root) }
        var logger = Logger(label: "UploadServerTests")
        logger.logLevel = ProcessInfo.processInfo.environment["UPLOAD_TEST_LOG"] == nil ? .warning : .debug
        let application = UploadServerApplication.make(
            app: app, host: "127.0.0.1", port: 0, idleTimeout: idleTimeout, logger: logger)
        let value: Value
        do {
            value = try await application.test(kind, body)
        } catch {
            await app.shutdown()
            throw error
        }
        await app.shutdown()
        try await waitUntilNoTemporaryFiles()
        return value
    }

    func temporaryFiles() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory.path)) ?? []
    }

    /// Temporary files go when their request ends; a disconnect may end it a moment after the client's.
    func waitUntilNoTemporaryFiles() async throws {
        for _ in 0..<200 where !temporaryFiles().isEmpty {
            try await Task.sleep(for: .milliseconds(100))
        }
        if !temporaryFiles().isEmpty { throw LeftoverFiles(names: temporaryFiles()) }
    }
}

struct LeftoverFiles: Error, CustomStringConvertible {
    var names: [String]
    var description: String { "Temporary files were left behind: \(names.joined(separator: ", "))." }
}

/// A multipart/form-data body built the way a browser sends one.
struct MultipartBody {
    static let boundary = "----UploadServerTestsBoundary7MA4YWxkTrZu0gW"
    static var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    var bytes = Data()

    mutating func addFile(_ data: Data, field: String = "photo", fileName: String, type: String = "image/jpeg") {
        bytes += Data("--\(Self.boundary)\r\n".utf8)
        bytes += Data("Content-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\n".utf8)
        bytes += Data("Content-Type: \(type)\r\n\r\n".utf8)
        bytes += data
        bytes += Data("\r\n".utf8)
    }

    func closed() -> Data { bytes + Data("--\(Self.boundary)--\r\n".utf8) }

    static func photo(_ data: Data, fileName: String) -> Data {
        var body = MultipartBody()
        body.addFile(data, fileName: fileName)
        return body.closed()
    }
}

enum Corpus {
    static func data(_ path: String) throws -> Data {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../Tests/Fixtures/corpus/\(path)").standardizedFileURL
        return try Data(contentsOf: url)
    }
}

extension TestClientProtocol {
    /// `POST /photos` with `body`; JSON unless `json` is false.
    func postPhotos(
        _ body: Data, json: Bool = true, contentType: String = MultipartBody.contentType
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        headers[.accept] = json ? "application/json" : "text/html,application/xhtml+xml,*/*;q=0.8"
        return try await execute(uri: "/photos", method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }
}
