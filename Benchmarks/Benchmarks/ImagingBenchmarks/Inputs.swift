import Foundation
import Imaging

/// What the benchmarks work on: files from the repository's conformance corpus and one large
/// generated photo-like image, made once per process before any measurement.
struct Inputs: Sendable {
    /// 3000×2000 RGB: the corpus' `libjpeg-turbo/testorig.jpg` enlarged, with deterministic
    /// noise so that the codecs see photo-like entropy rather than flat gradients.
    let large: Image
    /// `large` as a baseline 4:2:0 JPEG at quality 90, the usual camera layout.
    let largeJPEG: [UInt8]
    /// `large` as a PNG at zlib level 6.
    let largePNG: [UInt8]
    /// A 256-pixel thumbnail of `large`, the input of the small encodes.
    let thumbnail: Image
    /// A small real JPEG and PNG from the corpus.
    let corpusJPEG: [UInt8]
    let corpusPNG: [UInt8]

    static let largeSize = Size(width: 3000, height: 2000)
    static let thumbnailBox = Size(square: 256)

    static func make() throws -> Inputs {
        let corpusJPEG = try read("libjpeg-turbo/testorig.jpg")
        let corpusPNG = try read("libjpeg-turbo/vgl_5674_0098.png")
        let seed = try Image(decoding: corpusJPEG).resized(to: largeSize, filter: .bicubic)
        let large = try Image(
            width: seed.width, height: seed.height, pixelFormat: seed.pixelFormat,
            pixels: addingNoise(to: seed.pixels))
        return Inputs(
            large: large,
            largeJPEG: try large.encoded(as: .jpeg(quality: 90)),
            largePNG: try large.encoded(as: .png(compressionLevel: 6)),
            thumbnail: try large.thumbnail(fitting: thumbnailBox),
            corpusJPEG: corpusJPEG,
            corpusPNG: corpusPNG)
    }

    /// The conformance corpus the tests use, committed at `Tests/Fixtures/corpus/`, found from
    /// this file's path so that the benchmarks run from any working directory.
    static let corpus: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ImagingBenchmarks
        .deletingLastPathComponent()  // Benchmarks (sources)
        .deletingLastPathComponent()  // Benchmarks (package)
        .deletingLastPathComponent()  // repository
        .appendingPathComponent("Tests/Fixtures/corpus")

    static func read(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: corpus.appendingPathComponent(path)))
    }

    /// ±8 levels of reproducible noise (a 64-bit LCG), clamped to 0...255.
    static func addingNoise(to samples: [UInt8]) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return samples.map { sample in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Int(state >> 60) - 8
            return UInt8(clamping: Int(sample) + noise)
        }
    }
}
