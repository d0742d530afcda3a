import Foundation
import Imaging
import TestSupport
import Testing

/// Scenes with one subject off-centre, so that the centre crop misses it and a subject crop must not.
enum CropScene {
    /// A `width`×`height` RGB image of `background`, with a `subject`-coloured disc of `radius` at
    /// (`cx`, `cy`), textured (alternating shades) so it has both edges and entropy.
    static func disc(
        width: Int, height: Int, cx: Int, cy: Int, radius: Int, subject: (UInt8, UInt8, UInt8) = (224, 172, 140),
        background: (UInt8, UInt8, UInt8) = (70, 90, 110)
    ) -> Image {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius
                let shade: Int = inside && (x / 3 + y / 3) % 2 == 0 ? -30 : 0
                let colour = inside ? subject : background
                let index = (y * width + x) * 3
                pixels[index] = UInt8(max(0, Int(colour.0) + shade))
                pixels[index + 1] = UInt8(max(0, Int(colour.1) + shade))
                pixels[index + 2] = UInt8(max(0, Int(colour.2) + shade))
            }
        }
        return try! Image(width: width, height: height, pixelFormat: .rgb, pixels: pixels)
    }

    /// The share of `image`'s pixels within `tolerance` of `colour` (either shade of the disc).
    static func share(of colour: (UInt8, UInt8, UInt8), in image: Image, tolerance: Int = 40) -> Double {
        var count = 0
        for index in 0..<(image.width * image.height) {
            let r = Int(image.pixels[index * 3])
            let g = Int(image.pixels[index * 3 + 1])
            let b = Int(image.pixels[index * 3 + 2])
            if abs(r - Int(colour.0)) <= tolerance, abs(g - Int(colour.1)) <= tolerance,
                abs(b - Int(colour.2)) <= tolerance
            {
                count += 1
            }
        }
        return Double(count) / Double(image.width * image.height)
    }
}

@Suite("Crops that keep the subject")
struct CropStrategyTests {
    static let skin: (UInt8, UInt8, UInt8) = (224, 172, 140)

    @Test("A focal point outside 0…1 is refused when made", arguments: [(-0.1, 0.5), (0.5, 1.01), (.nan, 0.5)])
    func focalPointRange(x: Double, y: Double) {
        #expect(throws: ImagingError.self) { try CropStrategy.focalPoint(x: x, y: y) }
    }

    @Test("Names, for fingerprints and configuration")
    func names() throws {
        #expect(CropStrategy.centre.description == "centre")
        #expect(CropStrategy.entropy.description == "entropy")
        #expect(CropStrategy.attention.description == "attention")
        #expect(try CropStrategy.focalPoint(x: 0.25, y: 1).description == "focal(0.25,1.0)")
        #expect(try CropStrategy.focalPoint(x: 0.25, y: 1).focalPoint! == (0.25, 1))
    }

    @Test("The centre crop is today's fill, pixel for pixel")
    func centreIsTheOldFill() throws {
        let image = CropScene.disc(width: 300, height: 100, cx: 250, cy: 50, radius: 40)
        #expect(try image.filled(to: Size(square: 50), crop: .centre) == image.filled(to: Size(square: 50)))
    }

    @Test(
        "Each strategy finds a subject on the right; the centre crop misses it",
        arguments: [
            CropStrategy.entropy, .attention, try! .focalPoint(x: 0.85, y: 0.5),
        ])
    func subjectOnTheRight(strategy: CropStrategy) throws {
        let image = CropScene.disc(width: 300, height: 100, cx: 250, cy: 50, radius: 40)
        let centre = try image.filled(to: Size(square: 64), crop: .centre)
        let kept = try image.filled(to: Size(square: 64), crop: strategy)
        #expect(CropScene.share(of: Self.skin, in: centre) < 0.05)
        #expect(CropScene.share(of: Self.skin, in: kept) > 0.3, "\(strategy)")
    }

    @Test("Portrait sources: the subject near the top is kept", arguments: [CropStrategy.entropy, .attention])
    func subjectAtTheTop(strategy: CropStrategy) throws {
        let image = CropScene.disc(width: 120, height: 400, cx: 60, cy: 60, radius: 45)
        let kept = try image.filled(to: Size(width: 60, height: 60), crop: strategy)
        #expect(CropScene.share(of: Self.skin, in: kept) > 0.3, "\(strategy)")
    }

