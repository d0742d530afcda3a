import Imaging
import TestSupport
import Testing

/// WebP and AVIF output: round trips, quality, lossless exactness, alpha kept (Documentation/Imaging.md, "Formats").
@Suite struct FormatEncodingTests {
    @Test(arguments: PixelFormat.allCases)
    func webpLossyRoundTripIsClose(_ format: PixelFormat) throws {
        let image = EncodingTests.pattern(format)
        let bytes = try image.encoded(as: .webp(quality: 90))
        #expect(ImageFormat(detecting: bytes) == .webp)
        let decoded = try Image(decoding: bytes)
        // Gray is written as colour; alpha is kept.
        let expected = image.converted(to: format.hasAlpha ? .rgba : .rgb)
        #expect(decoded.pixelFormat == expected.pixelFormat)
        #expect(decoded.size == image.size)
        #expect(psnr(decoded.pixels, expected.pixels) >= 30)
    }

    @Test(arguments: PixelFormat.allCases)
    func webpLosslessIsExact(_ format: PixelFormat) throws {
        let image = EncodingTests.pattern(format)
        let decoded = try Image(decoding: image.encoded(as: .webp(quality: 50, lossless: true)))
        #expect(decoded == image.converted(to: format.hasAlpha ? .rgba : .rgb))
    }

    @Test func webpLosslessKeepsTheColourUnderTransparentPixels() throws {
        let pixels: [UInt8] = [10, 20, 30, 0, 200, 100, 50, 0, 1, 2, 3, 255, 4, 5, 6, 128]
        let image = try Image(width: 2, height: 2, pixelFormat: .rgba, pixels: pixels)
        #expect(try Image(decoding: image.encoded(as: .webp(quality: 80, lossless: true))) == image)
    }

    @Test func webpQualityChangesSize() throws {
        let photo = try Image(decoding: Corpus.bytes("libjpeg-turbo/testorig.jpg"))
        let small = try photo.encoded(as: .webp(quality: 20))
        let large = try photo.encoded(as: .webp(quality: 95))
        #expect(small.count < large.count)
        let decoded = try Image(decoding: large)
        #expect(psnr(decoded.pixels, photo.pixels) > 35)
    }

    @Test func webpRejectsBadArguments() throws {
        let image = EncodingTests.pattern(.rgb)
        for quality in [0, 101] {
            #expect(throws: ImagingError.invalidArgument("WebP quality must be 1...100, got \(quality)")) {
                try image.encoded(as: .webp(quality: quality))
            }
        }
        let wide = try Image(width: 16384, height: 1, pixelFormat: .gray, pixels: [UInt8](repeating: 0, count: 16384))
        #expect(throws: ImagingError.self) { try wide.encoded(as: .webp()) }
        #expect(ImageEncoding.webp().format == .webp)
        #expect(ImageEncoding.webp() == .webp(WebPOptions(quality: 80, lossless: false)))
    }

    /// AVIF encodes where libheif has an AV1 encoder, and says `.unsupported` where it has none;
    /// which one this machine has is asked at run time, and each case asserts its own outcome.
    @Test func avifEncodesWhereAnEncoderExists() throws {
        let image = EncodingTests.pattern(.rgba)
        if Image.canEncodeAVIF {
            let bytes = try image.encoded(as: .avif(quality: 80))
            #expect(ImageFormat(detecting: bytes) == .avif)
            let decoded = try Image(decoding: bytes)
            #expect(decoded.size == image.size)
            #expect(decoded.pixelFormat == .rgba)
            #expect(psnr(decoded.pixels, image.pixels) >= 28)
            let gray = try Image(decoding: EncodingTests.pattern(.gray).encoded(as: .avif()))
            #expect(gray.pixelFormat == .rgb)
        } else {
            #expect {
                try image.encoded(as: .avif())
            } throws: { error in
                guard case .unsupported(.avif, let feature) = error as? ImagingError else { return false }
                return feature.contains("AV1 encoder")
            }
        }
        #expect(throws: ImagingError.invalidArgument("AVIF quality must be 1...100, got 0")) {
            try image.encoded(as: .avif(quality: 0))
        }
    }
}

/// A large WebP is decoded already scaled by libwebp for a small thumbnail; the result matches the
/// full decode's thumbnail in size and, closely, in pixels.
@Suite struct WebPScaledDecodeTests {
    @Test func aSmallThumbnailOfALargeWebPMatchesTheFullPath() throws {
        let photo = try Image(decoding: Corpus.bytes("exif-orientation/Landscape_1.jpg"))
        let webp = try photo.encoded(as: .webp(quality: 90))
        let box = Size(square: 128)
        let fast = try Image(thumbnailOf: webp, fitting: box)
        let reference = try Image(decoding: webp).thumbnail(fitting: box)
        #expect(fast.size == Size(width: 128, height: 85))
        #expect(fast.size == reference.size)
        #expect(psnr(fast.pixels, reference.pixels) > 32)
        // The scaled decode itself: at least the size asked for, aspect kept.
        let scaled = try Image(decoding: webp, options: .init(minimumSize: Size(width: 256, height: 170)))
        #expect(scaled.width >= 256 && scaled.height >= 170 && scaled.width < photo.width)
        let filled = try Image(thumbnailOf: webp, filling: Size(width: 60, height: 60))
        #expect(filled.size == Size(width: 60, height: 60))
    }
}
