import Foundation
import Imaging
import TestSupport
import Testing

/// Decompression bombs, absurd headers and hostile EXIF (Documentation/Hostile-Input.md). The inputs are committed
/// under `Tests/Fixtures/hostile/` (made by `make_hostile.py`); `.ci/bombs` measures the time
/// and peak memory of each one in its own process.
@Suite struct HostileBombTests {
    /// Bombs whose header alone exceeds the default pixel limit: refused with the declared
    /// size before any pixel buffer exists (the probe still reports that size).
    @Test(arguments: [
        ("png-100000x100000.png", 100_000, 100_000),
        ("jpeg-65500x65500.jpg", 65_500, 65_500),
        ("jpeg-progressive-65500x65500.jpg", 65_500, 65_500),
    ])
    func pixelBombIsRefusedFromTheHeader(name: String, width: Int, height: Int) throws {
        let bytes = try Hostile.bytes("bombs/" + name)
        let limit = DecodingOptions.defaultMaximumPixelCount
        #expect(throws: ImagingError.tooManyPixels(width: width, height: height, limit: limit)) {
            try Image(decoding: bytes)
        }
        #expect(try ImageInfo(probing: bytes).size == Size(width: width, height: height))
    }

    @Test func pixelLimitIsPerCall() throws {
        let bytes = try Corpus.bytes("libjpeg-turbo/testorig.jpg")
        #expect(throws: ImagingError.tooManyPixels(width: 227, height: 149, limit: 33_822)) {
            try Image(decoding: bytes, options: DecodingOptions(maximumPixelCount: 227 * 149 - 1))
        }
        #expect(
            try Image(decoding: bytes, options: DecodingOptions(maximumPixelCount: 227 * 149)).size
                == Size(width: 227, height: 149))
    }

    /// 2³¹ − 1 is a legal PNG side (the probe reports it), but far past what libpng decodes.
    @Test func sideOfTwoToTheThirtyFirstIsRefused() throws {
        let bytes = try Hostile.bytes("bombs/png-2147483647x1.png")
        #expect(throws: ImagingError.self) { try Image(decoding: bytes) }
        #expect(try ImageInfo(probing: bytes).size == Size(width: 2_147_483_647, height: 1))
    }

    /// A valid progressive JPEG with 2,080 scans: refused past 500 scans (TJFLAG_LIMITSCANS),
    /// the progressive-JPEG CPU attack ("Two Issues with the JPEG Standard"). The 3x1-sampled
    /// copy takes the plain-libjpeg path (TurboJPEG 2.1 cannot classify its sampling), which
    /// must enforce the same limit.
    @Test(arguments: ["jpeg-2080-scans.jpg", "jpeg-2080-scans-sampling-3x1.jpg"])
    func progressiveJPEGWithThousandsOfScansIsRefused(name: String) throws {
        let bytes = try Hostile.bytes("bombs/" + name)
        #expect {
            try Image(decoding: bytes)
        } throws: { error in
            guard case .corrupt(.jpeg, let reason) = error as? ImagingError else { return false }
            return reason.contains("500 scans")
        }
        // The same file is still a valid JPEG: the probe reads its header.
        #expect(try ImageInfo(probing: bytes).isProgressive)
    }

    @Test func jpegDeclaringMoreLinesThanItHoldsIsATypedError() throws {
        let bytes = try Hostile.bytes("bombs/jpeg-65500x1.jpg")
        #expect(throws: ImagingError.self) { try Image(decoding: bytes) }
        let partial = try Image(decoding: bytes, options: DecodingOptions(allowTruncated: true))
        #expect(partial.size == Size(width: 65_500, height: 1))
    }

    /// An IDAT that inflates to 64 MiB for a 16 × 16 image: the decoder stops at the image's end
    /// and returns the declared image (libpng ignores the extra data), never a 64 MiB buffer.
    @Test(arguments: ["png-idat-inflates-64mib.png", "png-idat-inflates-64mib-adam7.png"])
    func overlongIDATYieldsTheDeclaredImage(name: String) throws {
        let bytes = try Hostile.bytes("bombs/" + name)
        let image = try Image(decoding: bytes)
        #expect(image.size == Size(width: 16, height: 16))
        #expect(image.pixels.allSatisfy { $0 == 0 })
    }

    /// Ancillary chunks the decoder has no use for: text and ICC bombs, thousands of chunks.
    @Test(arguments: [
        "png-ztxt-inflates-64mib.png", "png-itxt-inflates-64mib.png", "png-iccp-inflates-64mib.png",
        "png-5000-text-chunks.png",
    ])
    func ancillaryChunkBombStillDecodes(name: String) throws {
        let bytes = try Hostile.bytes("bombs/" + name)
        let reference = try Image(decoding: Corpus.bytes("pngsuite/basn2c08.png"))
        #expect(try Image(decoding: bytes) == reference)
    }

    /// A chunk whose length field claims far more than the file holds is a truncated file.
    /// libpng 1.6.39 allocates and zero-fills the claimed length of tEXt, zTXt, iTXt, sPLT, pCAL
    /// and sCAL before reading them: 2 GiB and seconds for a 1 KiB upload unless they are skipped.
    @Test(arguments: ["tEXt", "zTXt", "iTXt", "sPLT", "pCAL", "sCAL", "iCCP", "eXIf", "abCd"])
    func chunkClaimingTwoGibibytesIsRefusedCheaply(type: String) throws {
        let base = try Corpus.bytes("pngsuite/basn2c08.png")
        let claim =
            PNGChunk.bigEndian(0x7FFF_FFFF) + Array(type.utf8) + Array("Comment\0".utf8)
            + [UInt8](repeating: 0x78, count: 1024)
        let bytes = PNGChunk.inserting(claim, afterHeaderOf: base)
        #expect(throws: ImagingError.truncated(.png, offset: bytes.count)) { try Image(decoding: bytes) }
    }

    /// A genuine 9 MB tEXt chunk (over libpng's 8 MB chunk limit): the image still decodes.
    @Test func nineMegabyteTextChunkIsSkipped() throws {
        let base = try Corpus.bytes("pngsuite/basn2c08.png")
        let text = Array("Comment\0".utf8) + [UInt8](repeating: 0x41, count: 9_000_000)
        let bytes = PNGChunk.inserting(PNGChunk.make("tEXt", text), afterHeaderOf: base)
        #expect(try Image(decoding: bytes) == Image(decoding: base))
    }
}

