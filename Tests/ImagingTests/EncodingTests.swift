import Imaging
import TestSupport
import Testing

/// Encoders: round trips for every pixel format, and every option visibly changes the output.
@Suite struct EncodingTests {
    /// A smooth 64×48 test pattern (gradients compress well in JPEG, so PSNR is meaningful).
    static func pattern(_ format: PixelFormat, width: Int = 64, height: Int = 48) -> Image {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * format.channelCount)
        for y in 0..<height {
            for x in 0..<width {
                let r = UInt8(x * 255 / (width - 1))
                let g = UInt8(y * 255 / (height - 1))
                let b = UInt8((x + y) * 255 / (width + height - 2))
                let a = UInt8(255 - (x * 200 / (width - 1)))
                switch format {
                case .gray: pixels += [r / 2 + g / 2]
                case .grayAlpha: pixels += [r / 2 + g / 2, a]
                case .rgb: pixels += [r, g, b]
                case .rgba: pixels += [r, g, b, a]
                }
            }
        }
        return try! Image(width: width, height: height, pixelFormat: format, pixels: pixels)
    }

    @Test(arguments: PixelFormat.allCases)
    func pngRoundTripIsExact(_ format: PixelFormat) throws {
        let image = Self.pattern(format)
        let bytes = try image.encoded(as: .png())
        #expect(ImageFormat(detecting: bytes) == .png)
        #expect(try Image(decoding: bytes) == image)
    }

    @Test(arguments: PixelFormat.allCases)
    func jpegRoundTripIsClose(_ format: PixelFormat) throws {
        let image = Self.pattern(format)
        let decoded = try Image(decoding: image.encoded(as: .jpeg(quality: 95)))
        // Alpha is flattened onto white; gray stays one channel.
        let expected = image.converted(to: format.isGray ? .gray : .rgb, background: .white)
        #expect(decoded.pixelFormat == expected.pixelFormat)
        #expect(decoded.size == image.size)
        #expect(psnr(decoded.pixels, expected.pixels) >= 38)
    }

    @Test func jpegOfRGBAFlattensOntoTheBackground() throws {
        let clear = try Image(
            width: 16, height: 16, pixelFormat: .rgba, pixels: [UInt8](repeating: 0, count: 16 * 16 * 4))
        let red = Color(red: 255, green: 0, blue: 0)
        let decoded = try Image(decoding: clear.encoded(as: .jpeg(quality: 90, background: red)))
        #expect(decoded.pixelFormat == .rgb)
        let first = Array(decoded.pixels.prefix(3))
        #expect(first[0] >= 250 && first[1] <= 5 && first[2] <= 5, "\(first)")
    }

    @Test func jpegQualityChangesSize() throws {
        let photo = try Image(decoding: Corpus.bytes("libjpeg-turbo/testorig.jpg"))
        let small = try photo.encoded(as: .jpeg(quality: 20))
        let large = try photo.encoded(as: .jpeg(quality: 95))
        #expect(small.count < large.count)
        #expect(try photo.encoded(as: .jpeg()) == photo.encoded(as: .jpeg(quality: 75)))
    }

    @Test func jpegProgressiveWritesSOF2() throws {
        let photo = try Image(decoding: Corpus.bytes("libjpeg-turbo/testorig.jpg"))
        let baseline = try photo.encoded(as: .jpeg(quality: 80))
        let progressive = try photo.encoded(as: .jpeg(quality: 80, progressive: true))
        #expect(try frameHeader(baseline).marker == 0xC0)
        #expect(try frameHeader(progressive).marker == 0xC2)
        #expect(try ImageInfo(probing: progressive).isProgressive)
        #expect(try Image(decoding: progressive).size == photo.size)
    }

    @Test(arguments: [(ChromaSubsampling.s444, 0x11), (.s422, 0x21), (.s420, 0x22)])
    func jpegSubsamplingSetsLumaSamplingFactors(_ subsampling: ChromaSubsampling, _ factors: Int) throws {
        let photo = try Image(decoding: Corpus.bytes("libjpeg-turbo/testorig.jpg"))
        let bytes = try photo.encoded(as: .jpeg(quality: 80, subsampling: subsampling))
        let header = try frameHeader(bytes)
        #expect(header.components == 3)
        #expect(header.lumaSampling == factors)
    }

    @Test func jpegOfGrayHasOneComponent() throws {
        let bytes = try Self.pattern(.gray).encoded(as: .jpeg(quality: 80, subsampling: .s444))
        #expect(try frameHeader(bytes).components == 1)
        #expect(try Image(decoding: bytes).pixelFormat == .gray)
    }

    @Test func pngCompressionLevelChangesSize() throws {
        let photo = try Image(decoding: Corpus.bytes("libjpeg-turbo/testorig.jpg"))
        let stored = try photo.encoded(as: .png(compressionLevel: 0))
        let best = try photo.encoded(as: .png(compressionLevel: 9))
        #expect(stored.count > photo.pixels.count)  // level 0 stores deflate blocks uncompressed
        #expect(best.count < stored.count / 2)
        #expect(try Image(decoding: best) == photo)
        #expect(try photo.encoded(as: .png()) == photo.encoded(as: .png(compressionLevel: 6)))
    }

    @Test func outOfRangeOptionsThrow() {
        let image = Self.pattern(.rgb)
        for quality in [0, 101, -5] {
            #expect(throws: ImagingError.invalidArgument("JPEG quality must be 1...100, got \(quality)")) {
                try image.encoded(as: .jpeg(quality: quality))
            }
        }
        for level in [-1, 10] {
            #expect(throws: ImagingError.invalidArgument("PNG compression level must be 0...9, got \(level)")) {
                try image.encoded(as: .png(compressionLevel: level))
            }
        }
    }

    @Test func conversionRules() throws {
        let pixel = try Image(width: 1, height: 1, pixelFormat: .rgba, pixels: [200, 100, 50, 128])
        // 200·128 + 255·127 + 127 over 255 → 227 (white background).
        #expect(pixel.converted(to: .rgb).pixels == [227, 177, 152])
        #expect(pixel.converted(to: .rgb, background: .black).pixels == [100, 50, 25])
        #expect(pixel.converted(to: .grayAlpha).pixels == [124, 128])  // Pillow's L of (200,100,50)
        let gray = try Image(width: 1, height: 1, pixelFormat: .gray, pixels: [77])
        #expect(gray.converted(to: .rgba).pixels == [77, 77, 77, 255])
    }

    @Test func flatteningRoundsToNearestForEveryAlpha() throws {
        // Every (value, alpha) pair, over a mid-gray background.
        var pixels: [UInt8] = []
        for value in 0...255 {
            for alpha in 0...255 { pixels += [UInt8(value), UInt8(alpha)] }
        }
        let image = try Image(width: 256, height: 256, pixelFormat: .grayAlpha, pixels: pixels)
        let flat = image.converted(to: .gray, background: Color(gray: 100))
        for value in 0...255 {
            for alpha in 0...255 {
                let exact = (Double(value * alpha + 100 * (255 - alpha)) / 255).rounded()
                if flat.pixels[value * 256 + alpha] != UInt8(exact) {
                    Issue.record("value \(value) alpha \(alpha): \(flat.pixels[value * 256 + alpha]) != \(exact)")
                    return
                }
            }
        }
    }

    /// SOF marker, component count and the first component's sampling byte of a JPEG.
    func frameHeader(_ bytes: [UInt8]) throws -> (marker: UInt8, components: Int, lumaSampling: Int) {
        var offset = 2
        while offset + 4 < bytes.count {
            let marker = bytes[offset + 1]
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            if (0xC0...0xC2).contains(marker) {
                return (marker, Int(bytes[offset + 9]), Int(bytes[offset + 11]))
            }
            offset += 2 + length
        }
        throw ImagingError.corrupt(.jpeg, reason: "no SOF in test output")
    }
}
