import Foundation
import Imaging
import TestSupport
import Testing

/// Orientation stored in a PNG, in the three forms Pillow reads: the `eXIf` chunk, ImageMagick's
/// `Raw profile type exif` text (zTXt) and XMP's `tiff:Orientation` (iTXt). Each fixture stores a
/// 170×256 picture with orientation 6; shown upright it is `orientation-none.png`, 256×170.
@Suite struct PNGOrientationTests {
    static let oriented = ["orientation-exif.png", "orientation-raw-profile.png", "orientation-xmp.png"]

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Corpus.fixture("colour/\(name)")))
    }

    @Test(arguments: oriented)
    func probeReportsTheOrientation(_ name: String) throws {
        let info = try ImageInfo(probing: Self.fixture(name))
        #expect(info.size == Size(width: 170, height: 256))
        #expect(info.orientation == .right)
        #expect(info.displaySize == Size(width: 256, height: 170))
    }

    /// Rotation is lossless, so the upright decode equals the upright file exactly.
    @Test(arguments: oriented)
    func decodingTurnsThePictureUpright(_ name: String) throws {
        let upright = try Image(decoding: Self.fixture("orientation-none.png"))
        let image = try Image(decoding: Self.fixture(name))
        #expect(image.size == Size(width: 256, height: 170))
        #expect(image == upright)
        let stored = try Image(decoding: Self.fixture(name), options: DecodingOptions(appliesOrientation: false))
        #expect(stored == (try Image(decoding: Self.fixture("orientation-stored.png"))))
    }

    /// The measurement: a 256-px thumbnail of the eXIf PNG is 256×170, not 170×256.
    @Test(arguments: oriented)
    func thumbnailsAreUpright(_ name: String) throws {
        let bytes = try Self.fixture(name)
        #expect(try Image(thumbnailOf: bytes, fitting: Size(square: 256)).size == Size(width: 256, height: 170))
        #expect(try Image(thumbnailOf: bytes, fitting: Size(square: 128)).size == Size(width: 128, height: 85))
        // Resampled in stored orientation, the two 8-bit passes run in the other order, each rounding
        // on its own: a few levels apart at edges, the same on average.
        let reference = try Image(
            thumbnailOf: Self.fixture("orientation-none.png"), filling: Size(width: 100, height: 50))
        let filled = try Image(thumbnailOf: bytes, filling: Size(width: 100, height: 50))
        #expect(filled.size == reference.size)
        #expect(maximumDifference(filled.pixels, reference.pixels) <= 3)
        #expect(meanAbsoluteDifference(filled.pixels, reference.pixels) < 0.5)
    }

    @Test func plainPNGsStayAsStored() throws {
        let info = try ImageInfo(probing: Self.fixture("orientation-stored.png"))
        #expect(info.orientation == .up)
        #expect(try Image(decoding: Self.fixture("orientation-stored.png")).size == Size(width: 170, height: 256))
    }
}
