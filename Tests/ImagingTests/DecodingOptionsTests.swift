import Imaging
import TestSupport
import Testing

/// Truncation, pixel limits and DCT-scaled decoding.
@Suite struct DecodingOptionsTests {
    @Test func truncatedJPEGThrowsByDefault() throws {
        let bytes = try Corpus.bytes("generated/truncated_testorig.jpg")
        #expect(throws: ImagingError.truncated(.jpeg, offset: 3000)) { try Image(decoding: bytes) }
    }

    @Test func truncatedJPEGDecodesPartiallyWhenAllowed() throws {
        let bytes = try Corpus.bytes("generated/truncated_testorig.jpg")
        let image = try Image(decoding: bytes, options: .init(allowTruncated: true))
        #expect(image.size == Size(width: 227, height: 149))
        // The top rows are real picture: they match the complete file.
        let full = try Image(decoding: Corpus.bytes("libjpeg-turbo/testorig.jpg"))
        let firstRows = 16 * image.bytesPerRow
        #expect(Array(image.pixels.prefix(firstRows)) == Array(full.pixels.prefix(firstRows)))
    }

    @Test(arguments: [100, 1000, 2000, 2250])  // of 2262 bytes: in IDAT, and just before IEND
    func truncatedPNGThrows(_ length: Int) throws {
        let bytes = try Array(Corpus.bytes("pngsuite/PngSuite.png").prefix(length))
        #expect(throws: ImagingError.truncated(.png, offset: length)) { try Image(decoding: bytes) }
    }

    @Test(arguments: ["pngsuite/PngSuite.png", "pngsuite/basi6a08.png", "libjpeg-turbo/monkey16.png"])
    func truncatedPNGDecodesPartiallyWhenAllowed(_ path: String) throws {
        let full = try Corpus.bytes(path)
        let bytes = Array(full.prefix(full.count * 2 / 3))
        #expect(throws: ImagingError.truncated(.png, offset: bytes.count)) { try Image(decoding: bytes) }
        let partial = try Image(decoding: bytes, options: .init(allowTruncated: true))
        let complete = try Image(decoding: full)
        #expect(partial.size == complete.size)
        #expect(partial.pixelFormat == complete.pixelFormat)
        #expect(partial != complete)
        if try !ImageInfo(probing: full).isInterlaced {
            #expect(partial.pixels.last == 0)  // the rows that never arrived are black (and transparent)
            #expect(partial.pixels.prefix(complete.bytesPerRow) == complete.pixels.prefix(complete.bytesPerRow))
        }
        // An interlaced image shows its early passes blown up over the whole frame, as browsers do.
    }

    @Test func pngMissingOnlyIENDDecodesWhenAllowed() throws {
        let full = try Corpus.bytes("pngsuite/PngSuite.png")
        let bytes = Array(full.prefix(full.count - 12))  // IEND is the last 12 bytes
        #expect(throws: ImagingError.truncated(.png, offset: bytes.count)) { try Image(decoding: bytes) }
        #expect(try Image(decoding: bytes, options: .init(allowTruncated: true)) == Image(decoding: full))
    }

    @Test func recoverableDamageDecodesLikePillow() throws {
        // Junk between two markers ("Corrupt JPEG data: 4 extraneous bytes before marker 0xda", seen in
        // files from some cameras) is a libjpeg warning it recovers from fully: the image decodes, as in
        // Pillow, and is the same as the intact one.
        let intact = try Corpus.bytes("libjpeg-turbo/testorig.jpg")
        let scanStart = try #require((0..<(intact.count - 1)).first { intact[$0] == 0xFF && intact[$0 + 1] == 0xDA })
        let damaged = Array(intact[..<scanStart]) + [0x12, 0x34, 0x56, 0x78] + Array(intact[scanStart...])
        #expect(try Image(decoding: damaged) == Image(decoding: intact))
    }

