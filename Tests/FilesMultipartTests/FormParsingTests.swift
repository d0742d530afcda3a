import Files
import FilesMultipart
import Foundation
import NIOCore
import TestSupport
import Testing

@Suite("Fields, files and the handler chain")
struct FormParsingTests {
    @Test func fieldsAndFilesKeepTheirOrder() async throws {
        let scratch = try ScratchDirectory()
        let body = multipartBody([
            .field("a", "1"), .file("doc", "one.txt", Array("first".utf8)), .field("b", "2"), .field("a", "3"),
            .file("doc", "two.txt", Array("second".utf8)), .file("doc", "three.txt", []),
        ])
        let form = try await parse([ByteBuffer(bytes: body)], handlers: scratch.defaultHandlers())
        #expect(form.fields.keys == ["a", "b"])
        #expect(form.fields.values(for: "a") == ["1", "3"])
        #expect(form.fields["a"] == "3")
        #expect(form.fields["missing"] == nil)
        #expect(form.fields.values(for: "missing").isEmpty)
        let docs = form.files.values(for: "doc")
        #expect(docs.map(\.name) == ["one.txt", "two.txt", "three.txt"])
        #expect(try docs.map { String(decoding: try $0.read(), as: UTF8.self) } == ["first", "second", ""])
        #expect(docs.map(\.size) == [5, 6, 0])
    }

