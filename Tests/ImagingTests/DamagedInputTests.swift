import Imaging
import TestSupport
import Testing

/// Damaged input never crashes, hangs or allocates without bound: it decodes or throws.
@Suite struct DamagedInputTests {
    static let files = [
        "libjpeg-turbo/testorig.jpg", "generated/progressive_testorig.jpg", "libjpeg-turbo/testimgari.jpg",
        "jpeg-misc/jpg-cmyk-1.jpg", "pngsuite/basi6a08.png", "pngsuite/basn3p04.png", "exif-orientation/Portrait_6.jpg",
        // The WebP, GIF and HEIF formats (not animated.gif: a cut after its first frame is a whole first frame;
        // HostileMutationTests knows where that frame ends).
        "formats/lossy.webp", "formats/lossless.webp", "formats/alpha.webp", "formats/icc.webp", "formats/static.gif",
        "formats/transparent.gif", "formats/offset.gif", "formats/plain.heic",
        "formats/rotated.heic", "formats/alpha.heic", "formats/exif6.heic", "formats/plain.avif",
    ]

    @Test(arguments: files)
    func mutatedBytesDecodeOrThrow(_ path: String) throws {
        let original = try Corpus.bytes(path)
        var generator = SplitMix64(seed: path)
        func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &generator) }
        let options = DecodingOptions(maximumPixelCount: 4_000_000, minimumSize: Size(width: 64, height: 64))
        for round in 0..<150 {
            var bytes = original
            // Mostly damage the headers (first 700 bytes), sometimes anywhere.
            for _ in 0..<(1 + next(4)) {
                let index = next(round % 3 == 0 ? bytes.count : min(bytes.count, 700))
                bytes[index] = UInt8(next(256))
            }
            let probe = Result { () throws(ImagingError) in try ImageInfo(probing: bytes) }
            if case .failure(let error) = probe { #expect(Self.isInputError(error), "round \(round): \(error)") }
            for allowTruncated in [false, true] {
                var strictness = options
                strictness.allowTruncated = allowTruncated
                do {
                    let image = try Image(decoding: bytes, options: strictness)
                    #expect(image.pixels.count == image.width * image.height * image.pixelFormat.channelCount)
                    // What decodes was probed first by the decoder's own header read: never larger
                    // than the frame the header declares (smaller where the DCT scaled it).
                    if case .success(let info) = probe {
                        #expect(image.width * image.height <= info.width * info.height, "round \(round)")
                    }
                } catch {
                    #expect(Self.isInputError(error), "round \(round): \(error)")
                }
            }
        }
    }

    /// Whether `error` is one that bad input may cause (not a caller's mistake or an encoder's).
    static func isInputError(_ error: ImagingError) -> Bool {
        switch error {
        case .unrecognizedFormat, .unsupported, .truncated, .corrupt, .tooManyPixels, .invalidDimensions, .notCompiled:
            true
        case .invalidArgument, .encodingFailed, .colorManagementNotCompiled, .colorConversionFailed: false
        }
    }

    @Test(arguments: files)
    func everyTruncationThrowsTruncatedOrCorrupt(_ path: String) throws {
        let original = try Corpus.bytes(path)
        var generator = SplitMix64(seed: 7)
        for _ in 0..<60 {
            let length = Int.random(in: 0..<(original.count - 1), using: &generator)
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
