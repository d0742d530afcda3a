import Files
import FilesMultipart
import Foundation
import NIOCore
import Testing

@testable import FilesMultipart

/// The closing delimiter `CRLF--XyZ` wherever the network cuts it, and data that almost is one.
@Suite("The delimiter across chunks")
struct DelimiterTests {
    /// File and field contents that hold the delimiter's prefixes, CRs before it, and near misses.
    static let trickyContents: [[UInt8]] = [
        Array("\r\n--Xy".utf8),  // a prefix right before the real delimiter
        Array("\r".utf8), Array("\r\r".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("\r\n-".utf8),
        Array("a\r\n--XyY\r\n--Xy\r\r\n--X-\r\n--XY".utf8),  // near misses, and a CR that restarts the match
        [0x0D] + Array(repeating: 0x0D, count: 40) + Array("\n--".utf8),
    ]

    static func body(_ contents: [[UInt8]]) -> [UInt8] {
        multipartBody(
            contents.enumerated().flatMap { index, content in
                [Part.file("f", "\(index).bin", content), Part(headers: [field(index)], content: content)]
            })
    }

    static func field(_ index: Int) -> String { "Content-Disposition: form-data; name=\"t\(index)\"" }

    /// What the body holds: the contents, once as files and once as fields.
    static func check(_ form: FormData, _ contents: [[UInt8]], sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let files = form.files.values(for: "f")
        #expect(try files.map { Array(try $0.read()) } == contents, sourceLocation: sourceLocation)
        for (index, content) in contents.enumerated() {
            #expect(
                form.fields["t\(index)"] == String(decoding: content, as: UTF8.self), sourceLocation: sourceLocation)
        }
    }

    @Test func contentsAreKeptByteForByte() async throws {
        #expect(!Self.trickyContents.isEmpty)
        let form = try await parse(
            [ByteBuffer(bytes: Self.body(Self.trickyContents))], handlers: UploadReceiver.defaultHandlers())
        try Self.check(form, Self.trickyContents)
    }

    /// Two chunks, cut at every byte of the body: inside every delimiter, header block and near miss.
    @Test(arguments: trickyContents.indices)
    func twoChunksCutAtEveryOffset(index: Int) async throws {
        let contents = [Self.trickyContents[index], Array("x\r".utf8)]
        let body = Self.body(contents)
        for cut in 0...body.count {
            let form = try await parse(
                [ByteBuffer(bytes: body[..<cut]), ByteBuffer(bytes: body[cut...])],
                handlers: UploadReceiver.defaultHandlers())
            try Self.check(form, contents)
        }
    }

    @Test(arguments: [1, 2, 3, 7])
    func tinyChunks(size: Int) async throws {
        let form = try await parse(
            chunks(Self.body(Self.trickyContents), sizes: [size]), handlers: UploadReceiver.defaultHandlers())
        try Self.check(form, Self.trickyContents)
    }

    /// Every chunk ends with a CR: once the CR of a delimiter, once a CR of the data.
    @Test func chunksEndingInCR() async throws {
        let content = Array("one\rtwo\r\rthree\r".utf8)
        let body = multipartBody([.file("f", "a.bin", content), .field("g", "\r")])
        var pieces: [ByteBuffer] = []
        var start = 0
        for (index, byte) in body.enumerated() where byte == 0x0D {
            pieces.append(ByteBuffer(bytes: body[start...index]))
            start = index + 1
        }
        pieces.append(ByteBuffer(bytes: body[start...]))
        #expect(pieces.count > 8)
        let form = try await parse(pieces, handlers: UploadReceiver.defaultHandlers())
        #expect(try form.files["f"].map { Array(try $0.read()) } == content)
        #expect(form.fields["g"] == "\r")
    }

    /// A body that stops inside the delimiter is cut off, not complete, however it was split.
    @Test func bodyEndingInsideTheDelimiter() async throws {
        let whole = multipartBody([.file("f", "a.bin", Array("data".utf8))])
        let cutOff = Array(whole.prefix(whole.count - "XyZ--\r\n".utf8.count + 1))  // ends in "\r\n--X"
        for sizes in [[cutOff.count], [1], [cutOff.count - 3]] {
            let recorder = RecordingHandler()
            await #expect(throws: MultipartFormError.malformed("the body ends before the closing boundary")) {
                _ = try await parse(chunks(cutOff, sizes: sizes), handlers: [recorder])
            }
            #expect(recorder.events == ["raw nil", "new f a.bin", "interrupted"])
        }
    }

    /// Big bodies in network-sized chunks reach the handlers in the same 64 KiB chunks however they
    /// are cut, with a delimiter straddling the cut at each offset.
    @Test(arguments: [0, 1, 2, 5, 8])
    func delimiterStraddlingLargeChunks(offsetInDelimiter: Int) async throws {
        let content = Array(repeating: UInt8(ascii: "\r"), count: 65_536 * 2 + 11)
        let body = multipartBody([.file("f", "a.bin", content), .field("g", "h")])
        let delimiterStart =
            body.count
            - "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"g\"\r\n\r\nh\r\n--XyZ--\r\n"
            .utf8.count
        let cut = delimiterStart + offsetInDelimiter
        let recorder = RecordingHandler()
        let form = try await parse(
            [ByteBuffer(bytes: body[..<cut]), ByteBuffer(bytes: body[cut...])], handlers: [recorder])
        #expect(recorder.chunkSizes == [65_536, 65_536, 11])
        #expect(form.fields["g"] == "h")
    }

    // MARK: - The matcher alone

    func scans(_ pieces: [String]) -> [DelimiterMatcher.Scan] {
        var matcher = DelimiterMatcher(boundary: "XyZ")
        return pieces.map { piece in Array(piece.utf8).withUnsafeBytes { matcher.scan($0) } }
    }

    @Test func matcherHoldsAPrefixAndReleasesItOnAMismatch() {
        typealias Scan = DelimiterMatcher.Scan
        #expect(scans(["ab\r\n-", "-XyZ\r\n"]) == [Scan(bodyByteCount: 2), Scan(delimiterEnd: 4)])
        #expect(scans(["ab\r\n-", "-XyY"]) == [Scan(bodyByteCount: 2), Scan(releasedByteCount: 3, bodyByteCount: 4)])
        // The byte that breaks the match starts the next one.
        #expect(
            scans(["\r\n--X", "\r\n--XyZ"]) == [Scan(bodyByteCount: 0), Scan(releasedByteCount: 5, delimiterEnd: 7)])
        #expect(scans(["\r", "\n", "-", "-XyZ"]) == [Scan(), Scan(), Scan(), Scan(delimiterEnd: 4)])
        #expect(scans(["\r\r\n--XyZ"]) == [Scan(bodyByteCount: 1, delimiterEnd: 8)])
        #expect(scans(["", "x"]) == [Scan(), Scan(bodyByteCount: 1)])
    }
}
