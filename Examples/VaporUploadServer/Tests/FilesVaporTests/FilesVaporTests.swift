import Bridge
import Files
import FilesMultipart
import FilesVapor
import Foundation
import TestHelpers
import Testing
import Vapor
import VaporTesting

/// The glue over a real Vapor application: the body streamed through FilesMultipart, a decoded
/// `Vapor.File` as an upload, and the error mapping.
@Suite struct FilesVaporTests {
    /// What the test route saw: field values, then each file's class, name, size and content.
    struct Seen: Content {
        var title: String?
        var tags: [String]
        var files: [SeenFile]
    }

    struct SeenFile: Content {
        var kind: String
        var name: String?
        var size: Int?
        var bytes: Int
        var contentType: String?
    }

    /// Registers `POST /form`, streaming the body into the parser, the files left in `temporaryDirectory`.
    private static func configure(_ app: Application, temporaryDirectory: String, limits: MultipartLimits) {
        app.on(.POST, "form", body: .stream) { request async throws -> Seen in
            let form: FormData
            do throws(FilesMultipart.MultipartFormError) {
                form = try await request.formData(
                    limits: limits, handlers: UploadReceiver.defaultHandlers(temporaryDirectory: temporaryDirectory))
            } catch {
                throw Abort(error)
            }
            defer { form.closeFiles() }
            let files = try form.files.values(for: "photo").map { file in
                SeenFile(
                    kind: String(describing: type(of: file)), name: file.name, size: file.size,
                    bytes: try file.read().count, contentType: file.contentType)
            }
            return Seen(title: form.fields["title"], tags: form.fields.values(for: "tag"), files: files)
        }
    }

    private func withFormApp(
        limits: MultipartLimits = MultipartLimits(), _ test: (Application, TemporaryDirectory) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        try await withApp { app in
            Self.configure(app, temporaryDirectory: directory.path, limits: limits)
            try await test(app, directory)
        }
        #expect(try await directory.contentsOnceSettled() == [], "no temporary file outlives its request")
    }

