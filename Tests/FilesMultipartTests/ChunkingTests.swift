import Files
import FilesMultipart
import Foundation
import NIOCore
import TestSupport
import Testing

@testable import FilesMultipart

@Suite("However the body is split, and however large")
struct ChunkingTests {
    static let body = multipartBody([
        .field("title", "Holiday\r\n--XyY is not a boundary"),
        .file("photo", "a.jpg", content(70_000, seed: 4), type: "image/jpeg"),
        .field("tag", "a"), .field("tag", ""), .file("photo", "b.png", content(1, seed: 5)),
        .file("photo", "c.png", []), .file("doc", "d.txt", content(30_000, seed: 6)),
        Part(
            headers: [
                "Content-Disposition: form-data; name=\"enc\"; filename=\"e.bin\"", "Content-Transfer-Encoding: base64",
            ],
            content: Array(Data(content(5_000, seed: 7)).base64EncodedString(options: .lineLength64Characters).utf8)),
    ])

    @Test(arguments: 0..<16)
    func resultDoesNotDependOnTheChunking(seed: UInt64) async throws {
        let scratch = try ScratchDirectory()
        let whole = try FormSummary(
            await parse([ByteBuffer(bytes: Self.body)], handlers: scratch.defaultHandlers(maximumMemorySize: 50_000)))
        let recorderWhole = RecordingHandler()
        _ = try await parse([ByteBuffer(bytes: Self.body)], handlers: [recorderWhole] + scratch.defaultHandlers())
        #expect(whole.fields["title"] == ["Holiday\r\n--XyY is not a boundary"])
        #expect(whole.files.map(\.name) == ["a.jpg", "b.png", "c.png", "d.txt", "e.bin"])
        #expect(whole.files.map(\.isTemporary) == [true, false, false, false, false])
        #expect(whole.files.last?.content == content(5_000, seed: 7))

        let maximum = [2, 5, 100, 5_000, 100_000][Int(seed) % 5]
        let split = randomChunks(Self.body, seed: seed, maximum: maximum)
        let recorder = RecordingHandler()
        let form = try await parse(split, handlers: [recorder] + scratch.defaultHandlers(maximumMemorySize: 50_000))
        #expect(try FormSummary(form) == whole)
        #expect(recorder.chunkSizes == recorderWhole.chunkSizes)
        #expect(recorder.events == recorderWhole.events)
        form.closeFiles()
        #expect(try scratch.entries().isEmpty)
    }

