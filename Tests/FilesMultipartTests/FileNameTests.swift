import Files
import FilesMultipart
import NIOCore
import Testing

@Suite("File names as browsers send them")
struct FileNameTests {
    /// The `Content-Disposition` parameters after `form-data; name="f"; `, and the name kept.
    static let names: [(String, String)] = [
        (#"filename="photo.jpg""#, "photo.jpg"),
        ("filename=photo.jpg", "photo.jpg"),
        (#"filename="a\"b.txt""#, #"a"b.txt"#),
        (#"filename="a%22b.txt""#, #"a"b.txt"#),
        (#"filename="100%.txt""#, "100%.txt"),
        (#"filename="%41.txt""#, "%41.txt"),
        (#"filename="a;b.txt""#, "a;b.txt"),
        (#"filename*=UTF-8''%E2%82%AC%20rates.txt"#, "€ rates.txt"),
        (#"filename*=UTF-8''%E2%82%AC.txt; filename="plain.txt""#, "€.txt"),
        (#"filename="plain.txt"; filename*=utf-8'en'%C3%A9t%C3%A9.txt"#, "été.txt"),
        (#"filename*=iso-8859-1''%E9t%E9.txt"#, "été.txt"),
        (#"filename*0*=UTF-8''%E2%82; filename*1*=%AC.txt"#, "€.txt"),
        (#"filename*=x-unknown''abc.txt; filename="fallback.txt""#, "fallback.txt"),
        (#"filename="C:\Users\x\photo.jpg""#, "photo.jpg"),
        (#"filename="C:\\Users\\x\\photo.jpg""#, "photo.jpg"),
        (#"filename="/etc/passwd""#, "passwd"),
        (#"filename="../../etc/cron.d/x""#, "x"),
        (#"filename="..&#x2F;..&#x2F;x.txt""#, "x.txt"),
        (#"filename="a&amp;b&lt;.txt""#, "a&b<.txt"),
        (#"filename="&#128;uro.txt""#, "€uro.txt"),
        (#"filename="tab%0Aline.txt""#, "tabline.txt"),
        (#"filename="zero\#u{200B}width.txt""#, "zerowidth.txt"),
        ("FILENAME=\"UPPER.TXT\"", "UPPER.TXT"),
    ]

    @Test(arguments: names)
    func nameIsDecodedAndSanitised(parameters: String, expected: String) async throws {
        let scratch = try ScratchDirectory()
        let part = Part(headers: ["Content-Disposition: form-data; name=\"f\"; \(parameters)"], content: [1])
        let form = try await parse([ByteBuffer(bytes: multipartBody([part]))], handlers: scratch.defaultHandlers())
        #expect(form.files["f"]?.name == expected)
        #expect(form.fields.isEmpty)
    }

    @Test func longNameIsCutTo255KeepingTheExtension() async throws {
        let long = String(repeating: "a", count: 300) + ".jpg"
        let part = Part.file("f", long, [1])
        let form = try await parse(
            [ByteBuffer(bytes: multipartBody([part]))], handlers: UploadReceiver.defaultHandlers())
        #expect(form.files["f"]?.name == String(repeating: "a", count: 251) + ".jpg")
    }

    /// Names with nothing safe left skip the part silently, as Django's parser does; they still count as files.
    @Test(arguments: ["/", "..", ".", "a/..", "&#46;&#46;", "\u{0}", "C:\\", "%0A"])
    func blankNameSkipsThePart(name: String) async throws {
        let scratch = try ScratchDirectory()
        let body = multipartBody([.file("f", name, [1, 2, 3]), .field("after", "kept")])
        let form = try await parse([ByteBuffer(bytes: body)], handlers: scratch.defaultHandlers())
        #expect(form.files.isEmpty)
        #expect(form.fields["after"] == "kept")
        var limits = MultipartLimits()
        limits.maximumNumberOfFiles = 0
        await #expect(throws: MultipartFormError.limitExceeded(.numberOfFiles, limit: 0)) {
            _ = try await parse([ByteBuffer(bytes: body)], limits: limits, handlers: scratch.defaultHandlers())
        }
        #expect(try scratch.entries().isEmpty)
    }

    @Test func fieldNamesAreTrimmedAndKeptAsSent() async throws {
        let part = Part(headers: ["Content-Disposition: form-data; name=\"  spaced name  \""], content: Array("v".utf8))
        let form = try await parse([ByteBuffer(bytes: multipartBody([part]))], handlers: [])
        #expect(form.fields["spaced name"] == "v")
    }
}
