import Files
import FilesMultipart
import NIOCore
import Testing

@Suite("Malformed bodies and disconnects: a typed 400, and nothing left behind")
struct MalformedBodyTests {
    @Test(arguments: [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"ends with space \"",
        "multipart/form-data; boundary=" + String(repeating: "b", count: 202),
        "multipart/form-data; boundary=é",
    ])
    func badContentTypeIsRefused(contentType: String) {
        #expect {
            _ = try MultipartFormParser(contentType: contentType, handlers: [])
        } throws: { error in
            (error as? MultipartFormError)?.status == 400
        }
    }

    @Test func goodContentTypes() throws {
        #expect(
            try MultipartFormParser(contentType: "Multipart/Form-Data; Boundary=\"a b;c\"", handlers: []).boundary
                == "a b;c")
        let longest = String(repeating: "b", count: 201)
        #expect(
            try MultipartFormParser(contentType: "multipart/mixed; boundary=\(longest)", handlers: []).boundary
                == longest)
        #expect(throws: MultipartFormError.malformed("the Content-Length -1 is negative")) {
            _ = try MultipartFormParser(contentType: formType, contentLength: -1, handlers: [])
        }
    }

    static let file = Part.file("photo", "a.bin", content(30_000, seed: 3))

    /// Bodies that are not multipart/form-data with boundary XyZ, and the start of their error's detail.
    static let malformed: [(String, [UInt8], String)] = [
        ("wrong boundary", multipartBody([.field("a", "b")], boundary: "Other"), "the body has no boundary"),
        ("garbage", Array("\u{0}\u{1}garbage\r\n\r\n".utf8), "the body has no boundary"),
        (
            "no Content-Disposition", multipartBody([Part(headers: ["Content-Type: text/plain"], content: [1])]),
            "a part has no Content-Disposition header"
        ),
        ("no headers", multipartBody([Part(headers: [], content: [1])]), "a part has no Content-Disposition header"),
        (
            "no name", multipartBody([Part(headers: ["Content-Disposition: form-data; filename=\"a\""], content: [1])]),
            "a part's Content-Disposition has no name"
        ),
        ("bad header name", multipartBody([Part(headers: ["Bad Header: x"], content: [1])]), "a boundary or a part"),
        (
            "header without CRLF",
            Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\rX\r\n\r\nv\r\n--XyZ--".utf8),
            "a boundary or a part"
        ),
        (
            "junk after boundary",
            Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XyZjunk".utf8),
            "a boundary or a part"
        ),
        (
            "no CRLF after first boundary",
            Array("--XyZContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XyZ--".utf8),
            "a boundary or a part"
        ),
        ("ends in headers", Array(multipartBody([file]).prefix(30)), "the body ends before the closing boundary"),
        ("ends in a file", Array(multipartBody([file]).prefix(20_000)), "the body ends before the closing boundary"),
        ("ends after a part", Array(multipartBody([file]).dropLast(9)), "the body ends before the closing boundary"),
        ("ends after the first boundary", Array("--XyZ".utf8), "the body ends before the closing boundary"),
    ]

    @Test(arguments: malformed)
    func malformedBodyIsA400(name: String, body: [UInt8], detail: String) async throws {
        let scratch = try ScratchDirectory()
        for sizes in [[body.count], [1], [4_096]] {
            let recorder = RecordingHandler()
            await #expect {
                _ = try await parse(
                    chunks(body, sizes: sizes), handlers: [recorder] + scratch.defaultHandlers(maximumMemorySize: 10))
            } throws: { error in
                guard let error = error as? MultipartFormError, case .malformed(let message) = error else {
                    return false
                }
                return error.status == 400 && message.hasPrefix(detail)
            }
            let started = recorder.events.filter { $0.hasPrefix("new") }.count
            let finished = recorder.events.filter { $0.hasPrefix("complete") }.count
            if started > finished { #expect(recorder.events.last == "interrupted", "\(recorder.events)") }
            #expect(!recorder.events.contains("upload complete"))
            #expect(try scratch.entries().isEmpty, "\(name) left a temporary file")
        }
    }

    /// The client goes away after `chunk` chunks of 1,000 bytes: in the preamble, the headers, each file, between parts.
    @Test(arguments: [0, 1, 2, 30, 31, 60, 61])
    func disconnectInterruptsTheUploadAndRemovesItsFiles(chunk: Int) async throws {
        let scratch = try ScratchDirectory()
        let body = multipartBody([
            .field("title", "x"), .file("a", "a.bin", content(30_000, seed: 1)),
            .file("b", "b.bin", content(30_000, seed: 2)),
        ])
        let recorder = RecordingHandler()
        let handlers = [recorder] + scratch.defaultHandlers(maximumMemorySize: 1_000)
        let parts = chunks(body, sizes: [1_000])
        await #expect(throws: MultipartFormError.bodyFailed("the connection was reset")) {
            _ = try await MultipartFormParser.parse(
                RequestBody(chunks: parts, failingAfter: chunk), contentType: formType, handlers: handlers)
        }
        if chunk > 0 && chunk < parts.count {
            #expect(recorder.events.last == "interrupted", "\(recorder.events)")
        }
        #expect(try scratch.entries().isEmpty)

        // The same body ending early instead: a malformed body, and the same clean-up.
        guard chunk > 0, chunk < parts.count else { return }
        let early = RecordingHandler()
        await #expect {
            _ = try await parse(
                Array(parts.prefix(chunk)), handlers: [early] + scratch.defaultHandlers(maximumMemorySize: 1_000))
        } throws: { error in
            (error as? MultipartFormError).map { $0.status == 400 } ?? false
        }
        #expect(early.events.last == "interrupted", "\(early.events)")
        #expect(try scratch.entries().isEmpty)
    }

    @Test func errorsAfterCompleteFilesRemoveThem() async throws {
        let scratch = try ScratchDirectory()
        let body = multipartBody([.file("a", "a.bin", content(5_000)), .file("b", "b.bin", content(5_000))]).dropLast(
            20)
        await #expect(throws: MultipartFormError.self) {
            _ = try await parse(
                [ByteBuffer(bytes: Array(body))], handlers: scratch.defaultHandlers(maximumMemorySize: 10))
        }
        #expect(try scratch.entries().isEmpty)
    }

    @Test func messagesAreSentences() {
        #expect(
            MultipartFormError.malformed("a part has no Content-Disposition header").description
                == "Cannot parse the multipart body: a part has no Content-Disposition header.")
        #expect(
            MultipartFormError.bodyFailed("the connection was reset").description
                == "Cannot read the multipart body: the connection was reset.")
        #expect(MultipartFormError.handler(.file(.io(operation: "write", path: "/tmp/x", code: 28))).status == 500)
    }
}

/// Inputs the `multipart-form` fuzz target found.
@Suite("Fuzzer findings")
struct FuzzFindingTests {
    /// MultipartKit 4.7.1, which the parser once ran on, trapped on a header-name byte of 0x80 or more
    /// (a 128-entry table lookup); the parser must refuse it with a 400, in the first part and in later ones.
    @Test(arguments: [
        "--XyZ\r\nContent-D\u{F9}sposition: form-data; name=\"a\"\r\n\r\nv\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XyZ\r\n\u{80}: x\r\n\r\nv\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX\u{FF}\r\n\r\nv\r\n--XyZ--",
    ])
    func nonASCIIHeaderNameIsMalformed(body: String) async throws {
        let bytes = Array(body.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        for sizes in [[bytes.count], [1], [9]] {
            await #expect(
                throws: MultipartFormError.malformed("a boundary or a part's headers break the multipart syntax")
            ) {
                _ = try await parse(chunks(bytes, sizes: sizes), handlers: [])
            }
        }
    }

    @Test func nonASCIIHeaderValuesAreFine() async throws {
        let body = multipartBody([.file("f", "été.txt", [1])])
        #expect(try await parse(chunks(body, sizes: [1]), handlers: []).fields.isEmpty)
    }
}
