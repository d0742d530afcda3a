import Bridge
import Files
import Foundation
import Testing

@Suite("ImageSpec: recipe, checks, fingerprint, Codable")
struct ImageSpecTests {
    static let small = try! ImageSpec("small", fitting: Size(square: 256), format: .jpeg(quality: 85))
    static let avatar = try! ImageSpec("avatar", filling: Size(square: 128))

    @Test func fingerprintsAreFixedOnEveryMachine() throws {
        // Committed values: a change here means every stored variant would be renamed.
        #expect(Self.small.fingerprint == "bb0f55a3")
        #expect(Self.avatar.fingerprint == "d26177cd")
        #expect(try ImageSpec("icon", fitting: Size(width: 64, height: 32), format: .png()).fingerprint == "5d4cb3c9")
        #expect(
            Self.small.canonicalDescription
                == "v1;fit;256x256;jpeg;quality=85;progressive=0;subsampling=420;background=255,255,255,255;filter=bicubic"
        )
    }

    @Test func everyParameterChangesTheFingerprint() throws {
        let box = Size(square: 256)
        let variations = [
            Self.small,
            try ImageSpec("small", filling: box, format: .jpeg(quality: 85)),
            try ImageSpec("small", fitting: Size(width: 256, height: 255), format: .jpeg(quality: 85)),
            try ImageSpec("small", fitting: Size(width: 255, height: 256), format: .jpeg(quality: 85)),
            try ImageSpec("small", fitting: box, format: .jpeg(quality: 86)),
            try ImageSpec("small", fitting: box, format: .jpeg(quality: 85, progressive: true)),
            try ImageSpec("small", fitting: box, format: .jpeg(quality: 85, subsampling: .s444)),
            try ImageSpec("small", fitting: box, format: .jpeg(quality: 85, background: .black)),
            try ImageSpec("small", fitting: box, format: .png()),
            try ImageSpec("small", fitting: box, format: .png(compressionLevel: 9)),
            try ImageSpec("small", fitting: box, format: .jpeg(quality: 85), filter: .lanczos),
        ]
        #expect(Set(variations.map(\.fingerprint)).count == variations.count)
        #expect(Set(variations.map(\.canonicalDescription)).count == variations.count)
    }

    @Test func theNameIsNotAParameter() throws {
        let renamed = try ImageSpec("thumb", fitting: Size(square: 256), format: .jpeg(quality: 85))
        #expect(renamed.fingerprint == Self.small.fingerprint)
        #expect(renamed != Self.small)
    }

    @Test(arguments: [Size(width: 0, height: 256), Size(width: 256, height: 0), Size(width: -1, height: -5)])
    func emptyOrNegativeBoxesAreRejectedWhenMade(box: Size) {
        let expected = ImageSpecError(spec: "small", reason: "the box \(box) must be at least 1×1")
        #expect(throws: expected) { try ImageSpec("small", fitting: box) }
        #expect(throws: expected) { try ImageSpec("small", filling: box) }
        let error = ImageSpecError(spec: "small", reason: "the box \(box) must be at least 1×1")
        #expect(error.description == "Cannot make the image spec \"small\": the box \(box) must be at least 1×1.")
    }

    @Test(arguments: ["", "a b", "../x", "a/b", "é", String(repeating: "a", count: 65)])
    func unsafeNamesAreRejected(name: String) {
        #expect(throws: ImageSpecError.self) { try ImageSpec(name, fitting: Size(square: 10)) }
    }

    @Test func outOfRangeEncoderSettingsAreRejected() {
        #expect(throws: ImageSpecError.self) {
            try ImageSpec("q", fitting: Size(square: 10), format: .jpeg(quality: 0))
        }
        #expect(throws: ImageSpecError.self) {
            try ImageSpec("q", fitting: Size(square: 10), format: .jpeg(quality: 101))
        }
        #expect(throws: ImageSpecError.self) {
            try ImageSpec("q", fitting: Size(square: 10), format: .png(compressionLevel: 10))
        }
    }

    @Test func codableRoundTripKeepsEveryParameter() throws {
        let specs = [
            Self.small, Self.avatar,
            try ImageSpec(
                "wide", fitting: Size(width: 640, height: 200),
                format: .jpeg(quality: 60, progressive: true, subsampling: .s422, background: Color(gray: 9)),
                filter: .lanczos),
            try ImageSpec("icon", filling: Size(square: 32), format: .png(compressionLevel: 9), filter: .nearest),
        ]
        let data = try JSONEncoder().encode(specs)
        let decoded = try JSONDecoder().decode([ImageSpec].self, from: data)
        #expect(decoded == specs)
        #expect(decoded.map(\.fingerprint) == specs.map(\.fingerprint))
    }

    @Test func decodingAppliesDefaultsAndTheChecks() throws {
        let minimal = Data(#"{"name": "avatar", "shape": "fill", "width": 128, "height": 128}"#.utf8)
        #expect(try JSONDecoder().decode(ImageSpec.self, from: minimal) == Self.avatar)
        for bad in [
            #"{"name": "a", "shape": "fill", "width": 0, "height": 128}"#,
            #"{"name": "a", "shape": "stretch", "width": 1, "height": 1}"#,
            #"{"name": "a", "shape": "fit", "width": 1, "height": 1, "format": "gif"}"#,
            #"{"name": "a", "shape": "fit", "width": 1, "height": 1, "filter": "sharp"}"#,
        ] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(ImageSpec.self, from: Data(bad.utf8)) }
        }
    }

    @Test func densitiesScaleTheBoxAndName() throws {
        let double = try Self.small.atDensity(2)
        #expect(double.name == "small-2x")
        #expect(double.shape == .fitting(Size(square: 512)))
        #expect(double.format == Self.small.format)
        #expect(try Self.small.atDensity(1) == Self.small)
        #expect(throws: ImageSpecError.self) { try Self.small.atDensity(0) }
        #expect(throws: ImageSpecError.self) { try Self.small.atDensity(Int.max) }
    }
}
