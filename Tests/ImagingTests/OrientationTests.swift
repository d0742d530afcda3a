import Imaging
import TestSupport
import Testing

/// EXIF orientation: parsing (both byte orders, malformed data) and applying all eight values.
@Suite struct OrientationTests {
    static let numbers = Array(0...8)

    /// Every Landscape_N displays as 1800×1200 and every Portrait_N as 1200×1800, showing the same
    /// upright picture as N = 1 (each file was JPEG-encoded separately, so compare loosely).
    @Test(arguments: ["Landscape", "Portrait"], numbers)
    func exifSetDisplaysUpright(_ kind: String, _ number: Int) throws {
        let options = DecodingOptions(minimumSize: Size(width: 200, height: 200))  // 1/4 scale: fast
        let reference = try Image(decoding: Corpus.bytes("exif-orientation/\(kind)_1.jpg"), options: options)
        let image = try Image(decoding: Corpus.bytes("exif-orientation/\(kind)_\(number).jpg"), options: options)
        #expect(image.size == (kind == "Landscape" ? Size(width: 450, height: 300) : Size(width: 300, height: 450)))
        #expect(image.size == reference.size)
        let difference = meanAbsoluteDifference(image.pixels, reference.pixels)
        #expect(difference < 3, "mean absolute difference \(difference)")
    }

    @Test func fullSizeDecodeIsOrientedToo() throws {
        let image = try Image(decoding: Corpus.bytes("exif-orientation/Portrait_8.jpg"))
        #expect(image.size == Size(width: 1200, height: 1800))
    }

    @Test func orientationCanBeLeftAlone() throws {
        let options = DecodingOptions(appliesOrientation: false, minimumSize: Size(width: 1, height: 1))
        let image = try Image(decoding: Corpus.bytes("exif-orientation/Landscape_6.jpg"), options: options)
        #expect(image.size == Size(width: 150, height: 225))
    }

    /// On a 3×2 image with distinct pixels, each orientation moves pixels where EXIF says.
    @Test func applyingEachOrientation() throws {
        // 0 1 2
        // 3 4 5
        let image = try Image(width: 3, height: 2, pixelFormat: .gray, pixels: [0, 1, 2, 3, 4, 5])
        let expected: [Orientation: (Int, Int, [UInt8])] = [
            .up: (3, 2, [0, 1, 2, 3, 4, 5]),
            .upMirrored: (3, 2, [2, 1, 0, 5, 4, 3]),
            .down: (3, 2, [5, 4, 3, 2, 1, 0]),
            .downMirrored: (3, 2, [3, 4, 5, 0, 1, 2]),
            .leftMirrored: (2, 3, [0, 3, 1, 4, 2, 5]),
            .right: (2, 3, [3, 0, 4, 1, 5, 2]),
            .rightMirrored: (2, 3, [5, 2, 4, 1, 3, 0]),
            .left: (2, 3, [2, 5, 1, 4, 0, 3]),
        ]
        for orientation in Orientation.allCases {
            let oriented = image.applyingOrientation(orientation)
            let (width, height, pixels) = try #require(expected[orientation])
            #expect(oriented.size == Size(width: width, height: height), "\(orientation)")
            #expect(oriented.pixels == pixels, "\(orientation)")
        }
    }

    @Test(arguments: PixelFormat.allCases)
    func everyPixelFormatKeepsItsChannelsTogether(_ format: PixelFormat) throws {
        let channels = format.channelCount
        let pixels = (0..<6 * channels).map { UInt8($0) }
        let image = try Image(width: 3, height: 2, pixelFormat: format, pixels: pixels)
        let rotated = image.applyingOrientation(.right)
        // Display (0,0) is stored (0,1): pixel 3.
        #expect(Array(rotated.pixels.prefix(channels)) == Array(pixels[3 * channels..<4 * channels]))
        #expect(rotated.applyingOrientation(.left) == image)
    }

    @Test func outOfRangeValuesAreUp() {
        #expect(Orientation(exifValue: 0) == .up)
        #expect(Orientation(exifValue: 9) == .up)
        #expect(Orientation(exifValue: 6) == .right)
        #expect(Orientation.right.transposesAxes)
        #expect(!Orientation.downMirrored.transposesAxes)
    }

    @Test(arguments: [true, false], [3, 4])
    func exifIsReadInBothByteOrders(_ bigEndian: Bool, _ type: Int) throws {
        let jpeg = CraftedEXIF.jpeg(tiff: CraftedEXIF.tiff(orientation: 6, bigEndian: bigEndian, type: type))
        let info = try ImageInfo(probing: jpeg)
        #expect(info.orientation == .right)
        #expect(info.displaySize == Size(width: 20, height: 30))
    }

    /// Malformed EXIF never fails the probe and never crashes: the orientation is just `.up`.
    @Test(arguments: [
        [UInt8](),
        Array("MM\0*".utf8),
        Array("MM\0*".utf8) + [0x7F, 0xFF, 0xFF, 0xFF],  // IFD offset far outside
        Array("MM\0*".utf8) + [0, 0, 0, 8, 0xFF, 0xFF],  // 65535 entries, none present
        Array("XX\0*".utf8) + [0, 0, 0, 8, 0, 0],
        Array("II*\0".utf8) + [8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0],  // entry cut short
    ])
    func malformedExifIsIgnored(_ tiff: [UInt8]) throws {
        let info = try ImageInfo(probing: CraftedEXIF.jpeg(tiff: tiff))
        #expect(info.orientation == .up)
        #expect(info.size == Size(width: 30, height: 20))
    }
}

/// A JPEG header (SOI, APP1 Exif, SOF0 30×20) around a given TIFF structure.
enum CraftedEXIF {
    static func tiff(orientation: Int, bigEndian: Bool, type: Int) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] {
            bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)]
        }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? [0, 0] + u16(v) : u16(v) + [0, 0] }
        var bytes: [UInt8] = bigEndian ? Array("MM\0*".utf8) : Array("II*\0".utf8)
        bytes += u32(8) + u16(2)
        bytes += u16(0x010F) + u16(2) + u32(4) + Array("Cam\0".utf8)  // Make, inline
        bytes += u16(0x0112) + u16(type) + u32(1) + (type == 4 ? u32(orientation) : u16(orientation) + [0, 0])
        bytes += u32(0)
        return bytes
    }

    static func jpeg(tiff: [UInt8]) -> [UInt8] {
        let payload = Array("Exif\0\0".utf8) + tiff
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1] + CraftedImages.bigEndian16(payload.count + 2) + payload
        bytes += [0xFF, 0xC0, 0x00, 17, 8, 0, 20, 0, 30, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        return bytes
    }
}