    @Test func streamedBodyGivesFieldsInOrderAndFilesInMemoryOrOnDisk() async throws {
        try await withFormApp { app, _ in
            var body = MultipartBody()
            body.field("title", "Holiday")
            body.field("tag", "sea")
            body.field("tag", "sun")
            body.file("photo", fileName: "small.jpg", contentType: "image/jpeg", content: Data(repeating: 1, count: 10))
            body.file(
                "photo", fileName: "C:\\Users\\me\\large.jpg", contentType: "image/jpeg",
                content: Data(repeating: 2, count: 3 * 1024 * 1024))
            let response = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST, "form", headers: body.headers, body: body.bytes)
            #expect(response.status == .ok)
            let seen = try response.content.decode(Seen.self)
            #expect(seen.title == "Holiday")
            #expect(seen.tags == ["sea", "sun"])
            #expect(seen.files.map(\.name) == ["small.jpg", "large.jpg"])
            #expect(seen.files.map(\.bytes) == [10, 3 * 1024 * 1024])
            // The whole body is over 2.5 MiB, so Django's rule sends both files to disk.
            #expect(seen.files.map(\.kind) == ["TemporaryUploadedFile", "TemporaryUploadedFile"])
            #expect(seen.files.map(\.contentType) == ["image/jpeg", "image/jpeg"])
        }
    }

    @Test func smallBodyKeepsTheFileInMemory() async throws {
        try await withFormApp { app, _ in
            var body = MultipartBody()
            body.file("photo", fileName: "a.png", contentType: "image/png", content: Data("png".utf8))
            let response = try await app.testing().sendRequest(.POST, "form", headers: body.headers, body: body.bytes)
            #expect(response.status == .ok)
            let seen = try response.content.decode(Seen.self)
            #expect(seen.files.map(\.kind) == ["InMemoryUploadedFile"])
            #expect(seen.files.first?.size == 3)
        }
    }

    @Test(arguments: [
        (String?.none, "the request has no Content-Type"),
        ("text/plain", "is not multipart"),
        ("multipart/form-data", "has no valid boundary"),
    ])
    func wrongContentTypeIsABadRequest(contentType: String?, reason: String) async throws {
        try await withFormApp { app, _ in
            var headers = HTTPHeaders()
            if let contentType { headers.add(name: .contentType, value: contentType) }
            let response = try await app.testing().sendRequest(
                .POST, "form", headers: headers, body: ByteBuffer(string: "x"))
            #expect(response.status == .badRequest)
            #expect(try response.content.decode(ErrorBody.self).reason.contains(reason))
        }
    }

    @Test func bodyEndingMidPartIsABadRequestAndLeavesNoFile() async throws {
        try await withFormApp { app, _ in
            var body = MultipartBody()
            body.file(
                "photo", fileName: "cut.jpg", contentType: "image/jpeg", content: Data(repeating: 7, count: 4_000_000))
            let cut = body.bytes.getSlice(at: 0, length: 3_000_000)!
            let response = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST, "form", headers: body.headers, body: cut)
            #expect(response.status == .badRequest)
            #expect(try response.content.decode(ErrorBody.self).reason.contains("before the closing boundary"))
        }
    }

    @Test func fileOverItsLimitIsPayloadTooLarge() async throws {
        var limits = MultipartLimits()
        limits.maximumFileSize = 1_000
        try await withFormApp(limits: limits) { app, _ in
            var body = MultipartBody()
            body.file(
                "photo", fileName: "big.jpg", contentType: "image/jpeg", content: Data(repeating: 3, count: 200_000))
            let response = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST, "form", headers: body.headers, body: body.bytes)
            #expect(response.status == .payloadTooLarge)
            #expect(try response.content.decode(ErrorBody.self).reason.contains("maximumFileSize"))
        }
    }

    @Test func tooManyFilesIsABadRequest() async throws {
        var limits = MultipartLimits()
        limits.maximumNumberOfFiles = 1
        try await withFormApp(limits: limits) { app, _ in
            var body = MultipartBody()
            body.file("photo", fileName: "1.jpg", contentType: "image/jpeg", content: Data("1".utf8))
            body.file("photo", fileName: "2.jpg", contentType: "image/jpeg", content: Data("2".utf8))
            let response = try await app.testing().sendRequest(.POST, "form", headers: body.headers, body: body.bytes)
            #expect(response.status == .badRequest)
            #expect(try response.content.decode(ErrorBody.self).reason.contains("DATA_UPLOAD_MAX_NUMBER_FILES"))
        }
    }

    @Test(arguments: [
        (FilesMultipart.MultipartFormError.malformed("no boundary"), HTTPStatus.badRequest),
        (.bodyFailed("the connection closed"), .badRequest),
        (.limitExceeded(.fileSize, limit: 10), .payloadTooLarge),
        (.limitExceeded(.requestSize, limit: 10), .payloadTooLarge),
        (.limitExceeded(.fieldDataSize, limit: 10), .payloadTooLarge),
        (.limitExceeded(.numberOfFields, limit: 10), .badRequest),
        (.limitExceeded(.numberOfFiles, limit: 10), .badRequest),
        (.limitExceeded(.headerSize, limit: 10), .badRequest),
    ])
    func abortCarriesTheStatusAndTheSentence(error: FilesMultipart.MultipartFormError, status: HTTPStatus) {
        let abort = Abort(error)
        #expect(abort.status == status)
        #expect(abort.reason == error.description)
    }

    @Test func decodedVaporFileBecomesANamedInMemoryUpload() throws {
        let decoded = Vapor.File(data: ByteBuffer(string: "GIF89a"), filename: "../../etc/cat.GIF")
        let upload = try InMemoryUploadedFile(decoded, fieldName: "photo")
        #expect(upload.name == "cat.GIF")
        #expect(upload.fieldName == "photo")
        #expect(upload.contentType == "image/gif")
        #expect(upload.size == 6)
        #expect(try upload.read() == Data("GIF89a".utf8))
    }

    @Test func filesNamesNeedNoModuleBesideVapor() throws {
        // `FileObject` and `FileStorage` compile unqualified beside `import Vapor`; Vapor's `File` and
        // `Storage` are written `Vapor.File` here only while Files keeps its deprecated aliases.
        let decoded = Vapor.File(data: ByteBuffer(string: "hello"), filename: "notes.txt")
        let upload: FileObject = try InMemoryUploadedFile(decoded)
        let storage: any FileStorage = InMemoryStorage()
        #expect(upload.name == "notes.txt")
        #expect(try upload.read() == Data("hello".utf8))
        #expect(try storage.generateFilename("a/b.txt") == "a/b.txt")
    }

    @Test func decodedVaporFileWithoutExtensionHasNoContentType() throws {
        let upload = try InMemoryUploadedFile(Vapor.File(data: ByteBuffer(), filename: "README"))
        #expect(upload.contentType == nil)
        #expect(upload.size == 0)
    }

    @Test func decodedVaporFileWithNoSafeNameIsRefused() {
        #expect(throws: FileError.self) { try InMemoryUploadedFile(Vapor.File(data: ByteBuffer(), filename: "..")) }
    }
}

/// Vapor's ErrorMiddleware answer.
struct ErrorBody: Decodable {
    var error: Bool
    var reason: String
}
