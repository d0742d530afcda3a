import Files
import FilesMultipart
import Foundation
import NIOCore
import TestSupport

/// A fresh directory for the temporary files of one test, removed with everything in it on deinit.
final class ScratchDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/multipart-tests-XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else { throw CocoaError(.fileWriteUnknown) }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The names of the entries in the directory.
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// Django's default handler chain writing its temporary files here.
    func defaultHandlers(maximumMemorySize: Int = MemoryFileUploadHandler.defaultMaximumMemorySize)
        -> [any FileUploadHandler]
    {
        UploadReceiver.defaultHandlers(maximumMemorySize: maximumMemorySize, temporaryDirectory: path)
    }
}

/// One part of a hand-built multipart body.
struct Part {
    var headers: [String]
    var content: [UInt8]

    static func field(_ name: String, _ value: String) -> Part {
        Part(headers: ["Content-Disposition: form-data; name=\"\(name)\""], content: Array(value.utf8))
    }

    static func file(_ name: String, _ fileName: String, _ content: [UInt8], type: String? = nil) -> Part {
        Part(
            headers: ["Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\""]
                + (type.map { ["Content-Type: \($0)"] } ?? []),
            content: content)
    }
}

/// A multipart body with `boundary`, the bytes exactly as a client sends them.
func multipartBody(_ parts: [Part], boundary: String = "XyZ", preamble: String = "", epilogue: String = "\r\n")
    -> [UInt8]
{
    var bytes = Array(preamble.utf8)
    for part in parts {
        bytes += Array("--\(boundary)\r\n".utf8)
        for header in part.headers { bytes += Array("\(header)\r\n".utf8) }
        bytes += Array("\r\n".utf8)
        bytes += part.content
        bytes += Array("\r\n".utf8)
    }
    bytes += Array("--\(boundary)--\(epilogue)".utf8)
    return bytes
}

let formType = "multipart/form-data; boundary=XyZ"

/// Deterministic content whose bytes differ, with CRs, LFs and dashes that look like boundary starts.
func content(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    let alphabet = Array("\r\n-XyZ".utf8) + (0...255).map(UInt8.init)
    return (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
}

/// `bytes` cut at the given sizes (repeating), as the network might deliver them.
func chunks(_ bytes: [UInt8], sizes: [Int]) -> [ByteBuffer] {
    var result: [ByteBuffer] = []
    var offset = 0
    var step = 0
    while offset < bytes.count {
        let size = max(1, min(sizes[step % sizes.count], bytes.count - offset))
        result.append(ByteBuffer(bytes: bytes[offset..<offset + size]))
        offset += size
        step += 1
    }
    return result
}

/// `bytes` cut at random points (1 to `maximum` bytes per chunk), reproducibly from `seed`.
func randomChunks(_ bytes: [UInt8], seed: UInt64, maximum: Int = 200) -> [ByteBuffer] {
    var random = SplitMix64(seed: seed)
    var sizes: [Int] = []
    var total = 0
    while total < bytes.count {
        let size = Int(random.next() % UInt64(maximum)) + 1
        sizes.append(size)
        total += size
    }
    return chunks(bytes, sizes: sizes)
}

/// A request body as a server hands it over: chunks, then the end, or a failure after `failingAfter` chunks.
struct RequestBody: AsyncSequence {
    struct Disconnected: Error, CustomStringConvertible {
        var description: String { "the connection was reset" }
    }

    let chunks: [ByteBuffer]
    var failingAfter: Int?

    struct AsyncIterator: AsyncIteratorProtocol {
        let body: RequestBody
        var index = 0

        mutating func next() async throws -> ByteBuffer? {
            if let failingAfter = body.failingAfter, index >= failingAfter { throw Disconnected() }
            guard index < body.chunks.count else { return nil }
            defer { index += 1 }
            return body.chunks[index]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }
}

/// Parses `bytes` delivered in `chunks` with the given limits and handlers.
func parse(
    _ chunks: [ByteBuffer], contentType: String = formType, contentLength: Int? = nil,
    limits: MultipartLimits = MultipartLimits(), handlers: [any FileUploadHandler]
) async throws(MultipartFormError) -> FormData {
    try await MultipartFormParser.parse(
        RequestBody(chunks: chunks), contentType: contentType, contentLength: contentLength, limits: limits,
        handlers: handlers)
}

/// What a parsed form holds, as plain values, to compare the results of two parses.
struct FormSummary: Equatable, CustomStringConvertible {
    struct FileSummary: Equatable {
        var field: String
        var name: String?
        var contentType: String?
        var charset: String?
        var size: Int?
        var content: [UInt8]
        var isTemporary: Bool
    }

    var fields: [String: [String]]
    var fieldOrder: [String]
    var files: [FileSummary]

    init(_ form: FormData) throws {
        fields = Dictionary(uniqueKeysWithValues: form.fields.map { ($0.key, $0.values) })
        fieldOrder = form.fields.keys
        files = try form.files.flatMap { entry in
            try entry.values.map { file in
                try FileSummary(
                    field: entry.key, name: file.name, contentType: file.contentType, charset: file.charset,
                    size: file.size, content: Array(file.read()), isTemporary: file is TemporaryUploadedFile)
            }
        }
    }

    var description: String {
        "fields \(fields), files \(files.map { "\($0.field)=\($0.name ?? "-") (\($0.content.count) bytes)" })"
    }
}

/// The first handler of a chain: records every call and passes every chunk on, as a logging handler would.
final class RecordingHandler: FileUploadHandler {
    var events: [String] = []
    var chunkSizes: [Int] = []
    var received = 0

    func handleRawInput(contentLength: Int?) { events.append("raw \(contentLength.map(String.init) ?? "nil")") }
    func newFile(_ upload: UploadDescription) -> UploadHandlerDecision {
        events.append("new \(upload.fieldName) \(upload.fileName)")
        return .continueWithNextHandler
    }
    func receiveDataChunk(_ data: Data, start: Int) -> Data? {
        chunkSizes.append(data.count)
        received += data.count
        return data
    }
    func fileComplete(size: Int) -> UploadedFile? {
        events.append("complete \(size)")
        return nil
    }
    func uploadComplete() -> UploadHandlerDecision {
        events.append("upload complete")
        return .continueWithNextHandler
    }
    func uploadInterrupted() { events.append("interrupted") }
}
