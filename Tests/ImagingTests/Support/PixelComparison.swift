import Foundation
import Imaging
import TestSupport

/// FNV-1a 64, the same few lines as `Tests/Fixtures/imaging/make_references.py`.
func fnv1a64(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01B3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

/// The tab-separated rows of a committed fixture file under `Tests/Fixtures/imaging/`.
func fixtureRows(_ name: String) -> [[String]] {
    guard let text = try? String(contentsOf: Corpus.fixture("imaging/\(name)"), encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map { $0.components(separatedBy: "\t") }
}

extension PixelFormat {
    /// The name the fixture generator writes.
    var fixtureName: String {
        switch self {
        case .gray: "gray"
        case .grayAlpha: "grayAlpha"
        case .rgb: "rgb"
        case .rgba: "rgba"
        }
    }
}

/// Per-channel means of every `block`×`block` tile, row-major, as the generator computes them.
func blockMeans(_ image: Image, block: Int) -> [Double] {
    let channels = image.pixelFormat.channelCount
    var means: [Double] = []
    for by in stride(from: 0, to: image.height, by: block) {
        for bx in stride(from: 0, to: image.width, by: block) {
            var sums = [Double](repeating: 0, count: channels)
            var count = 0.0
            for y in by..<min(by + block, image.height) {
                for x in bx..<min(bx + block, image.width) {
                    for c in 0..<channels { sums[c] += Double(image.pixels[(y * image.width + x) * channels + c]) }
                    count += 1
                }
            }
            means.append(contentsOf: sums.map { $0 / count })
        }
    }
    return means
}

/// The mean absolute difference of two equally long sample arrays.
func meanAbsoluteDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
    precondition(a.count == b.count)
    var total = 0
    for index in a.indices { total += abs(Int(a[index]) - Int(b[index])) }
    return Double(total) / Double(max(a.count, 1))
}
