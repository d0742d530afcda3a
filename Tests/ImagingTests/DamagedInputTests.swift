import Imaging
import TestSupport
import Testing

/// Damaged input never crashes, hangs or allocates without bound: it decodes or throws.
@Suite struct DamagedInputTests {
    /// A tiny deterministic generator (64-bit LCG) so that failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let files = [
        "libjpeg-turbo/testorig.jpg", "generated/progressive_testorig.jpg", "libjpeg-turbo/testimgari.jpg",
        "jpeg-misc/jpg-cmyk-1.jpg", "pngsuite/basi6a08.png", "pngsuite/basn3p04.png", "exif-orientation/Portrait_6.jpg",
    ]

    @Test(arguments: files)
    func mutatedBytesDecodeOrThrow(_ path: String) throws {
        let original = try Corpus.bytes(path)
        var generator = Generator(state: UInt64(original.count))
        let options = DecodingOptions(maximumPixelCount: 4_000_000, minimumSize: Size(width: 64, height: 64))
        for round in 0..<150 {
            var bytes = original
            // Mostly damage the headers (first 700 bytes), sometimes anywhere.
            for _ in 0..<(1 + generator.next(4)) {
                let index = generator.next(round % 3 == 0 ? bytes.count : min(bytes.count, 700))
                bytes[index] = UInt8(generator.next(256))
            }
            for allowTruncated in [false, true] {
                var strictness = options
                strictness.allowTruncated = allowTruncated
                if let image = try? Image(decoding: bytes, options: strictness) {
                    #expect(image.pixels.count == image.width * image.height * image.pixelFormat.channelCount)
                }
            }
            _ = try? ImageInfo(probing: bytes)
        }
    }

    @Test(arguments: files)
    func everyTruncationThrowsTruncatedOrCorrupt(_ path: String) throws {
        let original = try Corpus.bytes(path)
        var generator = Generator(state: 7)
        for _ in 0..<60 {
            let length = generator.next(original.count - 1)
            let bytes = Array(original.prefix(length))
            do {
                _ = try Image(decoding: bytes, options: .init(minimumSize: Size(width: 32, height: 32)))
                Issue.record("a \(length)-byte prefix decoded")
            } catch .truncated, .unrecognizedFormat {
            } catch .corrupt(_, let reason) {
                // A cut can land inside a marker so that what remains looks malformed.
                #expect(!reason.isEmpty)
            } catch {
                Issue.record("\(length): \(error)")
            }
        }
    }
}
