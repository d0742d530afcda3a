import Bridge
import Files
import Foundation
import TestSupport
import Testing

@Suite("Every spec of a set from one decode")
struct ThumbnailSetTests {
    static let shapes = [
        ThumbnailShape(fills: false, box: Size(square: 256), filter: .bicubic),
        ThumbnailShape(fills: true, box: Size(square: 128), filter: .bicubic),
        ThumbnailShape(fills: false, box: Size(square: 1024), filter: .bicubic),
    ]

    /// Reads `bytes` in pieces, counting every byte handed out.
    final class CountingReader {
        let bytes: [UInt8]
        private(set) var offset = 0
        private(set) var calls = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func read(_ count: Int) -> [UInt8] {
            calls += 1
            let end = min(bytes.count, offset + count)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
    }

    @Test func theSourceIsReadOnceAndDecodedAtTheLargestShapesScale() throws {
        let jpeg = try Self.photo(width: 4000, height: 3000)
        let reader = CountingReader(jpeg)
        let set = try Image.thumbnails(reading: reader.read, shapes: Self.shapes)
        // One pass over the data: a second decode would have to read it again.
        #expect(reader.offset == jpeg.count)
        // The 1024 box needs 2048 (reducing gap 2): TurboJPEG's 5/8 gives 2500×1875, never full size.
        #expect(set.decodedSize == Size(width: 2500, height: 1875))
        #expect(
            set.images.map(\.size) == [
                Size(width: 256, height: 192), Size(square: 128), Size(width: 1024, height: 768),
            ])
    }

    @Test func eachThumbnailMatchesTheOneCallPath() throws {
        let jpeg = try Self.photo(width: 2400, height: 1600)
        let set = try Image.thumbnails(reading: CountingReader(jpeg).read, shapes: Self.shapes)
        let alone = [
            try Image(thumbnailOf: jpeg, fitting: Size(square: 256)),
            try Image(thumbnailOf: jpeg, filling: Size(square: 128)),
            try Image(thumbnailOf: jpeg, fitting: Size(square: 1024)),
        ]
        for (together, single) in zip(set.images, alone) {
            #expect(together.size == single.size)
            #expect(together.pixelFormat == single.pixelFormat)
            let difference = zip(together.pixels, single.pixels).map { abs(Int($0) - Int($1)) }
            #expect(Double(difference.reduce(0, +)) / Double(difference.count) < 1.5)
        }
    }

    @Test func orientedAndWholeImagesComeOutAsTheOneCallPathMakesThem() throws {
        let bytes = try Corpus.bytes("exif-orientation/Portrait_6.jpg")
        let shapes = Self.shapes + [ThumbnailShape(fills: false, box: Size(square: 4000), filter: .bicubic)]
        let set = try Image.thumbnails(reading: CountingReader(bytes).read, shapes: shapes)
        #expect(set.images[0].size == (try Image(thumbnailOf: bytes, fitting: Size(square: 256))).size)
        #expect(set.images[3] == (try Image(decoding: bytes)))
    }

    @Test func aPNGIsDecodedOnceToo() throws {
        let bytes = try Corpus.bytes("pngsuite/basn6a08.png")
        let set = try Image.thumbnails(reading: CountingReader(bytes).read, shapes: Self.shapes)
        #expect(set.images.map(\.size) == [Size(square: 32), Size(square: 128), Size(square: 32)])
        #expect(set.images.allSatisfy { $0.pixelFormat == .rgba })
    }

    /// A smooth synthetic photo, encoded as JPEG.
    static func photo(width: Int, height: Int) throws -> [UInt8] {
        let pixels = SyntheticPhoto.rgbPixels(width: width, height: height)
        return try Image(width: width, height: height, pixelFormat: .rgb, pixels: pixels).encoded(
            as: .jpeg(quality: 90))
    }
}
