import Foundation
import Imaging
import TestSupport
import Testing

/// ICC profiles: read from JPEG `APP2` and PNG `iCCP`, carried through every transform and
/// written back; converted to sRGB (matching lcms2's own `jpgicc`) or dropped on request; damaged
/// and oversized profiles dropped without harm. Fixtures: Tests/Fixtures/colour (make.py).
@Suite struct ColorProfileTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Corpus.fixture("colour/\(name)")))
    }

    /// The 580-byte Adobe RGB (1998)-compatible profile both Adobe RGB fixtures embed.
    static func adobeProfile() throws -> ICCProfile {
        try #require(try ImageInfo(probing: fixture("adobe-rgb.png")).iccProfile)
    }

    @Test func jpegAndPNGProfilesAreRead() throws {
        let fromJPEG = try #require(try ImageInfo(probing: Self.fixture("adobe-rgb.jpg")).iccProfile)
        let fromPNG = try Self.adobeProfile()
        #expect(fromJPEG == fromPNG)
        #expect(fromJPEG.count == 580)
        #expect(fromJPEG.colorSpace == .rgb)
        #expect(try Image(decoding: Self.fixture("adobe-rgb.jpg")).iccProfile == fromJPEG)
        #expect(try Image(decoding: Self.fixture("adobe-rgb.png")).iccProfile == fromPNG)
        #expect(try Image(decoding: Self.fixture("gps-exif.jpg")).iccProfile == nil)
    }

    /// One-call thumbnails (fit and fill, bytes and a read function), decode → resize → encode,
    /// and a format change: the output carries the source's profile, byte for byte — in JPEG,
    /// PNG, and WebP (lossy and lossless, with and without alpha: both of libwebp's layouts).
    @Test(
        arguments: ["adobe-rgb.jpg", "adobe-rgb.png"],
        [ImageEncoding.jpeg(), .png(), .webp(quality: 80), .webp(quality: 80, lossless: true)])
    func everyPathKeepsTheProfile(_ source: String, _ encoding: ImageEncoding) throws {
        let bytes = try Self.fixture(source)
        let profile = try Self.adobeProfile()
        var offset = 0
        let read = { (count: Int) -> [UInt8] in
            defer { offset = min(bytes.count, offset + count) }
            return Array(bytes[offset..<min(bytes.count, offset + count)])
        }
        let outputs = [
            try Image(thumbnailOf: bytes, fitting: Size(square: 256)),
            try Image(thumbnailOf: bytes, filling: Size(square: 128)),
            try Image(thumbnailReading: read, fitting: Size(square: 200)),
            try Image(decoding: bytes).resized(to: Size(width: 90, height: 60)).cropped(
                to: Rect(x: 10, y: 10, width: 50, height: 40)),
            try Image(decoding: bytes).applyingOrientation(.right).converted(to: .rgba),
        ]
        for output in outputs {
            #expect(output.iccProfile == profile)
            let encoded = try output.encoded(as: encoding)
            #expect(try ImageInfo(probing: encoded).iccProfile == profile)
            #expect(try Image(decoding: encoded).iccProfile == profile)
        }
    }

    /// AVIF (where libheif has an AV1 encoder) carries it in a `colr` box, read back by the HEIF decoder.
    @Test func avifCarriesTheProfileWhereItCanBeEncoded() throws {
        let thumbnail = try Image(thumbnailOf: Self.fixture("adobe-rgb.jpg"), fitting: Size(square: 64))
        guard Image.canEncodeAVIF else {
            #expect(throws: ImagingError.self) { try thumbnail.encoded(as: .avif(quality: 60)) }
            return
        }
        let avif = try thumbnail.encoded(as: .avif(quality: 60))
        #expect(try Image(decoding: avif).iccProfile == (try Self.adobeProfile()))
    }

    @Test func grayProfilesStayOnGrayImages() throws {
        let image = try Image(decoding: Self.fixture("gray-profile.jpg"))
        #expect(image.pixelFormat == .gray)
        let profile = try #require(image.iccProfile)
        #expect(profile.colorSpace == .gray)
        for encoding in [ImageEncoding.jpeg(), .png()] {
            #expect(try Image(decoding: image.encoded(as: encoding)).iccProfile == profile)
        }
        // To colour the gray profile no longer describes the pixels: it is left behind.
        #expect(image.converted(to: .rgb).iccProfile == nil)
        #expect(throws: ImagingError.self) {
            try Image(width: 1, height: 1, pixelFormat: .rgb, pixels: [0, 0, 0], iccProfile: profile)
        }
    }

    /// A CMYK JPEG's profile describes ink, not the RGB the decoder produces: not kept.
    @Test func cmykProfilesAreNotKeptOnRGB() throws {
        let bytes = try Corpus.bytes("jpeg-misc/ycck.jpg")
        #expect(try ImageInfo(probing: bytes).iccProfile?.colorSpace == .cmyk)
        let image = try Image(decoding: bytes)
        #expect(image.pixelFormat == .rgb)
        #expect(image.iccProfile == nil)
    }

    @Test func dropLeavesPixelsAndWritesNoProfile() throws {
        let bytes = try Self.fixture("adobe-rgb.jpg")
        let kept = try Image(decoding: bytes)
        let dropped = try Image(decoding: bytes, options: DecodingOptions(colorProfile: .drop))
        #expect(dropped.iccProfile == nil)
        #expect(dropped.pixels == kept.pixels)
        let encoded = try dropped.encoded(as: .jpeg())
        #expect(!encoded.contains(subsequence: Array("ICC_PROFILE".utf8)))
        #expect(!(try dropped.encoded(as: .png())).contains(subsequence: Array("iCCP".utf8)))
    }

    /// The acceptance row: thumbnailed with conversion, the Adobe RGB photo matches the
    /// photo converted by lcms2's `jpgicc` (then thumbnailed) within 2 levels per channel.
    ///
    /// Decoded at full size (`reducingGap: nil`), as jpgicc decodes: with the default gap the two
    /// JPEGs (the source at quality 92, jpgicc's output at 100) are shrunk by the DCT, which rounds
    /// each of them its own way — that path is held to the same mean, a few levels at edges.
    @Test func conversionMatchesJpgicc() throws {
        let options = DecodingOptions(colorProfile: .convertToSRGB)
        let source = try Self.fixture("adobe-rgb.jpg")
        let box = Size(square: 256)
        let converted = try Image(thumbnailOf: source, fitting: box, reducingGap: nil, options: options)
        let reference = try Image(
            thumbnailOf: Self.fixture("adobe-rgb.jpgicc-srgb.jpg"), fitting: box, reducingGap: nil)
        let unconverted = try Image(thumbnailOf: source, fitting: box, reducingGap: nil)
        #expect(converted.iccProfile == nil)
        #expect(converted.size == reference.size)
        #expect(maximumDifference(converted.pixels, reference.pixels) <= 2)
        // The conversion does something: Adobe RGB values read as sRGB are visibly off.
        #expect(maximumDifference(unconverted.pixels, reference.pixels) > 10)

        let fast = try Image(thumbnailOf: source, fitting: box, options: options)
        let fastReference = try Image(thumbnailOf: Self.fixture("adobe-rgb.jpgicc-srgb.jpg"), fitting: box)
        #expect(meanAbsoluteDifference(fast.pixels, fastReference.pixels) < 0.5)
        #expect(maximumDifference(fast.pixels, fastReference.pixels) <= 4)

        var offset = 0
        let bytes = try Self.fixture("adobe-rgb.jpg")
        let streamed = try Image(
            thumbnailReading: { (count: Int) -> [UInt8] in
                defer { offset = min(bytes.count, offset + count) }
                return Array(bytes[offset..<min(bytes.count, offset + count)])
            }, fitting: box, options: options)
        #expect(streamed == fast)
    }

    @Test func conversionOfPNGAndGray() throws {
        let options = DecodingOptions(colorProfile: .convertToSRGB)
        let png = try Image(decoding: Self.fixture("adobe-rgb.png"), options: options)
        let reference = try Image(decoding: Self.fixture("adobe-rgb.jpgicc-srgb.jpg"))
        #expect(png.iccProfile == nil)
        // jpgicc converted the JPEG, which differs from the PNG by its quality-92 loss: the converted
        // PNG may differ from the reference by that much, and by no more than half a level beyond.
        let loss = meanAbsoluteDifference(
            try Image(decoding: Self.fixture("adobe-rgb.png")).pixels,
            try Image(decoding: Self.fixture("adobe-rgb.jpg")).pixels)
        #expect(meanAbsoluteDifference(png.pixels, reference.pixels) < loss + 0.5)
        let gray = try Image(decoding: Self.fixture("gray-profile.jpg"), options: options)
        #expect(gray.pixelFormat == .gray)
        #expect(gray.iccProfile == nil)
        // Alpha is copied through untouched.
        let rgba = try Image(decoding: Self.fixture("adobe-rgb.png")).converted(to: .rgba)
        var translucent = rgba
        translucent.iccProfile = rgba.iccProfile
        let convertedRGBA = try Image(decoding: translucent.encoded(as: .png()), options: options)
        #expect(convertedRGBA.pixelFormat == .rgba)
        #expect(stride(from: 3, to: convertedRGBA.pixels.count, by: 4).allSatisfy { convertedRGBA.pixels[$0] == 255 })
    }

    /// A profile larger than one segment is cut into numbered `APP2` chunks and put back together.
    @Test func largeProfilesSpanSeveralSegments() throws {
        let profile = try Self.syntheticProfile(count: 150_000)
        var image = try Image(width: 8, height: 8, pixelFormat: .rgb, pixels: Array(repeating: 128, count: 192))
        image.iccProfile = profile
        let encoded = try image.encoded(as: .jpeg())
        #expect(encoded.occurrences(of: Array("ICC_PROFILE\0".utf8)) == 3)
        #expect(try Image(decoding: encoded).iccProfile == profile)
    }

    @Test func invalidProfilesAreRefused() throws {
        #expect(throws: ImagingError.self) { try ICCProfile(Array(repeating: 0, count: 100)) }
        var bytes = try Self.syntheticProfile(count: 1000).bytes
        bytes[36] = UInt8(ascii: "x")
        #expect(throws: ImagingError.self) { try ICCProfile(bytes) }
        #expect(throws: ImagingError.self) { try Self.syntheticProfile(count: ICCProfile.maximumSize + 1) }
        // Declared shorter than embedded: the tail is not part of the profile.
        var padded = try Self.syntheticProfile(count: 1000).bytes
        padded += [1, 2, 3]
        #expect(try ICCProfile(padded).count == 1000)
    }

    /// Chunks missing, repeated or numbered past their count: no profile, and the image still
    /// decodes. `[1, 2, 3]` (all there, in order) and `[3, 1, 2]` (any order) assemble the profile.
    @Test(arguments: [
        ([1, 2, 3], true), ([3, 1, 2], true), ([1, 3], false), ([1, 1, 2, 3], false), ([2, 2, 1, 3], false),
        ([0, 1, 2, 3], false), ([1, 2, 3, 4], false),
    ])
    func damagedSegmentsReadAsNoProfile(_ numbers: [Int], _ assembles: Bool) throws {
        let profile = try Self.syntheticProfile(count: 600)
        let segments = numbers.flatMap { number in
            let part = (1...3).contains(number) ? Array(profile.bytes[(number - 1) * 200..<number * 200]) : [1, 2]
            return Self.segment(number: number, count: 3, data: part)
        }
        let jpeg = try Self.plainJPEG(inserting: segments)
        #expect(try ImageInfo(probing: jpeg).iccProfile == (assembles ? profile : nil))
        #expect(try Image(decoding: jpeg).size == Size(width: 8, height: 8))
    }

    /// 70 chunks of 65,519 bytes claim a 4.6 MB profile: over the 4 MiB limit, dropped.
    @Test func oversizedSegmentsAreDropped() throws {
        let chunk = Array(repeating: UInt8(0), count: 65_519)
        let segments = (1...70).flatMap { Self.segment(number: $0, count: 70, data: chunk) }
        let jpeg = try Self.plainJPEG(inserting: segments)
        #expect(try ImageInfo(probing: jpeg).iccProfile == nil)
        #expect(try Image(decoding: jpeg).iccProfile == nil)
    }

    /// The iCCP bomb: 103 KB that inflate to 100 MB. Inflating stops at 4 MiB; the image decodes.
    @Test func iccpBombIsDroppedUninflated() throws {
        let bytes = try Self.fixture("iccp-bomb.png")
        #expect(bytes.count < 120_000)
        #expect(try ImageInfo(probing: bytes).iccProfile == nil)
        let image = try Image(decoding: bytes)
        #expect(image.size == Size(width: 64, height: 43))
        #expect(image.iccProfile == nil)
    }

    // MARK: - Helpers

    /// A structurally valid profile of `count` bytes (header only; lcms2 would not use it).
    static func syntheticProfile(count: Int) throws(ImagingError) -> ICCProfile {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes[0] = UInt8(truncatingIfNeeded: count >> 24)
        bytes[1] = UInt8(truncatingIfNeeded: count >> 16)
        bytes[2] = UInt8(truncatingIfNeeded: count >> 8)
        bytes[3] = UInt8(truncatingIfNeeded: count)
        bytes.replaceSubrange(16..<20, with: "RGB ".utf8)
        bytes.replaceSubrange(36..<40, with: "acsp".utf8)
        for index in 128..<count { bytes[index] = UInt8(truncatingIfNeeded: index &* 31) }
        return try ICCProfile(bytes)
    }

    static func segment(number: Int, count: Int, data: [UInt8]) -> [UInt8] {
        let length = 2 + 12 + 2 + data.count
        return [0xFF, 0xE2, UInt8(length >> 8), UInt8(length & 0xFF)] + Array("ICC_PROFILE\0".utf8)
            + [UInt8(number), UInt8(count)] + data
    }

    /// An 8×8 JPEG with `segments` right after SOI.
    static func plainJPEG(inserting segments: [UInt8]) throws -> [UInt8] {
        let jpeg = try Image(width: 8, height: 8, pixelFormat: .rgb, pixels: Array(repeating: 90, count: 192))
            .encoded(as: .jpeg())
        return Array(jpeg[..<2]) + segments + Array(jpeg[2...])
    }
}