    @Test func aScanThatEndsBeforeItsLastBlockIsTruncated() throws {
        // Garbage inside the entropy-coded data desynchronises the decoder, which then reaches the EOI
        // marker with blocks still missing: image data is missing, so this throws unless allowed.
        var bytes = try Corpus.bytes("libjpeg-turbo/testorig.jpg")
        for index in 2000..<2400 { bytes[index] = 0x00 }
        #expect(throws: ImagingError.truncated(.jpeg, offset: bytes.count)) { try Image(decoding: bytes) }
        #expect(try Image(decoding: bytes, options: .init(allowTruncated: true)).size == Size(width: 227, height: 149))
    }

    @Test func truncatedCMYKJPEGThrowsThroughLibJPEG() throws {
        let full = try Corpus.bytes("jpeg-misc/ycck.jpg")
        let bytes = Array(full.prefix(full.count - 60_000))  // inside the scan (the ICC profile is 560 KB)
        #expect(throws: ImagingError.truncated(.jpeg, offset: bytes.count)) { try Image(decoding: bytes) }
        let partial = try Image(decoding: bytes, options: .init(allowTruncated: true))
        #expect(partial.size == Size(width: 500, height: 333))
    }

    @Test(arguments: ["libjpeg-turbo/testorig.jpg", "pngsuite/basn2c08.png", "jpeg-misc/ycck.jpg"])
    func pixelLimitIsEnforced(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        let info = try ImageInfo(probing: bytes)
        let limit = info.width * info.height - 1
        #expect(throws: ImagingError.tooManyPixels(width: info.width, height: info.height, limit: limit)) {
            try Image(decoding: bytes, options: .init(maximumPixelCount: limit))
        }
        #expect(try Image(decoding: bytes, options: .init(maximumPixelCount: limit + 1)).size == info.displaySize)
    }

    @Test func craftedPNGHeaderIsRefusedBeforeAllocation() throws {
        let png = CraftedImages.png(width: 100_000, height: 100_000)
        #expect(throws: ImagingError.tooManyPixels(width: 100_000, height: 100_000, limit: 89_478_485)) {
            try Image(decoding: png)
        }
        let info = try ImageInfo(probing: png)
        #expect(info.size == Size(width: 100_000, height: 100_000))
    }

    @Test func craftedJPEGHeaderIsRefusedBeforeAllocation() throws {
        let jpeg = CraftedImages.jpeg(width: 65_500, height: 65_500)
        #expect(throws: ImagingError.tooManyPixels(width: 65_500, height: 65_500, limit: 89_478_485)) {
            try Image(decoding: jpeg)
        }
        #expect(try ImageInfo(probing: jpeg).size == Size(width: 65_500, height: 65_500))
    }

    @Test func zeroSidesThrow() {
        #expect(throws: ImagingError.invalidDimensions(width: 0, height: 10)) {
            try Image(decoding: CraftedImages.jpeg(width: 0, height: 10))
        }
        #expect(throws: ImagingError.self) { try Image(decoding: CraftedImages.png(width: 0, height: 10)) }
    }

    @Test func garbageIsUnrecognized() {
        // A TIFF header: a real format, but not one this library reads.
        #expect(throws: ImagingError.unrecognizedFormat(prefix: [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00])) {
            try Image(decoding: [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00])
        }
        #expect(throws: ImagingError.unrecognizedFormat(prefix: [])) { try Image(decoding: [UInt8]()) }
    }

    /// 1800×1200: each hint picks the smallest TurboJPEG factor that still covers it (sides round up).
    @Test(arguments: [
        (Size(width: 512, height: 342), Size(width: 675, height: 450)),  // 3/8 (Pillow's draft would take 1/2)
        (Size(width: 676, height: 450), Size(width: 900, height: 600)),  // 1/2
        (Size(width: 450, height: 300), Size(width: 450, height: 300)),  // 1/4
        (Size(width: 451, height: 300), Size(width: 675, height: 450)),  // 3/8
        (Size(width: 225, height: 150), Size(width: 225, height: 150)),  // 1/8
        (Size(width: 10, height: 10), Size(width: 225, height: 150)),  // never below 1/8
        (Size(width: 1700, height: 1), Size(width: 1800, height: 1200)),  // 1
        (Size(width: 1600, height: 1000), Size(width: 1800, height: 1200)),  // 7/8 = 1575 is too small
        (Size(width: 1575, height: 1000), Size(width: 1575, height: 1050)),  // 7/8
        (Size(width: 4000, height: 4000), Size(width: 1800, height: 1200)),  // never upscales
    ])
    func dctScalingPicksSmallestCoveringFactor(_ minimum: Size, _ expected: Size) throws {
        let bytes = try Corpus.bytes("exif-orientation/Landscape_1.jpg")
        let image = try Image(decoding: bytes, options: .init(minimumSize: minimum))
        #expect(image.size == expected)
    }

    @Test func dctScalingUsesDisplayOrientation() throws {
        // Stored 1200×1800 with orientation 6: the hint is in display terms (1800×1200).
        let bytes = try Corpus.bytes("exif-orientation/Landscape_6.jpg")
        let image = try Image(decoding: bytes, options: .init(minimumSize: Size(width: 450, height: 300)))
        #expect(image.size == Size(width: 450, height: 300))
        let stored = try Image(
            decoding: bytes, options: .init(appliesOrientation: false, minimumSize: Size(width: 300, height: 450)))
        #expect(stored.size == Size(width: 300, height: 450))
    }

    @Test func dctScalingRoundsUp() throws {
        // testorig is 227×149: 1/8 gives ceil(28.375)×ceil(18.625) = 29×19.
        let bytes = try Corpus.bytes("libjpeg-turbo/testorig.jpg")
        let image = try Image(decoding: bytes, options: .init(minimumSize: Size(width: 1, height: 1)))
        #expect(image.size == Size(width: 29, height: 19))
    }

    @Test(arguments: ["jpeg-misc/ycck.jpg", "jpeg-misc/jpg-cmyk-2.jpg", "generated/gray_testorig.jpg"])
    func dctScalingWorksOnLibJPEGAndGrayPaths(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        let full = try Image(decoding: bytes)
        let half = try Image(
            decoding: bytes, options: .init(minimumSize: Size(width: full.width / 2, height: full.height / 2)))
        #expect(half.width == (full.width + 1) / 2)
        #expect(half.height == (full.height + 1) / 2)
        #expect(half.pixelFormat == full.pixelFormat)
    }

    @Test func pngIgnoresTheSizeHint() throws {
        let bytes = try Corpus.bytes("pngsuite/PngSuite.png")
        #expect(try Image(decoding: bytes, options: .init(minimumSize: Size(width: 8, height: 8))).width == 256)
    }

    @Test func nonContiguousCollectionsDecode() throws {
        let bytes = try Corpus.bytes("pngsuite/basn6a08.png")
        let lazy = bytes.lazy.map { $0 }
        #expect(try Image(decoding: lazy) == Image(decoding: bytes))
        #expect(try Image(decoding: bytes[...]) == Image(decoding: bytes))
    }
}

/// Headers that declare huge or zero sizes, built in the test (no such file is committed).
enum CraftedImages {
    static func png(width: Int, height: Int) -> [UInt8] {
        var ihdr: [UInt8] = Array("IHDR".utf8)
        ihdr += bigEndian32(width) + bigEndian32(height) + [8, 2, 0, 0, 0]
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += bigEndian32(13) + ihdr + bigEndian32(crc32(ihdr))
        // An IDAT header (its data is never reached) and padding.
        bytes += bigEndian32(0) + Array("IDAT".utf8) + bigEndian32(crc32(Array("IDAT".utf8)))
        return bytes
    }

    static func jpeg(width: Int, height: Int) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += [0xFF, 0xC0, 0x00, 17, 8] + bigEndian16(height) + bigEndian16(width) + [3]
        bytes += [1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        bytes += [0xFF, 0xD9]
        return bytes
    }

    static func bigEndian32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func bigEndian16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    static func crc32(_ bytes: [UInt8]) -> Int {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return Int(crc ^ 0xFFFF_FFFF)
    }
}
