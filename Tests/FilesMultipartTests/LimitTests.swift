import Files
import FilesMultipart
import NIOCore
import Testing

@Suite("Django's limits, at and just over each one")
struct LimitTests {
    /// Parses `body` in three chunkings: at the limit it must parse; over it, it must throw `expected`.
    func check(
        _ body: [UInt8], limits: MultipartLimits = MultipartLimits(), contentLength: Int? = nil,
        overLimit expected: MultipartFormError?, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let scratch = try ScratchDirectory()
        // Big bodies are parsed twice only: a debug build reads about a megabyte a second.
        let chunkings = body.count < 100_000 ? [[body.count], [1_000], [7]] : [[body.count], [65_537]]
        for sizes in chunkings {
            do {
                let form = try await parse(
                    chunks(body, sizes: sizes), contentLength: contentLength, limits: limits,
                    handlers: scratch.defaultHandlers(maximumMemorySize: 100))
                #expect(expected == nil, "parsed though over the limit", sourceLocation: sourceLocation)
                form.closeFiles()
            } catch {
                #expect(error == expected, sourceLocation: sourceLocation)
            }
            #expect(try scratch.entries().isEmpty, sourceLocation: sourceLocation)
        }
    }

    @Test func numberOfFields() async throws {
        let fields = (0..<1_000).map { Part.field("f\($0)", "v") }
        try await check(multipartBody(fields), overLimit: nil)
        let error = MultipartFormError.limitExceeded(.numberOfFields, limit: 1_000)
        try await check(multipartBody(fields + [.field("one", "more")]), overLimit: error)
        #expect(error.status == 400)
        #expect(
            error.description
                == "Cannot accept the multipart body: it has more than 1000 text fields (the limit maximumNumberOfFields, Django's DATA_UPLOAD_MAX_NUMBER_FIELDS)."
        )
    }

    @Test func numberOfFiles() async throws {
        let files = (0..<100).map { Part.file("f", "\($0).txt", [UInt8($0)]) }
        try await check(multipartBody(files + [.field("a", "b")]), overLimit: nil)
        let error = MultipartFormError.limitExceeded(.numberOfFiles, limit: 100)
        try await check(multipartBody(files + [.file("f", "101.txt", [1])]), overLimit: error)
        #expect(error.status == 400)
    }

    /// Django counts each field's bytes plus its name plus 2: a field "f" may hold 2,621,437 bytes.
    @Test func fieldDataSize() async throws {
        let limit = 2_621_440
        try await check(multipartBody([.field("f", String(repeating: "x", count: limit - 3))]), overLimit: nil)
        let error = MultipartFormError.limitExceeded(.fieldDataSize, limit: limit)
        try await check(multipartBody([.field("f", String(repeating: "x", count: limit - 2))]), overLimit: error)
        #expect(error.status == 413)
        // Two fields share the budget; files do not count.
        var limits = MultipartLimits()
        limits.maximumFieldDataSize = 10
        let two = [Part.field("a", "12"), .file("big", "x.bin", content(5_000)), .field("b", "12")]
        try await check(multipartBody(two), limits: limits, overLimit: nil)
        try await check(
            multipartBody(two + [.field("c", "")]), limits: limits,
            overLimit: .limitExceeded(.fieldDataSize, limit: 10))
    }

    @Test func fileSize() async throws {
        var limits = MultipartLimits()
        limits.maximumFileSize = 1_000
        try await check(multipartBody([.file("f", "a.bin", content(1_000))]), limits: limits, overLimit: nil)
        let error = MultipartFormError.limitExceeded(.fileSize, limit: 1_000)
        try await check(multipartBody([.file("f", "a.bin", content(1_001))]), limits: limits, overLimit: error)
        #expect(error.status == 413)
        #expect(
            error.description
                == "Cannot accept the multipart body: it has more than 1000 bytes in one file (the limit maximumFileSize)."
        )
    }

    @Test func requestSize() async throws {
        let body = multipartBody([.field("a", "b"), .file("f", "a.bin", content(3_000))])
        var limits = MultipartLimits()
        limits.maximumRequestSize = body.count
        try await check(body, limits: limits, overLimit: nil)
        try await check(body, limits: limits, contentLength: body.count, overLimit: nil)
        limits.maximumRequestSize = body.count - 1
        let error = MultipartFormError.limitExceeded(.requestSize, limit: body.count - 1)
        try await check(body, limits: limits, overLimit: error)
        // A declared length over the limit is refused before any byte is read.
        #expect(throws: error) {
            _ = try MultipartFormParser(contentType: formType, contentLength: body.count, limits: limits, handlers: [])
        }
        #expect(error.status == 413)
    }

    /// The header block runs from the end of `--XyZ` through the blank line: 51 bytes plus the `X:` value here.
    @Test(arguments: [false, true])
    func headerSize(isFile: Bool) async throws {
        func body(blockSize: Int) -> [UInt8] {
            let disposition =
                isFile
                ? "Content-Disposition: form-data; name=\"f\"; filename=\"a\""
                : "Content-Disposition: form-data; name=\"f\""
            let fixed = 2 + disposition.utf8.count + 2 + 3 + 4
            let header = "X: " + String(repeating: "a", count: blockSize - fixed)
            return multipartBody([Part(headers: [disposition, header], content: Array("v".utf8))])
        }
        try await check(body(blockSize: 1_024), overLimit: nil)
        let error = MultipartFormError.limitExceeded(.headerSize, limit: 1_024)
        try await check(body(blockSize: 1_025), overLimit: error)
        try await check(body(blockSize: 100_000), overLimit: error)
        #expect(error.status == 400)
        var limits = MultipartLimits()
        limits.maximumHeaderSize = 2_000
        try await check(body(blockSize: 2_000), limits: limits, overLimit: nil)
    }

    @Test func limitsCanBeLifted() async throws {
        var limits = MultipartLimits()
        limits.maximumNumberOfFields = nil
        limits.maximumFieldDataSize = nil
        try await check(multipartBody((0..<1_500).map { Part.field("f", "\($0)") }), limits: limits, overLimit: nil)
    }

    @Test func statusOfEveryLimit() {
        #expect(MultipartLimit.allCases.map(\.status) == [413, 400, 400, 413, 413, 400])
        #expect(MultipartLimits() == MultipartLimits())
        #expect(MultipartLimits().maximumFileSize == nil && MultipartLimits().maximumRequestSize == nil)
    }
}