/// Inputs the fuzzers and the mutation test found, one per bug (`Tests/Fixtures/hostile/regressions/`).
@Suite struct HostileRegressionTests {
    /// HEIC `meta` boxes whose child boxes claim to run past their parent (found by `heif-decode`
    /// and `webp-decode` in their first minute): the box walk trapped on an inverted range. Now
    /// every payload is cut to its parent, and the files are a typed error or an image.
    @Test(arguments: ["heic-child-box-past-its-parent.heic", "heic-child-box-past-its-parent-2.heic"])
    func heifBoxesRunningPastTheirParentAreSafe(_ name: String) throws {
        let bytes = try Hostile.bytes("regressions/" + name)
        let image = try? Image(decoding: bytes)
        let info = try? ImageInfo(probing: bytes)
        if let image { #expect(info?.size == image.size) }
        _ = try? Image(thumbnailOf: bytes, fitting: Size(square: 32))
    }

    /// A palette PNG whose tRNS chunk has a bad CRC: libpng drops the chunk (ancillary chunk,
    /// CRC error) and decodes RGB, so the probe, which promises the decoder's pixel format,
    /// must not report RGBA. Found by the mutation test (tm3n3p02.png, byte 66).
    @Test func probeAgreesWithDecodeWhenTRNSHasABadCRC() throws {
        let bytes = try Hostile.bytes("regressions/trns-bad-crc-tm3n3p02.png")
        let image = try Image(decoding: bytes)
        let info = try ImageInfo(probing: bytes)
        #expect(info.pixelFormat == image.pixelFormat)
        #expect(info.hasAlpha == image.pixelFormat.hasAlpha)
    }

    /// 157 bytes declaring a 13825 × 259 CMYK frame with no scan data (a `probe` fuzzer "timeout"
    /// under ASan, 60 ms in release): refused as truncated by default; with `allowTruncated`, the
    /// documented grey image of the declared size, which is why uploads should keep the default.
    @Test func tinyCMYKFileDeclaringAHugeFrame() throws {
        let bytes = try Hostile.bytes("regressions/cmyk-13825x259-in-157-bytes.jpg")
        let info = try ImageInfo(probing: bytes)
        #expect(info.size == Size(width: 13825, height: 259))
        #expect(info.componentCount == 4)
        #expect(throws: ImagingError.truncated(.jpeg, offset: bytes.count)) { try Image(decoding: bytes) }
        let grey = try Image(decoding: bytes, options: DecodingOptions(allowTruncated: true))
        #expect(grey.size == info.displaySize)
    }

    /// A complete JPEG whose entropy data is damaged at two restart intervals (one cut short, so the
    /// decoder meets RST3 early; 1214 bytes of garbage before RST6): libjpeg resynchronises at the
    /// markers and decodes the whole image, as Pillow and djpeg do, so it is not `truncated`.
    /// Found with Pillow's `hopper_bad_exif.jpg`; the fixture is `make_damaged_jpeg.py`'s.
    @Test func damageLibJPEGRecoversFromAtRestartMarkersDecodes() throws {
        let bytes = try Hostile.bytes("regressions/restart-intervals-damaged.jpg")
        let image = try Image(decoding: bytes)
        #expect(image.size == Size(width: 227, height: 149))
        // The intervals before and after the damage hold the picture (it is a re-encode of testorig.jpg).
        let original = try Image(decoding: Corpus.bytes("libjpeg-turbo/testorig.jpg"))
        #expect(meanDifference(image, original, rows: 0..<32) < 2)
        #expect(meanDifference(image, original, rows: 112..<149) < 2)
        let fitting = Size(square: 128)
        #expect(try Image(thumbnailOf: bytes, fitting: fitting).size == Size(width: 128, height: 84))
        var remaining = bytes[...]
        let streamed = try Image(
            thumbnailReading: { count in
                defer { remaining = remaining.dropFirst(count) }
                return Array(remaining.prefix(count))
            }, fitting: fitting)
        #expect(streamed.size == Size(width: 128, height: 84))
        // Data that really is missing is still refused: the same file cut before its end.
        #expect(throws: ImagingError.truncated(.jpeg, offset: 8000)) { try Image(decoding: bytes.prefix(8000)) }
    }

    /// The mean absolute difference of two same-size images' samples over `rows`.
    private func meanDifference(_ a: Image, _ b: Image, rows: Range<Int>) -> Double {
        let rowBytes = a.width * a.pixelFormat.channelCount
        let range = rows.lowerBound * rowBytes..<rows.upperBound * rowBytes
        let total = zip(a.pixels[range], b.pixels[range]).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(range.count)
    }

    /// A 65500 × 1 frame fitted into 225 × 104 with Lanczos and no reducing gap: 225 × 1 (a
    /// `thumbnail-path` fuzzer "timeout" under ASan: 6 kernel weights per input pixel).
    @Test func veryWideImageThumbnailsWithoutAReducingGap() throws {
        let bytes = try Hostile.bytes("bombs/jpeg-65500x1.jpg")
        let thumbnail = try Image(
            thumbnailOf: bytes, fitting: Size(width: 225, height: 104), filter: .lanczos, reducingGap: nil,
            options: DecodingOptions(allowTruncated: true))
        #expect(thumbnail.size == Size(width: 225, height: 1))
    }
}

/// EXIF with offsets outside the segment, IFD loops, absurd counts and wrong types: the
/// orientation reads as ``Orientation/up`` where the value is unusable, and the image decodes.
@Suite struct HostileEXIFTests {
    /// Inputs whose IFD0 still holds a readable Orientation 6 before the damage.
    static let readableRight: Set<String> = [
        "exif-ifd-loop-self.jpg", "exif-subifd-loop.jpg", "exif-big-endian-next-outside.jpg",
        "exif-3000-segments.jpg",
    ]

    @Test(arguments: Hostile.names(in: "exif").filter { $0 != "exif-segment-length-past-end.jpg" })
    func hostileEXIFDecodesSanely(name: String) throws {
        let bytes = try Hostile.bytes("exif/" + name)
        let expected: Orientation = Self.readableRight.contains(name) ? .right : .up
        let info = try ImageInfo(probing: bytes)
        #expect(info.size == Size(width: 227, height: 149))
        #expect(info.orientation == expected)
        let image = try Image(decoding: bytes)
        #expect(image.size == info.displaySize)
        let stored = try Image(decoding: bytes, options: DecodingOptions(appliesOrientation: false))
        #expect(stored.size == Size(width: 227, height: 149))
    }

    @Test func segmentLengthPastTheEndIsTruncated() throws {
        let bytes = try Hostile.bytes("exif/exif-segment-length-past-end.jpg")
        #expect(throws: ImagingError.self) { try ImageInfo(probing: bytes) }
        #expect(throws: ImagingError.self) { try Image(decoding: bytes) }
    }
}
