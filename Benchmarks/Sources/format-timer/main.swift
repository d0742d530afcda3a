// Times the format rows of Documentation/Performance.md, "Formats", in-process, for Benchmarks/formats.sh:
//
//   format-timer PHOTO.jpg [RUNS]                   WebP against JPEG on one 256-px thumbnail
//   format-timer --heic PHOTO.heic [RUNS]           a 256-px JPEG thumbnail of a HEIC
//
// WebP: the thumbnail (fitting 256 x 256, bicubic, reducing gap 2) is made once; the JPEG at quality
// 85 is encoded and decoded, and its PSNR against the unencoded thumbnail taken; then the lowest
// WebP quality whose PSNR is at least that is found (bisection over 1...100, PSNR rises with the
// quality). Prints `jpeg85 BYTES PSNR`, `webp Q BYTES PSNR`, then, timed over RUNS interleaved
// rounds, the median milliseconds of the whole job (decode, thumbnail, encode) for `jpeg-path` and
// `webp-path`. HEIC: prints `heic-path MS`, the median of the whole job to a quality-85 JPEG.
import BenchTiming
import Foundation
import Imaging

let arguments = CommandLine.arguments
let heic = arguments.count > 1 && arguments[1] == "--heic"
let path = arguments.count > (heic ? 2 : 1) ? arguments[heic ? 2 : 1] : ""
guard !path.isEmpty else {
    FileHandle.standardError.write(Data("usage: format-timer [--heic] PHOTO [RUNS]\n".utf8))
    exit(2)
}
let runs = arguments.count > (heic ? 3 : 2) ? Int(arguments[heic ? 3 : 2]) ?? 9 : 9
let source = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
let box = Size(square: 256)

func psnr(_ a: [UInt8], _ b: [UInt8]) -> Double {
    var sum = 0.0
    for index in a.indices {
        let difference = Double(a[index]) - Double(b[index])
        sum += difference * difference
    }
    let mse = sum / Double(a.count)
    return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
}

if heic {
    _ = try Image(thumbnailOf: source, fitting: box).encoded(as: .jpeg(quality: 85))  // warm-up
    let times = try (0..<runs).map { _ in
        try milliseconds { _ = try Image(thumbnailOf: source, fitting: box).encoded(as: .jpeg(quality: 85)) }
    }
    print(String(format: "heic-path %.2f", median(times)))
    exit(0)
}

let thumbnail = try Image(thumbnailOf: source, fitting: box)
func quality(of encoding: ImageEncoding) throws -> (bytes: Int, psnr: Double) {
    let encoded = try thumbnail.encoded(as: encoding)
    return (encoded.count, psnr(try Image(decoding: encoded).pixels, thumbnail.pixels))
}
let jpeg = try quality(of: .jpeg(quality: 85))
var (low, high) = (1, 100)
while low < high {
    let middle = (low + high) / 2
    if try quality(of: .webp(quality: middle)).psnr >= jpeg.psnr { high = middle } else { low = middle + 1 }
}
let webpQuality = low
let webp = try quality(of: .webp(quality: webpQuality))
print(String(format: "jpeg85 %d %.3f", jpeg.bytes, jpeg.psnr))
print(String(format: "webp %d %d %.3f", webpQuality, webp.bytes, webp.psnr))

var jpegTimes: [Double] = []
var webpTimes: [Double] = []
for _ in 0..<runs {
    jpegTimes.append(
        try milliseconds { _ = try Image(thumbnailOf: source, fitting: box).encoded(as: .jpeg(quality: 85)) })
    webpTimes.append(
        try milliseconds { _ = try Image(thumbnailOf: source, fitting: box).encoded(as: .webp(quality: webpQuality)) })
}
print(String(format: "jpeg-path %.2f", median(jpegTimes)))
print(String(format: "webp-path %.2f", median(webpTimes)))
