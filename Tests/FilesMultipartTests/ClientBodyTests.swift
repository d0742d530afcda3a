import Files
import FilesMultipart
import Foundation
import NIOCore
import TestSupport
import Testing

@Suite("Bodies as real clients send them")
struct ClientBodyTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
    static let hello = Array("Hello, world!\n".utf8)

    func fixture(_ name: String) throws -> (body: [UInt8], contentType: String) {
        let body = [UInt8](try Data(contentsOf: Corpus.fixture("multipart/\(name).bin")))
        let type = try String(contentsOf: Corpus.fixture("multipart/\(name).content-type"), encoding: .utf8)
        return (body, type)
    }

    @Test(arguments: [1, 7, 64, 100_000])
    func curlForm(chunkSize: Int) async throws {
        let scratch = try ScratchDirectory()
        let (body, type) = try fixture("curl-form")
        let form = try await parse(
            chunks(body, sizes: [chunkSize]), contentType: type, contentLength: body.count,
            handlers: scratch.defaultHandlers())
        #expect(form.fields.keys == ["title", "tag", "empty"])
        #expect(form.fields["title"] == "Holiday")
        #expect(form.fields["tag"] == "sun")  // the last value, as Django's request.POST["tag"]
        #expect(form.fields.values(for: "tag") == ["sea", "sun"])
        #expect(form.fields["empty"] == "")
        let photos = form.files.values(for: "photo")
        #expect(photos.map(\.name) == ["pixel.png", "notes.txt"])
        #expect(photos.map(\.contentType) == ["image/png", "text/plain"])
        #expect(try photos.map { try Array($0.read()) } == [Self.png, Self.hello])
        #expect(photos.allSatisfy { $0 is InMemoryUploadedFile })
        #expect((photos.first as? InMemoryUploadedFile)?.fieldName == "photo")
        #expect(form.files["weird"]?.name == "quote\"d.txt")  // curl sends `%22`
        form.closeFiles()
        #expect(try scratch.entries().isEmpty)
    }

    @Test func pythonRequestsForm() async throws {
        let scratch = try ScratchDirectory()
        let (body, type) = try fixture("requests-form")
        let form = try await parse(
            chunks(body, sizes: [13]), contentType: type, contentLength: body.count, handlers: scratch.defaultHandlers()
        )
        #expect(form.fields.values(for: "tag") == ["sea", "sun"])
        let photos = form.files.values(for: "photo")
        #expect(photos.map(\.name) == ["pixel.png", "é.txt"])
        #expect(photos.map(\.contentType) == ["image/png", nil])
        #expect(try Array(#require(photos.last).read()) == Self.hello)
    }

    /// Chrome's shape: a `----WebKitFormBoundary` boundary, `Content-Type: application/octet-stream`
    /// for an empty file input (sent with `filename=""`), UTF-8 names as raw bytes.
    @Test func chromeShape() async throws {
        let scratch = try ScratchDirectory()
        let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nSunset ☀️\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"été.png\"\r\n".utf8)
        body += Array("Content-Type: image/png\r\n\r\n".utf8) + Self.png + Array("\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"extra\"; filename=\"\"\r\n".utf8)
        body += Array("Content-Type: application/octet-stream\r\n\r\n\r\n--\(boundary)--\r\n".utf8)
        let form = try await parse(
            chunks(body, sizes: [5, 50]), contentType: "multipart/form-data; boundary=\(boundary)",
            contentLength: body.count, handlers: scratch.defaultHandlers())
        #expect(form.fields["caption"] == "Sunset ☀️")
        #expect(form.fields["extra"] == "")  // Django: an empty file input is an empty field
        #expect(form.files["photo"]?.name == "été.png")
        #expect(try form.files["photo"].map { Array(try $0.read()) } == Self.png)
        #expect(form.files.count == 1)
    }

    /// Firefox's shape: a `----geckoformboundary` boundary, and the file name's `"` as `%22`.
    @Test func firefoxShape() async throws {
        let scratch = try ScratchDirectory()
        let boundary = "----geckoformboundary3c5b6e2d8f1a4b9c7e0d2f4a6b8c0e1"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; ".utf8)
        body += Array("filename=\"say %22cheese%22.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
        body += Array("\u{FF}\u{D8}".utf8) + Array("\r\n--\(boundary)--\r\n".utf8)
        let form = try await parse(
            chunks(body, sizes: [1]), contentType: "multipart/form-data; boundary=\(boundary)",
            handlers: scratch.defaultHandlers())
        #expect(form.files["photo"]?.name == "say \"cheese\".jpg")
        #expect(form.files["photo"]?.contentType == "image/jpeg")
    }
}
