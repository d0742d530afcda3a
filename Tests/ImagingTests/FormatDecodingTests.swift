import Foundation
import TestSupport
import Testing

@testable import Imaging

/// WebP, GIF, HEIC and AVIF decode to the sizes, pixel formats and pixels of the reference
/// decoders (Pillow for WebP and GIF, libheif's `heif-convert` for HEIC and AVIF), recorded by
/// `Tests/Fixtures/corpus/formats/make.py` in `references.tsv`.
@Suite struct FormatDecodingTests {
    struct Reference: Sendable, CustomStringConvertible {
        var file: String
        var size: Size
        var pixelFormat: PixelFormat
        /// (x, y) and the samples there.
        var points: [(x: Int, y: Int, samples: [Int])]
        var description: String { file }
    }

    static let references: [Reference] = {
        let url = Corpus.url("formats/references.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let rows = text.split(separator: "\n").dropFirst().map { line -> Reference in
            let columns = line.split(separator: "\t").map(String.init)
            let points = columns[4].split(separator: " ").map { point -> (Int, Int, [Int]) in
                let halves = point.split(separator: "=")
                let xy = halves[0].split(separator: ",").compactMap { Int($0) }
                return (xy[0], xy[1], halves[1].split(separator: ",").compactMap { Int($0) })
            }
            return Reference(
                file: columns[0], size: Size(width: Int(columns[1]) ?? 0, height: Int(columns[2]) ?? 0),
                pixelFormat: columns[3] == "RGBA" ? .rgba : .rgb, points: points)
        }
        return Corpus.nonEmpty(rows) { Reference(file: $0, size: Size(square: 1), pixelFormat: .rgb, points: []) }
    }()

    @Test func thereIsAReferenceForEveryFixture() {
        #expect(Self.references.count == 14)
    }

