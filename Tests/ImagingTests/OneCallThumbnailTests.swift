import Imaging
import TestSupport
import Testing

/// `Image(thumbnailOf:fitting:)` and `Image(thumbnailOf:filling:)`: the upload fast path.
@Suite struct OneCallThumbnailTests {
    @Test(arguments: Corpus.entries { $0.expected == "decode" && $0.displayWidth != nil })
    func sizeFollowsPillowsRuleOnTheDisplayedSize(_ entry: Corpus.Entry) throws {
        let bytes = try Corpus.bytes(entry.path)
        let displayed = Size(width: try #require(entry.displayWidth), height: try #require(entry.displayHeight))
        let box = Size(width: 100, height: 60)
        let thumb = try Image(thumbnailOf: bytes, fitting: box)
        #expect(thumb.size == displayed.thumbnailSize(fitting: box))
    }

    @Test(arguments: [
        "exif-orientation/Landscape_5.jpg", "exif-orientation/Portrait_7.jpg",
        "libjpeg-turbo/testorig.jpg", "jpeg-misc/ycck.jpg", "pngsuite/basn6a08.png",
    ])
    func matchesFullDecodeThenThumbnail(_ path: String) throws {
        // DCT-scaled decode + fractional extent + orientation last must look like the exact path.
        let bytes = try Corpus.bytes(path)
        let box = Size(square: 64)
        let fast = try Image(thumbnailOf: bytes, fitting: box)
        let exact = try Image(decoding: bytes).thumbnail(fitting: box, reducingGap: nil)
        #expect(fast.size == exact.size)
        #expect(fast.pixelFormat == exact.pixelFormat)
        #expect(psnr(fast.pixels, exact.pixels) > 30, "\(path)")
    }

    @Test func withoutAReducingGapItIsTheExactPath() throws {
        let bytes = try Corpus.bytes("exif-orientation/Landscape_2.jpg")
        let exact = try Image(decoding: bytes).thumbnail(fitting: Size(square: 90), reducingGap: nil)
        #expect(try Image(thumbnailOf: bytes, fitting: Size(square: 90), reducingGap: nil) == exact)
    }

    @Test func imagesThatFitAreReturnedWhole() throws {
        let bytes = try Corpus.bytes("libjpeg-turbo/testorig.jpg")
        #expect(try Image(thumbnailOf: bytes, fitting: Size(square: 1000)) == Image(decoding: bytes))
    }

    @Test(arguments: [Size(square: 50), Size(width: 120, height: 30), Size(width: 20, height: 200)])
    func fillingGivesExactlyTheBoxLikeImageOpsFit(_ box: Size) throws {
        let bytes = try Corpus.bytes("exif-orientation/Portrait_6.jpg")
        let fast = try Image(thumbnailOf: bytes, filling: box)
        let exact = try Image(decoding: bytes).filled(to: box)
        #expect(fast.size == box)
        #expect(psnr(fast.pixels, exact.pixels) > 28)
    }

    @Test func orientationCanBeLeftAlone() throws {
        let bytes = try Corpus.bytes("exif-orientation/Landscape_6.jpg")  // stored 1200×1800
        let thumb = try Image(thumbnailOf: bytes, fitting: Size(square: 180), options: .init(appliesOrientation: false))
        #expect(thumb.size == Size(width: 120, height: 180))
    }

    @Test func limitsAndArgumentsAreChecked() throws {
        let bytes = try Corpus.bytes("exif-orientation/Landscape_1.jpg")
        #expect(throws: ImagingError.tooManyPixels(width: 1800, height: 1200, limit: 1000)) {
            try Image(thumbnailOf: bytes, fitting: Size(square: 10), options: .init(maximumPixelCount: 1000))
        }
        #expect(throws: ImagingError.self) { try Image(thumbnailOf: bytes, fitting: Size(width: 0, height: 5)) }
        #expect(throws: ImagingError.self) { try Image(thumbnailOf: bytes, fitting: Size(square: 5), reducingGap: 0.5) }
        #expect(throws: ImagingError.self) { try Image(thumbnailOf: [UInt8](), fitting: Size(square: 5)) }
    }
}
