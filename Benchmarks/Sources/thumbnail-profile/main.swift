// usage: thumbnail-profile INPUT OUTPUT [SIZE]
//
// The `thumbnail` command's per-file job (ThumbnailJob: open the file, Bridge's
// File.thumbnail(fitting:format:), write the result in chunks) with no argument parsing and no
// task group, synchronously. valgrind 3.19 crashes on the real command's async main (a thread
// the Swift concurrency runtime starts), so this is what `Benchmarks/profile.sh` runs under
// callgrind to see where the instructions of one thumbnail go.
import Bridge
import Files

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: thumbnail-profile INPUT OUTPUT [SIZE]")
    exit(2)
}
let side = arguments.count > 3 ? Int(arguments[3]) ?? 256 : 256
let png = arguments[2].hasSuffix(".png")

do {
    let source = try FileObject(path: arguments[1], mode: .read.binary)
    defer { try? source.close() }
    let thumbnail = try source.thumbnail(fitting: Size(square: side), format: png ? .png() : .jpeg(quality: 85))
    let destination = try FileObject(path: arguments[2], mode: .write.binary)
    var chunks = try thumbnail.chunks()
    while let chunk = try chunks.next() { try destination.write(chunk) }
    try destination.close()
} catch {
    print("thumbnail-profile: \(error)")
    exit(1)
}
