import Imaging
import TestSupport
import Testing

/// Exact behaviour of the resizing API: sizes, identities, edges, errors.
@Suite("Resampling behaviour")
struct ResampleBehaviourTests {
    /// A deterministic, non-flat test image.
    static func pattern(_ size: Size, _ format: PixelFormat) throws -> Image {
        let count = size.width * size.height * format.channelCount
        let samples = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ ($0 / 7) &* 11) }
        return try Image(width: size.width, height: size.height, pixelFormat: format, pixels: samples)
    }

    @Test("Resizing to the same size returns identical pixels", arguments: ResamplingFilter.allCases)
    func identity(filter: ResamplingFilter) throws {
        for format in PixelFormat.allCases {
            let image = try Self.pattern(Size(width: 13, height: 7), format)
            #expect(try image.resized(to: image.size, filter: filter) == image, "\(format)")
            #expect(try image.resized(to: image.size, filter: filter, reducingGap: 2) == image, "\(format)")
        }
    }

    @Test("Every pixel format resizes", arguments: PixelFormat.allCases, ResamplingFilter.allCases)
    func everyFormat(format: PixelFormat, filter: ResamplingFilter) throws {
        let image = try Self.pattern(Size(width: 40, height: 30), format)
        let smaller = try image.resized(to: Size(width: 17, height: 9), filter: filter)
        #expect(smaller.size == Size(width: 17, height: 9))
        #expect(smaller.pixelFormat == format)
        #expect(smaller.pixels.count == 17 * 9 * format.channelCount)
        let larger = try image.resized(to: Size(width: 61, height: 45), filter: filter)
        #expect(larger.size == Size(width: 61, height: 45))
    }

    @Test("A flat image stays flat at any scale", arguments: ResamplingFilter.allCases)
    func flat(filter: ResamplingFilter) throws {
        let pixel: [UInt8] = [200, 13, 77]
        let image = try Image(
            width: 31, height: 17, pixelFormat: .rgb, pixels: [[UInt8]](repeating: pixel, count: 31 * 17).flatMap { $0 }
        )
        for size in [Size(width: 7, height: 5), Size(width: 90, height: 3), Size(width: 1, height: 1)] {
            let resized = try image.resized(to: size, filter: filter)
            let expected = [[UInt8]](repeating: pixel, count: size.width * size.height).flatMap { $0 }
            #expect(resized.pixels == expected)
        }
    }

    @Test func onePixelImages() throws {
        let dot = try Image(width: 1, height: 1, pixelFormat: .rgba, pixels: [10, 20, 30, 255])
        for filter in ResamplingFilter.allCases {
            let big = try dot.resized(to: Size(width: 5, height: 3), filter: filter)
            let expected: [UInt8] = [[UInt8]](repeating: [10, 20, 30, 255], count: 15).flatMap { $0 }
            #expect(big.pixels == expected, "\(filter)")
        }
        let column = try Self.pattern(Size(width: 1, height: 50), .gray)
        #expect(try column.resized(to: Size(width: 1, height: 10)).size == Size(width: 1, height: 10))
        #expect(try column.resized(to: Size(width: 4, height: 1), filter: .lanczos).size == Size(width: 4, height: 1))
        let row = try Self.pattern(Size(width: 50, height: 1), .grayAlpha)
        #expect(try row.resized(to: Size(width: 1, height: 1), filter: .box).size == Size(width: 1, height: 1))
    }

    @Test("Random sizes, regions, filters and gaps give the requested size")
    func randomised() throws {
        var generator = SplitMix64(seed: "ResampleBehaviourTests.randomised")
        func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &generator) }
        for _ in 0..<300 {
            let format = PixelFormat.allCases[next(4)]
            let size = Size(width: 1 + next(40), height: 1 + next(40))
            let image = try Self.pattern(size, format)
            let target = Size(width: 1 + next(60), height: 1 + next(60))
            let x = Double(next(size.width * 4)) / 4
            let y = Double(next(size.height * 4)) / 4
            let region = Region(
                x: x, y: y, width: max(0.25, (Double(size.width) - x) * Double(1 + next(4)) / 4),
                height: max(0.25, (Double(size.height) - y) * Double(1 + next(4)) / 4))
            let filter = ResamplingFilter.allCases[next(6)]
            let gap: Double? = next(2) == 0 ? nil : 1 + Double(next(3))
            let fits = region.maxX <= Double(size.width) && region.maxY <= Double(size.height)
            if fits {
                let resized = try image.resized(to: target, from: region, filter: filter, reducingGap: gap)
                #expect(
                    resized.size == target
                        && resized.pixels.count == target.width * target.height
                            * format.channelCount
                )
            } else {
                #expect(throws: ImagingError.self) { try image.resized(to: target, from: region, filter: filter) }
            }
            let thumbnail = try image.thumbnail(fitting: target, filter: filter, reducingGap: gap)
            #expect(thumbnail.size == size.thumbnailSize(fitting: target))
            #expect(try image.filled(to: target, filter: filter).size == target)
            #expect(try image.padded(to: target, filter: filter).size == target)
        }
    }

    @Test func boxDownscaleByTwoAveragesPairs() throws {
        let image = try Image(width: 4, height: 1, pixelFormat: .gray, pixels: [0, 10, 100, 201])
        #expect(try image.resized(to: Size(width: 2, height: 1), filter: .box).pixels == [5, 151])
    }

    @Test func transparentPixelsDoNotDarkenTheirNeighbours() throws {
        // Opaque white beside transparent black: straight-alpha averaging would give grey.
        let image = try Image(width: 2, height: 1, pixelFormat: .rgba, pixels: [255, 255, 255, 255, 0, 0, 0, 0])
        let merged = try image.resized(to: Size(width: 1, height: 1), filter: .box)
        #expect(merged.pixels == [255, 255, 255, 128])
    }

    @Test func invalidSizesAndRegionsThrow() throws {
        let image = try Self.pattern(Size(width: 10, height: 10), .rgb)
        #expect(throws: ImagingError.self) { try image.resized(to: Size(width: 0, height: 5)) }
        #expect(throws: ImagingError.self) { try image.resized(to: Size(width: -1, height: 5)) }
        #expect(throws: ImagingError.self) { try image.resized(to: Size(width: 100_000, height: 100_000)) }
        #expect(throws: ImagingError.self) { try image.resized(to: Size(width: 2_000_000, height: 1)) }
        #expect(throws: ImagingError.self) {
            try image.resized(to: Size(square: 5), from: Region(x: 5, y: 5, width: 6, height: 1))
        }
        #expect(throws: ImagingError.self) {
            try image.resized(to: Size(square: 5), from: Region(x: -0.5, y: 0, width: 5, height: 5))
        }
        #expect(throws: ImagingError.self) {
            try image.resized(to: Size(square: 5), from: Region(x: 0, y: 0, width: 0, height: 5))
        }
        #expect(throws: ImagingError.self) {
            try image.resized(to: Size(square: 5), from: Region(x: .nan, y: 0, width: 1, height: 5))
        }
        #expect(throws: ImagingError.self) { try image.resized(to: Size(square: 5), reducingGap: 0.5) }
        #expect(throws: ImagingError.self) { try image.reduced(by: 0) }
        #expect(throws: ImagingError.self) { try image.thumbnail(fitting: Size(width: 0, height: 10)) }
        #expect(throws: ImagingError.self) { try image.filled(to: Size(width: 10, height: 0)) }
        #expect(throws: ImagingError.self) { try image.contained(in: Size(width: 0, height: 10)) }
    }

    @Test func cropCopiesTheRectangle() throws {
        let image = try Self.pattern(Size(width: 6, height: 5), .grayAlpha)
        let crop = try image.cropped(to: Rect(x: 2, y: 1, width: 3, height: 2))
        #expect(crop.size == Size(width: 3, height: 2))
        var expected: [UInt8] = []
        for y in 1...2 {
            let rowStart = y * 6 * 2
            expected += image.pixels[(rowStart + 2 * 2)..<(rowStart + 5 * 2)]
        }
        #expect(crop.pixels == expected)
        #expect(try image.cropped(to: Rect(size: image.size)) == image)
    }

    @Test(
        "Crops outside the image or empty throw",
        arguments: [
            Rect(x: -1, y: 0, width: 2, height: 2), Rect(x: 0, y: -1, width: 2, height: 2),
            Rect(x: 5, y: 0, width: 2, height: 2), Rect(x: 0, y: 4, width: 2, height: 2),
            Rect(x: 0, y: 0, width: 0, height: 2), Rect(x: 0, y: 0, width: 2, height: -1),
            Rect(x: 1, y: 1, width: Int.max, height: 1),
        ])
    func cropBounds(rect: Rect) throws {
        let image = try Self.pattern(Size(width: 6, height: 5), .rgb)
        #expect(throws: ImagingError.self) { try image.cropped(to: rect) }
    }

    @Test func regionResizeEqualsCropThenResize() throws {
        let image = try Self.pattern(Size(width: 40, height: 30), .rgb)
        let rect = Rect(x: 5, y: 3, width: 20, height: 21)
        let direct = try image.resized(to: Size(width: 9, height: 7), from: Region(rect), filter: .lanczos)
        // Not equal in general (the crop drops neighbours the kernel would read);
        // equal for a filter whose support stays inside the region: box at integer scale.
        let boxDirect = try image.resized(to: Size(width: 10, height: 7), from: Region(rect), filter: .box)
        let boxCropped = try image.cropped(to: rect).resized(to: Size(width: 10, height: 7), filter: .box)
        #expect(boxDirect == boxCropped)
        #expect(direct.size == Size(width: 9, height: 7))
    }

    @Test func thumbnailNeverUpscalesAndKeepsAspect() throws {
        let image = try Self.pattern(Size(width: 60, height: 40), .rgb)
        #expect(try image.thumbnail(fitting: Size(square: 100)) == image)
        #expect(try image.thumbnail(fitting: Size(width: 60, height: 40)) == image)
        #expect(try image.thumbnail(fitting: Size(square: 30)).size == Size(width: 30, height: 20))
        #expect(try image.thumbnail(fitting: Size(square: 30), reducingGap: nil).size == Size(width: 30, height: 20))
    }

    @Test func reduceRoundsTheSizeUp() throws {
        let image = try Self.pattern(Size(width: 10, height: 7), .rgb)
        #expect(try image.reduced(by: 3).size == Size(width: 4, height: 3))
        #expect(try image.reduced(byX: 4, y: 1).size == Size(width: 3, height: 7))
        #expect(try image.reduced(by: 1) == image)
        let gray = try Image(width: 3, height: 1, pixelFormat: .gray, pixels: [10, 20, 200])
        // The full block averages two pixels, the edge block only its one.
        #expect(try gray.reduced(by: 2).pixels == [15, 200])
    }

    struct ContainCase: Sendable, CustomTestStringConvertible {
        var image: Size
        var box: Size
        var contained: Size
        var padOffset: (x: Int, y: Int)
        var testDescription: String { "\(image) in \(box)" }
    }

    /// Sizes and pad offsets from Pillow 13's `ImageOps.contain` / `ImageOps.pad`.
    static let containCases = [
        ContainCase(
            image: Size(width: 450, height: 300), box: Size(square: 100), contained: Size(width: 100, height: 67),
            padOffset: (0, 16)),
        ContainCase(
            image: Size(width: 300, height: 450), box: Size(square: 100), contained: Size(width: 67, height: 100),
            padOffset: (16, 0)),
        ContainCase(
            image: Size(width: 5, height: 2), box: Size(square: 4), contained: Size(width: 4, height: 2),
            padOffset: (0, 1)),
        ContainCase(
            image: Size(width: 101, height: 50), box: Size(width: 25, height: 100),
            contained: Size(width: 25, height: 12), padOffset: (0, 44)),
        ContainCase(
            image: Size(width: 640, height: 480), box: Size(square: 1280), contained: Size(width: 1280, height: 960),
            padOffset: (0, 160)),
        ContainCase(
            image: Size(width: 100, height: 50), box: Size(width: 40, height: 20),
            contained: Size(width: 40, height: 20), padOffset: (0, 0)),
        // Python's round: ties to even (offset 2.5 → 2, side 2.5 → 2, side 3.5 → 4).
        ContainCase(
            image: Size(width: 100, height: 50), box: Size(square: 10), contained: Size(width: 10, height: 5),
            padOffset: (0, 2)),
        ContainCase(
            image: Size(width: 4, height: 1), box: Size(square: 10), contained: Size(width: 10, height: 2),
            padOffset: (0, 4)),
        ContainCase(
            image: Size(width: 4, height: 1), box: Size(square: 14), contained: Size(width: 14, height: 4),
            padOffset: (0, 5)),
        ContainCase(
            image: Size(width: 7, height: 3), box: Size(square: 5), contained: Size(width: 5, height: 2),
            padOffset: (0, 2)),
    ]

    @Test("contained(in:) and padded(to:) size and place like Pillow", arguments: containCases)
    func containAndPad(_ item: ContainCase) throws {
        let colour: [UInt8] = [10, 20, 30]
        let image = try Image(
            width: item.image.width, height: item.image.height, pixelFormat: .rgb,
            pixels: [[UInt8]](repeating: colour, count: item.image.width * item.image.height).flatMap { $0 })
        #expect(try image.contained(in: item.box).size == item.contained)
        let padded = try image.padded(to: item.box, background: Color(red: 255, green: 0, blue: 0))
        #expect(padded.size == item.box)
        // The first pixel of the image's colour, scanning rows, is the paste offset.
        let pixelCount = item.box.width * item.box.height
        let first = (0..<pixelCount).first { Array(padded.pixels[($0 * 3)..<($0 * 3 + 3)]) == colour }
        #expect(first.map { $0 % item.box.width } == item.padOffset.x)
        #expect(first.map { $0 / item.box.width } == item.padOffset.y)
    }

    @Test func containRoundingToZeroKeepsOnePixel() throws {
        // Pillow returns an empty 0×10 image here; we keep a 1-pixel column.
        let image = try Self.pattern(Size(width: 3, height: 1000), .gray)
        #expect(try image.contained(in: Size(square: 10)).size == Size(width: 1, height: 10))
    }

    @Test func fillAlwaysHasTheRequestedSize() throws {
        let image = try Self.pattern(Size(width: 45, height: 30), .rgba)
        for size in [Size(square: 20), Size(width: 100, height: 10), Size(width: 3, height: 90), Size(square: 1)] {
            #expect(try image.filled(to: size).size == size)
            #expect(try image.filled(to: size, centering: (0, 1)).size == size)
            #expect(try image.filled(to: size, centering: (7, -1)) == image.filled(to: size))
        }
    }

    @Test func fillCentringPicksTheSide() throws {
        // Left half black, right half white: a square fill from the left is black.
        let row: [UInt8] = (0..<20).map { $0 < 10 ? 0 : 255 }
        let image = try Image(
            width: 20, height: 10, pixelFormat: .gray, pixels: [[UInt8]](repeating: row, count: 10).flatMap { $0 })
        #expect(try image.filled(to: Size(square: 5), filter: .box, centering: (0, 0.5)).pixels.allSatisfy { $0 == 0 })
        #expect(
            try image.filled(to: Size(square: 5), filter: .box, centering: (1, 0.5)).pixels.allSatisfy { $0 == 255 })
    }

    @Test func colourSamplesPerFormat() {
        let colour = Color(red: 255, green: 128, blue: 0, alpha: 64)
        #expect(colour.samples(in: .rgba) == [255, 128, 0, 64])
        #expect(colour.samples(in: .rgb) == [255, 128, 0])
        #expect(colour.samples(in: .gray) == [151])  // Pillow: Image.new("RGB", …, (255,128,0)).convert("L")
        #expect(colour.samples(in: .grayAlpha) == [151, 64])
        #expect(Color.clear.samples(in: .rgba) == [0, 0, 0, 0])
    }
}
