// Times FileSystemStorage.save against `cp` for Benchmarks/storage.sh (Documentation/Performance.md, "Storage"):
//
//   storage-timer WORK_DIR [MEGABYTES] [RUNS]
//
// Rounds alternate the three measurements, with `sync` (not timed) before each, so page-cache
// writeback from one does not land in another. Prints one line per measurement: its name and the
// wall time of every run in milliseconds; storage.sh takes the medians.
import Files
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: storage-timer WORK_DIR [MEGABYTES] [RUNS]\n".utf8))
    exit(2)
}
let work = arguments[1]
let megabytes = arguments.count > 2 ? Int(arguments[2]) ?? 100 : 100
let runs = arguments.count > 3 ? Int(arguments[3]) ?? 7 : 7
let byteCount = megabytes * 1_000_000

/// Milliseconds `body` takes.
func milliseconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

/// `count` bytes that do not compress to nothing (a 64-bit LCG's high bytes).
func payload(_ count: Int) -> Data {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    return Data(
        (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        })
}

let manager = FileManager.default
try manager.createDirectory(atPath: work + "/media", withIntermediateDirectories: true)
try manager.createDirectory(atPath: work + "/uploads", withIntermediateDirectories: true)
let storage = FileSystemStorage(location: work + "/media")
let bytes = payload(byteCount)
let source = work + "/source.bin"
try bytes.write(to: URL(fileURLWithPath: source))

var rename: [Double] = []
var memory: [Double] = []
var copy: [Double] = []
for _ in 0..<runs {
    // A 100 MB upload already on disk, as TemporaryFileUploadHandler leaves it; only the save is timed.
    let upload = try TemporaryUploadedFile(
        name: "upload.bin", contentType: nil, size: byteCount, charset: nil, directory: work + "/uploads")
    try upload.write(bytes)
    sync()
    rename.append(try await milliseconds { _ = try await storage.save("upload.bin", content: upload) })
    try upload.close()
    try await storage.delete("upload.bin")

    let content = ContentFile(bytes, name: "memory.bin")
    sync()
    memory.append(try await milliseconds { _ = try await storage.save(content) })
    try await storage.delete("memory.bin")

    sync()
    copy.append(
        try await milliseconds {
            let cp = Process()
            cp.executableURL = URL(fileURLWithPath: "/bin/cp")
            cp.arguments = [source, work + "/media/cp.bin"]
            try cp.run()
            cp.waitUntilExit()
        })
    try manager.removeItem(atPath: work + "/media/cp.bin")
}
func line(_ name: String, _ values: [Double]) -> String {
    name + " " + values.map { String(format: "%.3f", $0) }.joined(separator: " ")
}
print(line("save-temporary-upload", rename))
print(line("save-in-memory-file", memory))
print(line("cp", copy))
try manager.removeItem(atPath: work)
