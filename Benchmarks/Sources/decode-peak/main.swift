// usage: decode-peak FILE [memory|whole|streamed|streamed-whole [SIZE [cover]]]
//
// The peak memory of one decode at 1/8 of a JPEG, for Benchmarks/progressive.sh: the file is read
// first, the kernel's peak-RSS mark is reset (/proc/self/clear_refs), the decode runs once, and the
// rise of the mark over the RSS before it is printed, with the time. Modes:
//   memory    Image(decoding:) at 1/8 (a progressive file is rewritten as a baseline one)
//   whole     the same with allowTruncated, which turns DC-only decoding off: libjpeg holds the
//             whole-image coefficient buffer, as every progressive decode did before
//   streamed  Image(thumbnailReading:fitting:) to SIZE (256) px, or filling SIZE × SIZE with
//             `cover`: the path File.thumbnail and the upload server take, reading the bytes in
//             64 KiB pieces (at 1/8 only when the thumbnail plan picks it: SIZE × 16 ≤ the long side)
//   streamed-whole  the same with allowTruncated: the streamed decode of the whole file, whose
//             coefficient buffer the scan filter's streamed decode kept too
import Imaging

#if canImport(Glibc)
import Glibc
#endif

func kibibytes(_ field: String) -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix(field + ":") {
            return Int(text.dropFirst(field.count + 1).filter(\.isNumber)) ?? -1
        }
    }
    return -1
}

func resetPeak() -> Bool {
    guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
    defer { fclose(file) }
    return fputs("5", file) >= 0
}

func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let file = fopen(arguments[1], "rb") else {
    print("usage: decode-peak FILE [memory|whole|streamed|streamed-whole [SIZE [cover]]]")
    exit(2)
}
let mode = arguments.count > 2 ? arguments[2] : "memory"
var bytes: [UInt8] = []
var buffer = [UInt8](repeating: 0, count: 1 << 16)
while true {
    let count = fread(&buffer, 1, buffer.count, file)
    if count == 0 { break }
    bytes += buffer[..<count]
}
fclose(file)

guard resetPeak() else {
    print("cannot reset the peak RSS mark (/proc/self/clear_refs)")
    exit(1)
}
let before = kibibytes("VmRSS")
let start = seconds()
let size: Size
switch mode {
case "memory", "whole":
    let options = DecodingOptions(allowTruncated: mode == "whole", minimumSize: Size(square: 1))
    size = try Image(decoding: bytes, options: options).size
case "streamed", "streamed-whole":
    let side = arguments.count > 3 ? Int(arguments[3]) ?? 256 : 256
    var offset = 0
    let read = { (count: Int) -> [UInt8] in
        let end = min(bytes.count, offset + min(count, 1 << 16))
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
    let options = DecodingOptions(allowTruncated: mode == "streamed-whole")
    let image =
        arguments.count > 4 && arguments[4] == "cover"
        ? try Image(thumbnailReading: read, filling: Size(square: side), options: options)
        : try Image(thumbnailReading: read, fitting: Size(square: side), options: options)
    size = image.size
default:
    print("unknown mode \(mode)")
    exit(2)
}
let elapsed = seconds() - start
let peak = kibibytes("VmHWM")
print(
    "mode=\(mode) output=\(size.width)x\(size.height) seconds=\(elapsed) rss_before_kib=\(before)"
        + " peak_kib=\(peak) decode_peak_kib=\(peak - before)")