    @Test func theHandlerChainIsDrivenAsDjangoDrivesIt() async throws {
        let scratch = try ScratchDirectory()
        let recorder = RecordingHandler()
        let body = multipartBody([.file("f", "a.bin", content(150_000)), .field("x", "y"), .file("g", "b.bin", [1])])
        let form = try await parse(
            chunks(body, sizes: [1000]), contentLength: body.count, handlers: [recorder] + scratch.defaultHandlers())
        #expect(
            recorder.events == [
                "raw \(body.count)", "new f a.bin", "complete 150000", "new g b.bin", "complete 1", "upload complete",
            ])
        // Chunks of the handlers' chunk size (64 KiB), whatever the network chunks were.
        #expect(recorder.chunkSizes == [65_536, 65_536, 150_000 - 131_072, 1])
        #expect(form.files["f"] is InMemoryUploadedFile)  // 150 kB body: under 2.5 MiB
    }

    @Test func contentTypeCharsetAndExtraPerPart() async throws {
        let scratch = try ScratchDirectory()
        let part = Part(
            headers: [
                "content-disposition: form-data; name=\"f\"; filename=\"a.txt\"",
                "Content-Type: Text/Plain; Charset=UTF-8; foo=\"b;ar\"", "Content-Length: 4",
            ], content: Array("data".utf8))
        let recorder = DescriptionRecorder()
        let form = try await parse(
            [ByteBuffer(bytes: multipartBody([part]))], handlers: [recorder] + scratch.defaultHandlers())
        let file = try #require(form.files["f"])
        #expect(file.contentType == "text/plain")
        #expect(file.charset == "UTF-8")
        #expect(file.contentTypeExtra == ["charset": "UTF-8", "foo": "b;ar"])
        #expect(
            recorder.uploads == [
                UploadDescription(
                    fieldName: "f", fileName: "a.txt", contentType: "text/plain", contentLength: 4, charset: "UTF-8",
                    contentTypeExtra: ["charset": "UTF-8", "foo": "b;ar"])
            ])
    }

    final class DescriptionRecorder: FileUploadHandler {
        var uploads: [UploadDescription] = []
        func newFile(_ upload: UploadDescription) -> UploadHandlerDecision {
            uploads.append(upload)
            return .continueWithNextHandler
        }
        func receiveDataChunk(_ data: Data, start: Int) -> Data? { data }
        func fileComplete(size: Int) -> UploadedFile? { nil }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 7, 64, 1000])
    func base64FileIsDecodedAcrossChunks(chunkSize: Int) async throws {
        let scratch = try ScratchDirectory()
        let original = content(10_000, seed: 9)
        var encoded = Array(Data(original).base64EncodedString(options: .lineLength76Characters).utf8)
        encoded += Array("\r\n".utf8)
        let part = Part(
            headers: [
                "Content-Disposition: form-data; name=\"f\"; filename=\"a.bin\"", "Content-Transfer-Encoding: BASE64",
            ], content: encoded)
        // Small handler chunks too: the decoder's carry across handler chunks that are not multiples of 4.
        final class OddChunks: FileUploadHandler {
            var chunkSize: Int { 4_099 }
            func newFile(_ upload: UploadDescription) -> UploadHandlerDecision { .continueWithNextHandler }
            func receiveDataChunk(_ data: Data, start: Int) -> Data? { data }
            func fileComplete(size: Int) -> UploadedFile? { nil }
        }
        let form = try await parse(
            chunks(multipartBody([part]), sizes: [chunkSize]), handlers: [OddChunks()] + scratch.defaultHandlers())
        let file = try #require(form.files["f"])
        #expect(file.size == original.count)
        #expect(try Array(file.read()) == original)
    }

    @Test func base64FieldIsDecodedAndAnInvalidOneKeptAsSent() async throws {
        let scratch = try ScratchDirectory()
        let encoding = "Content-Transfer-Encoding: base64"
        let body = multipartBody([
            Part(headers: ["Content-Disposition: form-data; name=\"f\"", encoding], content: Array("SGVsbG8=".utf8)),
            Part(
                headers: ["Content-Disposition: form-data; name=\"g\"", encoding], content: Array("not base64!".utf8)),
        ])
        let form = try await parse([ByteBuffer(bytes: body)], handlers: scratch.defaultHandlers())
        #expect(form.fields["f"] == "Hello")
        #expect(form.fields["g"] == "not base64!")
    }

    @Test(arguments: ["SGVsbG8", "SGV=bG8=", "SGVsbG8=SGVs", "SGV$bG8="])
    func badBase64FileIsMalformed(encoded: String) async throws {
        let scratch = try ScratchDirectory()
        let part = Part(
            headers: [
                "Content-Disposition: form-data; name=\"f\"; filename=\"a.bin\"", "Content-Transfer-Encoding: base64",
            ],
            content: Array(encoded.utf8))
        await #expect {
            _ = try await parse([ByteBuffer(bytes: multipartBody([part]))], handlers: scratch.defaultHandlers())
        } throws: { error in
            guard case .malformed(let detail) = error as? MultipartFormError else { return false }
            return detail.contains("base64 content of \"a.bin\"") && (error as? MultipartFormError)?.status == 400
        }
        #expect(try scratch.entries().isEmpty)
    }

    @Test func invalidUTF8InAFieldBecomesReplacementCharacters() async throws {
        let part = Part(headers: ["Content-Disposition: form-data; name=\"f\""], content: [0x61, 0xFF, 0x62])
        let form = try await parse([ByteBuffer(bytes: multipartBody([part]))], handlers: [])
        #expect(form.fields["f"] == "a\u{FFFD}b")
    }

    @Test func emptyFormsAndEmptyBodies() async throws {
        #expect(try await parse([ByteBuffer(string: "--XyZ--\r\n")], handlers: []).fields.isEmpty)
        #expect(try await parse([], handlers: []).files.isEmpty)
        // Content-Length 0: Django answers with an empty form without reading.
        #expect(try await parse([ByteBuffer(string: "garbage")], contentLength: 0, handlers: []).fields.isEmpty)
        // A preamble and an epilogue are ignored.
        let body = multipartBody([.field("a", "b")], preamble: "This is a preamble.\r\n", epilogue: "\r\nbye")
        #expect(try await parse([ByteBuffer(bytes: body)], handlers: []).fields["a"] == "b")
    }

    /// Drops `.exe` files (Django's `SkipFile`), stops the upload at a file named `stop` (`StopUpload`).
    final class PolicyHandler: FileUploadHandler {
        func newFile(_ upload: UploadDescription) throws(UploadHandlerError) -> UploadHandlerDecision {
            if upload.fileName.hasSuffix(".exe") { throw .skipFile }
            if upload.fileName == "stop" { throw .stopUpload(connectionReset: false) }
            if upload.fileName == "reset" { throw .stopUpload(connectionReset: true) }
            return .continueWithNextHandler
        }
        func receiveDataChunk(_ data: Data, start: Int) throws(UploadHandlerError) -> Data? {
            if start + data.count > 1_000 { throw .rejected("The upload is over the 1,000-byte quota") }
            return data
        }
        func fileComplete(size: Int) -> UploadedFile? { nil }
    }

    @Test func customHandlersSkipStopAndReject() async throws {
        let scratch = try ScratchDirectory()
        let handlers = { [PolicyHandler()] + scratch.defaultHandlers(maximumMemorySize: 10) }
        let skipped = try await parse(
            [ByteBuffer(bytes: multipartBody([.file("f", "virus.exe", [1, 2]), .file("f", "ok.txt", [3])]))],
            handlers: handlers())
        #expect(skipped.files.values(for: "f").map(\.name) == ["ok.txt"])

        for name in ["stop", "reset"] {
            let stopped = try await parse(
                [
                    ByteBuffer(
                        bytes: multipartBody([
                            .field("a", "1"), .file("f", "one.txt", content(500)), .file("f", name, [1]),
                            .field("b", "2"),
                        ]))
                ],
                handlers: handlers())
            #expect(stopped.fields.keys == ["a"])
            #expect(stopped.files.values(for: "f").map(\.name) == ["one.txt"])
            stopped.closeFiles()
        }

        await #expect(
            throws: MultipartFormError.handler(.rejected("The upload is over the 1,000-byte quota"))
        ) {
            _ = try await parse(
                [
                    ByteBuffer(
                        bytes: multipartBody([
                            .file("f", "one.txt", content(500)), .file("f", "big.bin", content(2_000)),
                        ]))
                ],
                handlers: handlers())
        }
        #expect(MultipartFormError.handler(.rejected("x")).status == 400)
        #expect(try scratch.entries().isEmpty)
    }

    @Test func feedingByHand() throws {
        let parser = try MultipartFormParser(contentType: formType, handlers: [])
        #expect(parser.boundary == "XyZ")
        for chunk in chunks(multipartBody([.field("a", "b")]), sizes: [3]) { try parser.feed(chunk) }
        #expect(try parser.finish().fields["a"] == "b")
        #expect(throws: MultipartFormError.self) { try parser.finish() }
    }
}