    @Test("A source already of the box's aspect is only scaled", arguments: [CropStrategy.entropy, .attention])
    func sameAspect(strategy: CropStrategy) throws {
        let image = CropScene.disc(width: 200, height: 100, cx: 150, cy: 50, radius: 30)
        #expect(
            try image.filled(to: Size(width: 100, height: 50), crop: strategy)
                == image.filled(to: Size(width: 100, height: 50)))
    }

    @Test("Tiny and flat images do not trip the rules", arguments: [CropStrategy.entropy, .attention])
    func degenerate(strategy: CropStrategy) throws {
        let flat = try Image(width: 7, height: 1, pixelFormat: .gray, pixels: [UInt8](repeating: 128, count: 7))
        #expect(try flat.filled(to: Size(square: 1), crop: strategy).size == Size(square: 1))
        let upscaled = CropScene.disc(width: 3, height: 2, cx: 2, cy: 1, radius: 1)
        #expect(try upscaled.filled(to: Size(square: 40), crop: strategy).size == Size(square: 40))
    }

    @Test(
        "The pipeline crops at the subject, from the DCT-scaled decode",
        arguments: [
            CropStrategy.entropy, .attention, try! .focalPoint(x: 0.85, y: 0.5),
        ])
    func pipeline(strategy: CropStrategy) throws {
        let scene = CropScene.disc(width: 2400, height: 800, cx: 2000, cy: 400, radius: 300)
        let jpeg = try scene.encoded(as: .jpeg(quality: 92))
        var offset = 0
        let read = { (count: Int) -> [UInt8] in
            defer { offset = min(jpeg.count, offset + count) }
            return Array(jpeg[offset..<min(jpeg.count, offset + count)])
        }
        let set = try Image.thumbnails(
            reading: read,
            shapes: [
                ThumbnailShape(fills: true, box: Size(square: 64), filter: .bicubic, crop: strategy),
                ThumbnailShape(fills: true, box: Size(square: 64), filter: .bicubic),
            ])
        // 128 pixels across the 800-pixel crop (reducing gap 2) need 1/4: never the full size.
        #expect(set.decodedSize == Size(width: 600, height: 200))
        #expect(CropScene.share(of: Self.skin, in: set.images[0]) > 0.3, "\(strategy)")
        #expect(CropScene.share(of: Self.skin, in: set.images[1]) < 0.05)
    }

    @Test("A focal point is in displayed coordinates, whatever the EXIF orientation", arguments: 1...8)
    func focalPointFollowsOrientation(orientation: Int) throws {
        // The corpus images show the same picture in every orientation.
        func render(_ name: String) throws -> Image {
            let bytes = try Corpus.bytes("exif-orientation/\(name)")
            var offset = 0
            let read = { (count: Int) -> [UInt8] in
                defer { offset = min(bytes.count, offset + count) }
                return Array(bytes[offset..<min(bytes.count, offset + count)])
            }
            let shape = ThumbnailShape(
                fills: true, box: Size(square: 48), filter: .bicubic, crop: try .focalPoint(x: 0.1, y: 0.9))
            return try Image.thumbnails(reading: read, shapes: [shape]).images[0]
        }
        let upright = try render("Landscape_1.jpg")
        let oriented = try render("Landscape_\(orientation).jpg")
        #expect(oriented.size == upright.size)
        let difference = zip(oriented.pixels, upright.pixels).map { abs(Int($0) - Int($1)) }
        #expect(Double(difference.reduce(0, +)) / Double(difference.count) < 8)
    }
}

/// libvips' attention windows, recorded by `Tests/Fixtures/crops/make_attention_windows.py`.
struct AttentionWindow: CustomTestStringConvertible, Sendable {
    var file: String
    var box: Size
    var left: Double
    var top: Double
    var testDescription: String { "\(file) \(box)" }

    static let recorded: [AttentionWindow] = {
        guard let text = try? String(contentsOf: Corpus.fixture("crops/windows.tsv"), encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count == 5, let width = Int(fields[1]), let height = Int(fields[2]),
                let left = Double(fields[3]), let top = Double(fields[4])
            else { return nil }
            return AttentionWindow(
                file: String(fields[0]), box: Size(width: width, height: height), left: left, top: top)
        }
    }()
}

@Suite("The attention crop against libvips'")
struct AttentionAgainstLibvipsTests {
    @Test("The recorded windows are there")
    func recorded() {
        #expect(AttentionWindow.recorded.count >= 9)
    }

    @Test("The window lands within 10 % of libvips' (of the side it slides along)", arguments: AttentionWindow.recorded)
    func withinTenPercent(_ expected: AttentionWindow) throws {
        let bytes = [UInt8](try Data(contentsOf: Corpus.repositoryRoot.appendingPathComponent(expected.file)))
        var options = DecodingOptions.default
        options.minimumSize = Size(square: 512)  // as the pipeline: a DCT-scaled decode
        let image = try Image(decoding: bytes, options: options)
        let window = try image.fillRegion(for: expected.box, crop: .attention)
        let left = window.x / Double(image.width)
        let top = window.y / Double(image.height)
        #expect(abs(left - expected.left) <= 0.10, "left \(left) against libvips' \(expected.left)")
        #expect(abs(top - expected.top) <= 0.10, "top \(top) against libvips' \(expected.top)")
    }
}