    @Test(arguments: references)
    func decodesAsTheReferenceDecoder(_ reference: Reference) throws {
        let bytes = try Corpus.bytes("formats/" + reference.file)
        let image = try Image(decoding: bytes)
        #expect(image.size == reference.size)
        #expect(image.pixelFormat == reference.pixelFormat)
        #expect(!reference.points.isEmpty)
        // Lossy codecs decode through the same libraries as the references; their colour
        // conversion may round differently by a level or two.
        let tolerance = reference.file.hasSuffix(".gif") || reference.file.contains("lossless") ? 0 : 3
        for point in reference.points {
            let offset = (point.y * image.width + point.x) * image.pixelFormat.channelCount
            let samples = image.pixels[offset..<offset + image.pixelFormat.channelCount].map(Int.init)
            // Where alpha is 0 the colour is not part of the picture; Pillow and we differ on it.
            let compared = samples.count == 4 && point.samples[3] == 0 ? 3..<4 : 0..<samples.count
            for channel in compared {
                #expect(
                    abs(samples[channel] - point.samples[channel]) <= tolerance,
                    "\(reference.file) at \(point.x),\(point.y): \(samples) vs \(point.samples)")
            }
        }
        // The probe says the same without decoding.
        let info = try ImageInfo(probing: bytes)
        #expect(info.size == image.size)
        #expect(info.pixelFormat == image.pixelFormat)
        #expect(info.orientation == .up)
    }

    @Test func losslessWebPIsExact() throws {
        let gray = try Image(decoding: Corpus.bytes("formats/lossless.webp"))
        let source = try Image(decoding: Corpus.bytes("libjpeg-turbo/testorig.png"))
        #expect(gray == source.converted(to: .rgb))
    }

    @Test func theICCProfileOfAnExtendedWebPIsRead() throws {
        let bytes = try Corpus.bytes("formats/icc.webp")
        let profile = try #require(try Image(decoding: bytes).iccProfile)
        #expect(profile.count == 3024)
        #expect(profile.colorSpace == .rgb)
        #expect(try ImageInfo(probing: bytes).iccProfile == profile)
        // Carried into a JPEG or PNG thumbnail, as from JPEG and PNG sources.
        let thumbnail = try Image(thumbnailOf: bytes, fitting: Size(square: 64))
        #expect(try ImageInfo(probing: thumbnail.encoded(as: .jpeg())).iccProfile == profile)
        #expect(try Image(decoding: Corpus.bytes("formats/lossy.webp")).iccProfile == nil)
    }

    /// GIF: the first frame, never the second; transparency becomes alpha; the canvas is the
    /// logical screen with the frame at its offset (what Pillow shows).
    @Test func gifGivesItsFirstFrameOnTheLogicalScreen() throws {
        let animated = try Image(decoding: Corpus.bytes("formats/animated.gif"))
        let still = try Image(decoding: Corpus.bytes("formats/static.gif"))
        #expect(animated == still)
        let offset = try Image(decoding: Corpus.bytes("formats/offset.gif"))
        let frame = try Image(decoding: Corpus.bytes("formats/transparent.gif"))
        #expect(offset.size == Size(width: 48, height: 40))
        #expect(offset.pixelFormat == .rgba)
        #expect(try offset.cropped(to: Rect(x: 8, y: 4, width: 32, height: 32)) == frame)
        // Outside the frame: transparent.
        #expect(Array(offset.pixels[0..<4]) == [0, 0, 0, 0])
        #expect(still.pixelFormat == .rgb)
    }

    /// HEIC: the `irot` box is applied once, by libheif; the EXIF orientation is not applied on top.
    @Test func heicRotationIsAppliedOnce() throws {
        let plain = try Image(decoding: Corpus.bytes("formats/plain.heic"))
        let rotated = try Image(decoding: Corpus.bytes("formats/rotated.heic"))
        #expect(rotated.size == Size(width: 149, height: 227))
        // irot 1 turns a quarter anticlockwise: EXIF orientation 8 applied to the stored pixels.
        // (libheif turns the YCbCr planes before converting, so chroma rounds a little differently.)
        let turned = plain.applyingOrientation(.left)
        #expect(turned.size == rotated.size)
        #expect(psnr(rotated.pixels, turned.pixels) > 40)
        let stored = try Image(
            decoding: Corpus.bytes("formats/rotated.heic"), options: .init(appliesOrientation: false))
        #expect(stored == rotated)
        // exif6.heic says orientation 6 in EXIF, with no irot: it stays as stored.
        let exif = try Image(decoding: Corpus.bytes("formats/exif6.heic"))
        #expect(exif.size == Size(width: 80, height: 120))
        let thumbnail = try Image(thumbnailOf: Corpus.bytes("formats/rotated.heic"), fitting: Size(square: 100))
        #expect(thumbnail.size == Size(width: 66, height: 100))
    }

    @Test func heicAlphaIsKept() throws {
        let image = try Image(decoding: Corpus.bytes("formats/alpha.heic"))
        #expect(image.pixelFormat == .rgba)
        #expect(try ImageInfo(probing: Corpus.bytes("formats/alpha.heic")).hasAlpha)
        #expect(try !ImageInfo(probing: Corpus.bytes("formats/plain.heic")).hasAlpha)
    }

    /// The pixel limit is checked from the header, for every new format.
    @Test(arguments: ["formats/lossy.webp", "formats/static.gif", "formats/plain.heic", "formats/plain.avif"])
    func thePixelLimitApplies(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        let info = try ImageInfo(probing: bytes)
        let limit = info.width * info.height - 1
        #expect(throws: ImagingError.tooManyPixels(width: info.width, height: info.height, limit: limit)) {
            try Image(decoding: bytes, options: DecodingOptions(maximumPixelCount: limit))
        }
        #expect(try Image(decoding: bytes, options: DecodingOptions(maximumPixelCount: limit + 1)).size == info.size)
    }

    /// Cut at several lengths before the end of its (first) image, every new fixture gives a typed
    /// error: truncated (or corrupt where the cut makes the rest look malformed; unrecognised while
    /// the signature is incomplete), never a crash and never an image. A GIF cut after its first
    /// frame is a whole first frame.
    @Test(arguments: references.map(\.file))
    func cutCopiesThrowTypedErrors(_ file: String) throws {
        let bytes = try Corpus.bytes("formats/" + file)
        let end = HostileMutationTests.endOfImage(bytes)
        let lengths = Set([1, 5, 11, 12, 20, 30, 64, end / 4, end / 2, end - 1])
        #expect(!lengths.isEmpty && end > 64)
        for length in lengths.sorted() where length < end {
            do {
                _ = try Image(decoding: Array(bytes.prefix(length)))
                Issue.record("\(file) cut to \(length) of \(bytes.count) decoded")
            } catch .truncated, .corrupt {
            } catch .unrecognizedFormat {
                #expect(length < 12, "\(file) cut to \(length)")
            } catch {
                Issue.record("\(file) cut to \(length): \(error)")
            }
        }
    }
}

/// The format bombs of `Tests/Fixtures/hostile/bombs/` (made by `corpus/formats/make.py` and, the
/// 16 × 16 grid of 4096-pixel HEVC tiles, by `make_grid_bomb.py`).
@Suite struct FormatBombTests {
    @Test(arguments: [
        ("webp-16383x16383.webp", 16383, 16383), ("gif-65535x65535.gif", 65535, 65535),
        ("heic-65536x65536.heic", 65536, 65536), ("heic-grid-65536x65536.heic", 65536, 65536),
    ])
    func refusedFromTheHeader(name: String, width: Int, height: Int) throws {
        let bytes = try Hostile.bytes("bombs/" + name)
        let limit = DecodingOptions.defaultMaximumPixelCount
        #expect(throws: ImagingError.tooManyPixels(width: width, height: height, limit: limit)) {
            try Image(decoding: bytes)
        }
        #expect(throws: ImagingError.tooManyPixels(width: width, height: height, limit: limit)) {
            try Image(thumbnailOf: bytes, fitting: Size(square: 64))
        }
        #expect(try ImageInfo(probing: bytes).size == Size(width: width, height: height))
    }
}
