import Foundation
import Imaging
import TestSupport
import Testing

/// The vectors `Tests/Fixtures/placeholders/make_vectors.py` made with the PyPI `thumbhash` and
/// `blurhash` packages: the same pixels must give the same bytes.
struct PlaceholderVectors: Decodable {
    struct Input: Decodable, CustomTestStringConvertible {
        var file: String
        var width: Int
        var height: Int
        var thumbhash: String?
        var blurhash: [String: String]
        var testDescription: String { file }
    }

    struct Decode: Decodable, CustomTestStringConvertible {
        var blurhash: String
        var width: Int
        var height: Int
        var punch: Double
        var file: String
        var testDescription: String { file }
    }

    var inputs: [Input]
    var decodes: [Decode]

    static let loaded: PlaceholderVectors = {
        let url = Corpus.fixture("placeholders/vectors.json")
        // A missing or broken file must fail the tests, not give them zero cases.
        guard let data = try? Data(contentsOf: url),
            let vectors = try? JSONDecoder().decode(PlaceholderVectors.self, from: data),
            !vectors.inputs.isEmpty, !vectors.decodes.isEmpty
        else { return PlaceholderVectors(inputs: [], decodes: []) }
        return vectors
    }()

    static func image(_ file: String) throws -> Image {
        try Image(decoding: [UInt8](Data(contentsOf: Corpus.fixture("placeholders/" + file))))
    }
}

@Suite("ThumbHash and BlurHash")
struct PlaceholderTests {
    @Test("The vectors are there")
    func vectorsLoaded() {
        #expect(PlaceholderVectors.loaded.inputs.count >= 10)
        #expect(PlaceholderVectors.loaded.decodes.count >= 4)
        #expect(PlaceholderVectors.loaded.inputs.filter { $0.thumbhash != nil }.count >= 9)
    }

    @Test("ThumbHash equals the thumbhash package byte for byte", arguments: PlaceholderVectors.loaded.inputs)
    func thumbHashVector(_ input: PlaceholderVectors.Input) throws {
        let image = try PlaceholderVectors.image(input.file)
        #expect(image.size == Size(width: input.width, height: input.height))
        guard let expected = input.thumbhash else { return }
        let hash = try ThumbHash(encoding: image)
        #expect(Data(hash.bytes).base64EncodedString() == expected)
        #expect(try ThumbHash(bytes: hash.bytes) == hash)
    }

    @Test("BlurHash equals the blurhash package for every component count", arguments: PlaceholderVectors.loaded.inputs)
    func blurHashVector(_ input: PlaceholderVectors.Input) throws {
        let image = try PlaceholderVectors.image(input.file)
        #expect(input.blurhash.count == 5)
        for (components, expected) in input.blurhash {
            let counts = components.split(separator: "x").compactMap { Int($0) }
            let hash = try BlurHash(encoding: image, components: (counts[0], counts[1]))
            #expect(hash.string == expected, "\(components)")
            #expect(try BlurHash(expected) == hash)
            #expect(hash.components == (counts[0], counts[1]))
        }
    }

    @Test("BlurHash decodes to the blurhash package's pixels", arguments: PlaceholderVectors.loaded.decodes)
    func blurHashDecode(_ vector: PlaceholderVectors.Decode) throws {
        let expected = try PlaceholderVectors.image(vector.file)
        let decoded = try BlurHash(vector.blurhash).decoded(
            to: Size(width: vector.width, height: vector.height), punch: vector.punch)
        #expect(decoded.pixelFormat == .rgb)
        #expect(decoded.size == expected.size)
        #expect(decoded.pixels == expected.pixels)
    }

    @Test("A ThumbHash decodes to its colours and aspect ratio")
    func thumbHashDecode() throws {
        let disc = try PlaceholderVectors.image("inputs/disc-90x60.png")
        let hash = try ThumbHash(encoding: disc)
        let preview = hash.decoded()
        #expect(preview.size == Size(width: 32, height: 23))
        #expect(abs(hash.approximateAspectRatio - 1.5) < 0.3)
        #expect(preview.pixelFormat == .rgba)
        // The red disc sits top right: the preview's top-right quarter is redder than its bottom-left.
        func redness(_ x: Int, _ y: Int) -> Int {
            let index = (y * preview.width + x) * 4
            return Int(preview.pixels[index]) - Int(preview.pixels[index + 2])
        }
        #expect(redness(24, 5) > redness(5, 18) + 40)
        let flat = try ThumbHash(encoding: PlaceholderVectors.image("inputs/flat-20x10.png"))
        let average = flat.averageColor
        #expect(
            abs(Int(average.red) - 200) <= 8 && abs(Int(average.green) - 120) <= 8 && abs(Int(average.blue) - 40) <= 8)
        #expect(flat.decoded().pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 })
    }

    @Test("Transparency is kept: alpha in the header, transparent pixels decode transparent")
    func thumbHashAlpha() throws {
        let image = try PlaceholderVectors.image("inputs/alpha-40x30.png")
        let hash = try ThumbHash(encoding: image)
        #expect(hash.hasAlpha)
        let preview = hash.decoded()
        // Alpha rises from left (0) to right (255).
        let left = preview.pixels[(10 * preview.width + 1) * 4 + 3]
        let right = preview.pixels[(10 * preview.width + preview.width - 2) * 4 + 3]
        #expect(left < 60 && right > 200)
    }

    @Test("Bad hashes and arguments are typed errors")
    func badInput() throws {
        #expect(throws: ImagingError.self) { try ThumbHash(bytes: [1, 2, 3]) }
        #expect(throws: ImagingError.self) { try ThumbHash(bytes: [0, 0, 0, 7, 0]) }  // header needs more AC bytes
        #expect(throws: ImagingError.self) { try BlurHash("LEHV6nWB2yk8pyo0adR*.7kCMdn") }  // one short
        #expect(throws: ImagingError.self) { try BlurHash("LEHV6nWB2yk8pyo0adR*.7kCMd\"j") }
        let large = try Image(width: 101, height: 10, pixelFormat: .rgb, pixels: [UInt8](repeating: 0, count: 3030))
        #expect(throws: ImagingError.self) { try ThumbHash(encoding: large) }
        #expect(throws: ImagingError.self) { try BlurHash(encoding: large, components: (10, 1)) }
        #expect(throws: ImagingError.self) { try BlurHash("00HVB+").decoded(to: Size(width: 0, height: 4)) }
    }
}
