import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UploadApp

/// Each limit, each malformed body, and a text file posing as a photo: the status, the message, and
/// that the server then still serves and has left no temporary file.
@Suite struct ErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var status: HTTPResponse.Status
        var message: String
        var contentType = MultipartBody.contentType
        var maximumFileSize = 1_024
        var body: @Sendable () throws -> Data
    }

    static let cases: [Case] = [
        Case(description: "a file over the size limit", status: .contentTooLarge, message: "bytes in one file") {
            MultipartBody.photo(Data(repeating: 0xFF, count: 4_096), fileName: "big.jpg")
        },
        Case(description: "101 files", status: .badRequest, message: "more than 100 files") {
            var body = MultipartBody()
            for index in 0..<101 { body.addFile(Data([1]), field: "f\(index)", fileName: "f\(index).jpg") }
            return body.closed()
        },
        Case(
            description: "a text file named photo.jpg", status: .badRequest,
            message: "photo.jpg: its content is not an image"
        ) {
            MultipartBody.photo(Data("just some text\n".utf8), fileName: "photo.jpg")
        },
        Case(
            description: "a 3 MiB non-image (spilled to disk)", status: .badRequest, message: "noise.jpg: ",
            maximumFileSize: UploadApp.defaultMaximumFileSize
        ) {
            MultipartBody.photo(Data(repeating: 0x41, count: 3 * 1024 * 1024), fileName: "noise.jpg")
        },
        Case(description: "no photo field", status: .badRequest, message: "no file in the field \"photo\"") {
            var body = MultipartBody()
            body.addFile(Data([1, 2, 3]), field: "other", fileName: "x.jpg")
            return body.closed()
        },
        Case(
            description: "no boundary", status: .badRequest, message: "has no valid boundary",
            contentType: "multipart/form-data"
        ) { MultipartBody.photo(Data([1]), fileName: "a.jpg") },
        Case(
            description: "not multipart", status: .badRequest, message: "is not multipart",
            contentType: "application/x-www-form-urlencoded"
        ) { Data("photo=1".utf8) },
        Case(description: "a body that ends mid-part", status: .badRequest, message: "ends before the closing") {
            var body = MultipartBody()
            body.addFile(Data(repeating: 7, count: 10_000), fileName: "cut.jpg")
            return body.bytes.prefix(5_000)
        },
        Case(description: "a part without Content-Disposition", status: .badRequest, message: "no Content-Disposition")
        {
            Data(
                "--\(MultipartBody.boundary)\r\nContent-Type: image/jpeg\r\n\r\nxyz\r\n--\(MultipartBody.boundary)--\r\n"
                    .utf8)
        },
        Case(description: "headers over the limit", status: .badRequest, message: "bytes in one part's headers") {
            let long = String(repeating: "a", count: 2_000)
            return Data(
                "--\(MultipartBody.boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\(long).jpg\"\r\n\r\nxyz\r\n--\(MultipartBody.boundary)--\r\n"
                    .utf8)
        },
    ]

    @Test(arguments: cases)
    func answersJSONAndKeepsServing(_ failure: Case) async throws {
        let server = try await TestServer(maximumFileSize: failure.maximumFileSize)
        try await server.test { client in
            let body = try failure.body()
            let response = try await client.postPhotos(body, contentType: failure.contentType)
            #expect(response.status == failure.status)
            #expect(response.headers[.contentType] == "application/json")
            let json = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
            let message = try #require(json["error"])
            #expect(message.contains(failure.message), "\(message)")
            #expect(try await client.execute(uri: "/", method: .get).status == .ok)
            // A refused upload leaves no file (not even a staged one) and no row.
            #expect(server.storedFiles() == [])
            #expect(try await server.app.photos() == [])
        }
    }

    @Test(arguments: [
        ("", HTTPResponse.Status.badRequest), ("token=abc", .badRequest), ("key=a%2Fb", .badRequest),
        // Broken percent-encoding is read as text, never a trap; this server has direct uploads off.
        ("token=%ZZ&key=%", .notFound),
    ])
    func aFinalizeWithoutAUsableTokenAndKeyIsRefused(_ query: String, status: HTTPResponse.Status) async throws {
        let server = try await TestServer()
        try await server.test { client in
            let response = try await client.execute(
                uri: "/photos/finalize?" + query, method: .get, headers: [.accept: "application/json"])
            #expect(response.status == status)
            let json = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
            #expect(json["error"]?.hasSuffix(".") == true)
            #expect(try await client.execute(uri: "/", method: .get).status == .ok)
        }
    }

    @Test func aBrowserSeesTheErrorOnThePage() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let body = MultipartBody.photo(Data("not an image".utf8), fileName: "photo.jpg")
            let response = try await client.postPhotos(body, json: false)
            #expect(response.status == .badRequest)
            let html = String(buffer: response.body)
            #expect(
                html.contains("<p class=\"error\" id=\"error\" role=\"alert\">photo.jpg: its content is not an image"))
            #expect(html.contains("<form method=\"post\" action=\"/photos\""))
        }
        #expect(!FileManager.default.fileExists(atPath: server.mediaRoot.appendingPathComponent("photos").path))
    }
}