    /// Malformed bodies give the same error however they are split.
    @Test(arguments: 0..<10)
    func errorDoesNotDependOnTheChunking(seed: UInt64) async throws {
        let scratch = try ScratchDirectory()
        let longHeader = "X: " + String(repeating: "h", count: 2_000)
        // A header block over a 64-byte limit whose bad byte comes after, and one whose bad byte comes first
        // (found by the multipart-form fuzz target: the chunking used to decide which error won).
        let lateSyntaxError = Array(
            "--XyZ\r\nContent-Disposition: form-data; name=\"tag\"; filename=\"a.txt\"\r\n\u{1}".utf8)
        let earlySyntaxError = Array(
            "--XyZ\r\nContent Disposition: form-data; name=\"tag\"; filename=\"a.txt\"\r\n".utf8)
        var small = MultipartLimits()
        small.maximumHeaderSize = 64
        for (body, expected) in [
            (lateSyntaxError, MultipartFormError.limitExceeded(.headerSize, limit: 64)),
            (earlySyntaxError, .malformed("a boundary or a part's headers break the multipart syntax")),
        ] {
            for split in [[ByteBuffer(bytes: body)], randomChunks(body, seed: seed, maximum: 1 + Int(seed) * 7)] {
                await #expect(throws: expected) {
                    _ = try await parse(split, limits: small, handlers: scratch.defaultHandlers())
                }
            }
        }
        let bodies: [[UInt8]] = [
            multipartBody([
                .field("a", "b"),
                Part(headers: ["Content-Disposition: form-data; name=\"f\"", longHeader], content: [1]),
            ]),
            Array(Self.body.prefix(80_000)),
            multipartBody([.field("a", "b"), Part(headers: ["Content-Type: x"], content: [1])]),
        ]
        for body in bodies {
            var errors: [MultipartFormError] = []
            for split in [[ByteBuffer(bytes: body)], randomChunks(body, seed: seed, maximum: 1 + Int(seed) * 37)] {
                do {
                    _ = try await parse(split, handlers: scratch.defaultHandlers())
                } catch {
                    errors.append(error)
                }
            }
            #expect(errors.count == 2)
            #expect(errors.first == errors.last)
            #expect(try scratch.entries().isEmpty)
        }
    }

    /// FILE_UPLOAD_MAX_MEMORY_SIZE applies to the request's Content-Length, as in Django.
    @Test(arguments: [(2_621_440, false), (2_621_441, true)])
    func spillThreshold(contentLength: Int, spills: Bool) async throws {
        let scratch = try ScratchDirectory()
        let overhead = multipartBody([.file("f", "a.bin", [])]).count
        let body = multipartBody([.file("f", "a.bin", content(contentLength - overhead, seed: 8))])
        #expect(body.count == contentLength)
        let form = try await parse(
            chunks(body, sizes: [16_384]), contentLength: body.count, handlers: scratch.defaultHandlers())
        let file = try #require(form.files["f"])
        #expect((file is TemporaryUploadedFile) == spills)
        #expect(file.size == contentLength - overhead)
        #expect(try scratch.entries().count == (spills ? 1 : 0))
        form.closeFiles()
        #expect(try scratch.entries().isEmpty)
    }

    /// A body produced 64 KiB at a time, that checks as it goes that the handlers keep up.
    struct GeneratedBody: AsyncSequence {
        /// The most bytes produced but not yet handed to the handlers, seen before producing more.
        final class Lag { var maximum = 0 }

        let size: Int
        let recorder: RecordingHandler
        let lag = Lag()

        struct AsyncIterator: AsyncIteratorProtocol {
            let body: GeneratedBody
            var produced = 0
            var header = Array(
                "--XyZ\r\nContent-Disposition: form-data; name=\"big\"; filename=\"big.bin\"\r\n\r\n".utf8)

            mutating func next() async throws -> ByteBuffer? {
                if !header.isEmpty {
                    defer { header = [] }
                    return ByteBuffer(bytes: header)
                }
                guard produced < body.size else {
                    guard produced == body.size else { return nil }
                    produced += 1
                    return ByteBuffer(string: "\r\n--XyZ--\r\n")
                }
                body.lag.maximum = Swift.max(body.lag.maximum, produced - body.recorder.received)
                let count = Swift.min(65_536, body.size - produced)
                produced += count
                return ByteBuffer(repeating: UInt8(truncatingIfNeeded: produced / 65_536), count: count)
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }
    }

    @Test func fiftyMegabytesStreamThroughBoundedBuffers() async throws {
        let scratch = try ScratchDirectory()
        let size = 50_000_000
        let recorder = RecordingHandler()
        let parser = try MultipartFormParser(contentType: formType, handlers: [recorder] + scratch.defaultHandlers())
        let body = GeneratedBody(size: size, recorder: recorder)
        let form = try await parser.parse(body)
        // Before each new chunk was produced, the handlers had all but at most one chunk of what came before.
        #expect(body.lag.maximum <= 65_536)
        let file = try #require(form.files["big"] as? TemporaryUploadedFile)
        #expect(file.size == size)
        #expect(recorder.received == size)
        #expect(recorder.chunkSizes.max() == 65_536)
        #expect(parser.peakBufferedBytes <= 65_536)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.temporaryFilePath)
        #expect((attributes[.size] as? Int) == size)
        form.closeFiles()
        #expect(try scratch.entries().isEmpty)
    }
}
