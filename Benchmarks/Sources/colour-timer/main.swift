// Times the cost of colour profiles on the one-call thumbnail, for Benchmarks/colour.sh (Documentation/Performance.md, "Colour profiles":
// keeping the ICC profile costs <= 2 % time; conversion to sRGB <= 10 %, on a 256-px thumbnail):
//
//   colour-timer PHOTO.jpg PROFILE.icc [RUNS]
//
// PHOTO is a JPEG without a profile; the timer splices PROFILE into it as APP2 segments, so the
// pixels are identical in every row. Each run times, interleaved in this order, one thumbnail
// (fitting 256 x 256, bicubic, reducing gap 2) encoded as JPEG quality 85 of:
//   no-profile   the photo as it is;
//   keep         the photo with the profile, kept (parsed, carried, written back);
//   convert      the photo with the profile, converted to sRGB by little-cms 2.
// The lcms2 transform is cached per profile, as in a server; the first conversion (which builds it)
// is a warm-up and not timed. Prints each row's median milliseconds over RUNS and its ratio to
// no-profile.
import BenchTiming
import Foundation
import Imaging

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: colour-timer PHOTO.jpg PROFILE.icc [RUNS]\n".utf8))
    exit(2)
}
let photo = [UInt8](try Data(contentsOf: URL(fileURLWithPath: arguments[1])))
let profile = [UInt8](try Data(contentsOf: URL(fileURLWithPath: arguments[2])))
let runs = arguments.count > 3 ? Int(arguments[3]) ?? 15 : 15

/// `profile` as APP2 segments right after SOI (ICC.1 annex B.4), one per 65,519 bytes.
func withProfile(_ jpeg: [UInt8], _ profile: [UInt8]) -> [UInt8] {
    let chunkSize = 65_519
    let count = (profile.count + chunkSize - 1) / chunkSize
    var segments: [UInt8] = []
    for index in 0..<count {
        let chunk = profile[(index * chunkSize)..<min(profile.count, (index + 1) * chunkSize)]
        let length = 16 + chunk.count
        segments += [0xFF, 0xE2, UInt8(length >> 8), UInt8(length & 0xFF)] + Array("ICC_PROFILE\0".utf8)
        segments += [UInt8(index + 1), UInt8(count)] + chunk
    }
    return Array(jpeg[..<2]) + segments + Array(jpeg[2...])
}

let tagged = withProfile(photo, profile)
let rows: [(name: String, bytes: [UInt8], options: DecodingOptions)] = [
    ("no-profile", photo, .default),
    ("keep", tagged, .default),
    ("convert", tagged, DecodingOptions(colorProfile: .convertToSRGB)),
]

func thumbnail(_ bytes: [UInt8], _ options: DecodingOptions) throws -> [UInt8] {
    try Image(thumbnailOf: bytes, fitting: Size(square: 256), options: options).encoded(as: .jpeg(quality: 85))
}

// Warm-up: page in the code, build and cache the transform; and check each row does what it says.
let outputs = try rows.map { try thumbnail($0.bytes, $0.options) }
guard try ImageInfo(probing: outputs[0]).iccProfile == nil, try ImageInfo(probing: outputs[1]).iccProfile != nil,
    try ImageInfo(probing: outputs[2]).iccProfile == nil
else {
    FileHandle.standardError.write(Data("colour-timer: a row's output is not what it should be\n".utf8))
    exit(1)
}

var times = Array(repeating: [Double](), count: rows.count)
for _ in 0..<runs {
    for (index, row) in rows.enumerated() {
        times[index].append(try milliseconds { _ = try thumbnail(row.bytes, row.options) })
    }
}
let base = median(times[0])
for (index, row) in rows.enumerated() {
    let value = median(times[index])
    print(String(format: "%@ %.2f ms %.3f", row.name, value, value / base))
}
