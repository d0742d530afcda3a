import Imaging
import TestSupport
import Testing

/// Our resampler against Pillow 13's on a real photograph (references committed
/// under Tests/Fixtures/imaging/resample/). The bar is 40 dB; a lower
/// figure means a different kernel, support, centre or rounding, not noise.
@Suite("Resampling quality against Pillow")
struct ResampleQualityTests {
    static let convolutionFilters: [ResamplingFilter] = [.box, .bilinear, .hamming, .bicubic, .lanczos]

    @Test("Downscale of a photo reaches 40 dB against Pillow's resize", arguments: convolutionFilters, [3, 7])
    func downscale(filter: ResamplingFilter, scale: Int) throws {
        let source = try ResampleFixtures.source()
        let reference = try ResampleFixtures.image("rgb_\(filter)_1_\(scale).ppm")
        let resized = try source.resized(to: reference.size, filter: filter)
        let quality = ResampleFixtures.psnr(resized, reference)
        print("PSNR \(filter) 1/\(scale): \(quality) dB")
        #expect(quality >= 40)
    }

    @Test("Convolution output is Pillow's to within one level", arguments: convolutionFilters, [3, 7])
    func withinOneLevel(filter: ResamplingFilter, scale: Int) throws {
        // Same coefficient tables, pass order and rounding as Resample.c: only
        // a last-bit difference in a kernel's sine may flip one sample by one.
        let source = try ResampleFixtures.source()
        let reference = try ResampleFixtures.image("rgb_\(filter)_1_\(scale).ppm")
        let resized = try source.resized(to: reference.size, filter: filter)
        #expect(maximumDifference(resized.pixels, reference.pixels) <= 1)
    }

    @Test("Nearest picks exactly Pillow's pixels", arguments: [3, 7])
    func nearest(scale: Int) throws {
        let source = try ResampleFixtures.source()
        let reference = try ResampleFixtures.image("rgb_nearest_1_\(scale).ppm")
        let resized = try source.resized(to: reference.size, filter: .nearest)
        #expect(resized == reference)
    }

    @Test("RGBA is resampled premultiplied, as Pillow", arguments: [ResamplingFilter.bilinear, .bicubic, .lanczos])
    func premultipliedAlpha(filter: ResamplingFilter) throws {
        let source = try ResampleFixtures.withAlpha(ResampleFixtures.source())
        let reference = try ResampleFixtures.image("rgba_\(filter)_1_3.pam")
        let resized = try source.resized(to: reference.size, filter: filter)
        let quality = ResampleFixtures.psnr(resized, reference)
        print("PSNR RGBA \(filter) 1/3: \(quality) dB")
        #expect(quality >= 40)
    }

    @Test func grayAndGrayAlpha() throws {
        let gray = try ResampleFixtures.graySource()
        let grayReference = try ResampleFixtures.image("gray_lanczos_1_3.pgm")
        #expect(ResampleFixtures.psnr(try gray.resized(to: grayReference.size, filter: .lanczos), grayReference) >= 40)

        let grayAlpha = try ResampleFixtures.withAlpha(gray)
        let grayAlphaReference = try ResampleFixtures.image("gray_alpha_bicubic_1_7.pam")
        let resized = try grayAlpha.resized(to: grayAlphaReference.size, filter: .bicubic)
        #expect(ResampleFixtures.psnr(resized, grayAlphaReference) >= 40)
    }

    @Test("Upscaling a crop at a non-integer ratio", arguments: [ResamplingFilter.bicubic, .lanczos])
    func upscale(filter: ResamplingFilter) throws {
        let crop = try ResampleFixtures.source().cropped(to: Rect(x: 200, y: 100, width: 50, height: 40))
        let reference = try ResampleFixtures.image("upscale_\(filter).ppm")
        #expect(ResampleFixtures.psnr(try crop.resized(to: reference.size, filter: filter), reference) >= 40)
    }

    @Test func upscaleNearestIsExact() throws {
        let crop = try ResampleFixtures.source().cropped(to: Rect(x: 200, y: 100, width: 50, height: 40))
        let reference = try ResampleFixtures.image("upscale_nearest.ppm")
        #expect(try crop.resized(to: reference.size, filter: .nearest) == reference)
    }

    @Test("A fractional source region resizes like Pillow's box=")
    func fractionalRegion() throws {
        let reference = try ResampleFixtures.image("box_bicubic.ppm")
        let region = Region(x: 10.5, y: 20.25, width: 300.25, height: 225.25)
        let resized = try ResampleFixtures.source().resized(to: reference.size, from: region)
        #expect(ResampleFixtures.psnr(resized, reference) >= 40)
    }

    @Test func reduceMatchesPillow() throws {
        let source = try ResampleFixtures.source()
        let reference = try ResampleFixtures.image("reduce_7.ppm")
        let reduced = try source.reduced(by: 7)
        #expect(reduced.size == reference.size)
        #expect(maximumDifference(reduced.pixels, reference.pixels) <= 1)

        let rgbaReference = try ResampleFixtures.image("reduce_4x5.pam")
        let rgbaReduced = try ResampleFixtures.withAlpha(source).reduced(byX: 4, y: 5)
        #expect(rgbaReduced.size == rgbaReference.size)
        #expect(ResampleFixtures.psnr(rgbaReduced, rgbaReference) >= 45)
    }

    @Test("resize(reducing_gap: 2) with Pillow's safe box")
    func reducingGap() throws {
        let reference = try ResampleFixtures.image("gap_lanczos_2.ppm")
        let resized = try ResampleFixtures.source().resized(to: reference.size, filter: .lanczos, reducingGap: 2)
        #expect(ResampleFixtures.psnr(resized, reference) >= 40)
    }

    @Test func thumbnailsMatchPillow() throws {
        let source = try ResampleFixtures.source()
        let reference = try ResampleFixtures.image("thumbnail_64.ppm")
        let thumbnail = try source.thumbnail(fitting: Size(square: 64))
        #expect(ResampleFixtures.psnr(thumbnail, reference) >= 40)

        let rgbaReference = try ResampleFixtures.image("thumbnail_rgba_50.pam")
        let rgbaThumbnail = try ResampleFixtures.withAlpha(source).thumbnail(
            fitting: Size(square: 50), filter: .lanczos)
        #expect(ResampleFixtures.psnr(rgbaThumbnail, rgbaReference) >= 40)
    }

    @Test("filled(to:) is ImageOps.fit, contained(in:) ImageOps.contain, padded(to:) ImageOps.pad")
    func imageOps() throws {
        let source = try ResampleFixtures.source()
        let rgba = try ResampleFixtures.withAlpha(source)
        let cases: [(String, Image)] = [
            ("fit_100x100.ppm", try source.filled(to: Size(square: 100))),
            ("fit_90x120_top_left.ppm", try source.filled(to: Size(width: 90, height: 120), centering: (0, 0))),
            ("contain_100x100.ppm", try source.contained(in: Size(square: 100))),
            ("pad_120x120.ppm", try source.padded(to: Size(square: 120), background: .white)),
            ("pad_rgba_80x100_end.pam", try rgba.padded(to: Size(width: 80, height: 100), centering: (1, 1))),
        ]
        for (name, actual) in cases {
            let reference = try ResampleFixtures.image(name)
            #expect(ResampleFixtures.psnr(actual, reference) >= 40, "\(name)")
        }
    }
}
