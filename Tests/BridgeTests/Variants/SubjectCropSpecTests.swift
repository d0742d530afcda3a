import Bridge
import Foundation
import Testing

@Suite("ImageSpec crops: fingerprint, Codable, the one-decode pipeline")
struct SubjectCropSpecTests {
    static let box = Size(square: 128)

    @Test("Centre-crop specs keep their fingerprints; every other crop changes it")
    func fingerprints() throws {
        let centre = try ImageSpec("avatar", filling: Self.box)
        #expect(centre.fingerprint == "d26177cd")  // as before crops existed
        #expect(try ImageSpec("avatar", filling: Self.box, crop: .centre) == centre)
        let crops: [CropStrategy] = [
            .centre, .entropy, .attention, try .focalPoint(x: 0.3, y: 0.6), try .focalPoint(x: 0.3, y: 0.61),
        ]
        let specs = try crops.map { try ImageSpec("avatar", filling: Self.box, crop: $0) }
        #expect(Set(specs.map(\.fingerprint)).count == crops.count)
        #expect(specs[1].canonicalDescription.hasSuffix(";filter=bicubic;crop=entropy"))
        #expect(specs[3].canonicalDescription.hasSuffix(";crop=focal(0.3,0.6)"))
        #expect(try specs[2].atDensity(2).crop == .attention)
        #expect(try centre.cropping(.attention) == specs[2])
    }

    @Test("A fitting spec cannot crop")
    func fittingCannotCrop() {
        #expect(throws: ImageSpecError.self) {
            try ImageSpec("small", shape: .fitting(Self.box), crop: .entropy)
        }
        #expect(throws: ImageSpecError.self) {
            try ImageSpec("small", fitting: Self.box).cropping(.attention)
        }
    }

    @Test("Crops round-trip through JSON; a bad one is a decoding error")
    func codable() throws {
        let specs = [
            try ImageSpec("a", filling: Self.box, crop: .attention),
            try ImageSpec("b", filling: Self.box, crop: .focalPoint(x: 0.25, y: 0.75)),
            try ImageSpec("c", filling: Self.box),
            try ImageSpec("d", fitting: Self.box),
        ]
        let json = try JSONEncoder().encode(specs)
        #expect(try JSONDecoder().decode([ImageSpec].self, from: json) == specs)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"focalX\":0.25"))
        #expect(!text.contains("\"d\",\"crop\""))
        let bad = [
            #"{"name":"a","shape":"fill","width":9,"height":9,"crop":"focal","focalX":1.5,"focalY":0}"#,
            #"{"name":"a","shape":"fill","width":9,"height":9,"crop":"faces"}"#,
            #"{"name":"a","shape":"fit","width":9,"height":9,"crop":"entropy"}"#,
        ]
        for object in bad {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(ImageSpec.self, from: Data(object.utf8)) }
        }
    }
}
