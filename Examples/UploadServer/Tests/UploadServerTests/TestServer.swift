import Files
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import UploadApp
import UploadServerCore

/// A fresh media root and temporary directory per test, and the application over them.
struct TestServer {
    let root: URL
    let app: UploadApp

    var mediaRoot: URL { root.appendingPathComponent("media") }
    var temporaryDirectory: URL { root.appendingPathComponent("tmp") }

    init(maximumFileSize: Int = UploadApp.defaultMaximumFileSize, uploadConcurrency: Int = 2) async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("upload-server-\(UUID().uuidString)")
        let tmp = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        app = try await UploadApp(
            storage: FileSystemStorage(location: root.appendingPathComponent("media").path, baseURL: "/media/"),
            maximumFileSize: maximumFileSize, temporaryDirectory: tmp.path, uploadConcurrency: uploadConcurrency)
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
        let value = try await application.test(kind, body)
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
