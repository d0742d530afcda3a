// Times the multipart parser on one large upload, for Benchmarks/upload-stream.sh's first table
// (Documentation/Performance.md, "Large uploads": a 500 MB upload streamed to disk at >= 300 MB/s):
//
//   multipart-timer WORK_DIR [MEGABYTES] [RUNS]
//
// The body is one file part of MEGABYTES x 10^6 pseudo-random bytes, fed as 64 KiB ByteBuffers
// (what NIO's reads hand a server), the first one also holding the part's headers, so every later
// network chunk straddles two of the handlers' 64 KiB chunks, as on a real connection. The buffers
// come from a pool made before timing: only the parser and what is behind it are timed.
//
// Each round times, in this order, with an untimed `sync` before each so that the page cache's
// writeback of one run does not land in the next:
//   parse-to-disk        MultipartFormParser with Django's default handlers and the body's
//                        Content-Length, so TemporaryFileUploadHandler writes a temporary file in
//                        WORK_DIR (the server's path); the file is checked and closed (removed).
//   parse-only           the same parser with one handler that drops every chunk: the parser alone.
//   write-only           the same bytes written to a TemporaryUploadedFile in 64 KiB chunks, no
//                        parser: the floor the first row stands on.
//   multipartkit-parse   MultipartKit 4's MultipartParser over the same buffers, its body callback
//                        doing nothing: the parser FilesMultipart ran on before it had its own (Documentation/Uploads.md, "How the body is read").
// Prints two lines per measurement: its name, `wall` or `cpu`, and the MB/s (10^6 bytes) of every
// run by the wall clock, and by the CPU time the timing thread used (user + system, which counts the
// kernel's copy into the page cache; time spent waiting for a core or for writeback does not count).
import Files
import FilesMultipart
import Foundation
import MultipartKit
import NIOCore

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: multipart-timer WORK_DIR [MEGABYTES] [RUNS]\n".utf8))
    exit(2)
}
let work = arguments[1]
let megabytes = arguments.count > 2 ? Int(arguments[2]) ?? 500 : 500
let runs = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
let size = megabytes * 1_000_000
let networkChunk = 65_536
let boundary = "------------------------9e1f2c3a4b5d6e7f"

/// Pseudo-random bytes (a 64-bit LCG's high bytes): CRs and dashes as often as in compressed data.
func payload(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}

let header = Array(
    ("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"big.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").utf8)
let trailer = Array("\r\n--\(boundary)--\r\n".utf8)
let pool = (0..<16).map { ByteBuffer(bytes: payload(networkChunk, seed: UInt64($0) + 1)) }

/// The body as 64 KiB network chunks: headers and the first content bytes, the pool in turn, the end.
func body() -> [ByteBuffer] {
    let first = networkChunk - header.count
    var chunks = [ByteBuffer(bytes: header + payload(first, seed: 99))]
    var left = size - first
    var index = 0
    while left > 0 {
        let count = min(networkChunk, left)
        chunks.append(count == networkChunk ? pool[index % pool.count] : pool[0].getSlice(at: 0, length: count)!)
        left -= count
        index += 1
    }
    chunks.append(ByteBuffer(bytes: trailer))
    return chunks
}
let chunks = body()
let bodySize = chunks.reduce(0) { $0 + $1.readableBytes }
let contentType = "multipart/form-data; boundary=\(boundary)"

/// Counts and drops every chunk.
final class DiscardingHandler: FileUploadHandler {
    var received = 0
    func newFile(_ upload: UploadDescription) -> UploadHandlerDecision { .stopFutureHandlers }
    func receiveDataChunk(_ data: Data, start: Int) -> Data? {
        received += data.count
        return nil
    }
    func fileComplete(size: Int) -> UploadedFile? { nil }
}

/// The CPU time this thread has used, in seconds (user and system).
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// MB/s of `body` over `size` bytes: by the wall clock, and by the CPU time it used. On a shared
/// machine the second says what the code costs; the first also counts waiting for a core.
func megabytesPerSecond(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    sync()
    let start = ContinuousClock.now
    let cpuStart = threadCPUSeconds()
    try body()
    let cpu = threadCPUSeconds() - cpuStart
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (Double(size) / 1e6 / seconds, Double(size) / 1e6 / cpu)
}

func check(_ condition: Bool, _ message: String) {
    if !condition {
        FileHandle.standardError.write(Data("multipart-timer: \(message)\n".utf8))
        exit(1)
    }
}

try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
var results: [String: [(wall: Double, cpu: Double)]] = [:]
let order = ["parse-to-disk", "parse-only", "write-only", "multipartkit-parse"]
for _ in 0..<runs {
    results["parse-to-disk", default: []].append(
        try megabytesPerSecond {
            let parser = try MultipartFormParser(
                contentType: contentType, contentLength: bodySize,
                handlers: UploadReceiver.defaultHandlers(temporaryDirectory: work))
            for chunk in chunks { try parser.feed(chunk) }
            let form = try parser.finish()
            let file = form.files["photo"] as? TemporaryUploadedFile
            check(file?.size == size, "the upload has \(String(describing: file?.size)) bytes, not \(size)")
            form.closeFiles()
        })
    check((try FileManager.default.contentsOfDirectory(atPath: work)).isEmpty, "a temporary file was left")

    results["parse-only", default: []].append(
        try megabytesPerSecond {
            let handler = DiscardingHandler()
            let parser = try MultipartFormParser(contentType: contentType, contentLength: bodySize, handlers: [handler])
            for chunk in chunks { try parser.feed(chunk) }
            _ = try parser.finish()
            check(handler.received == size, "the handler received \(handler.received) bytes, not \(size)")
        })

    results["write-only", default: []].append(
        try megabytesPerSecond {
            let file = try TemporaryUploadedFile(name: "big.bin", size: nil, directory: work)
            var pending = Data(capacity: networkChunk)
            for (index, chunk) in chunks.dropLast().enumerated() {
                let content =
                    index == 0 ? chunk.getSlice(at: header.count, length: chunk.readableBytes - header.count)! : chunk
                content.withUnsafeReadableBytes { pending.append(contentsOf: $0) }
                try file.write(pending)
                pending.removeAll(keepingCapacity: true)
            }
            check(try file.tell() == size, "wrote \(try file.tell()) bytes, not \(size)")
            try file.close()
        })

    results["multipartkit-parse", default: []].append(
        try megabytesPerSecond {
            let parser = MultipartParser(boundary: boundary)
            var received = 0
            parser.onBody = { received += $0.readableBytes }
            for chunk in chunks { try parser.execute(chunk) }
            check(received == size, "MultipartKit reported \(received) bytes, not \(size)")
        })
}
for name in order {
    let values = results[name, default: []]
    print(name + " wall " + values.map { String(format: "%.1f", $0.wall) }.joined(separator: " "))
    print(name + " cpu " + values.map { String(format: "%.1f", $0.cpu) }.joined(separator: " "))
}
