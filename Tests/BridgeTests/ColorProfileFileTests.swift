import Bridge
import Files
import Foundation
import StorageTestSupport
import TestSupport
import Testing

/// The colour profile through Bridge: an upload's thumbnail file, a stored variant, and the
/// conversion option; EXIF never reaches either.
@Suite("ICC profiles and EXIF through file.thumbnail and stored variants")
struct ColorProfileFileTests {
    static func sourceProfile() throws -> ICCProfile {
        try #require(try ImageInfo(probing: Corpus.bytes("../colour/adobe-rgb.jpg")).iccProfile)
    }

    @Test func aThumbnailFileCarriesTheProfile() throws {
        let upload = try upload("../colour/adobe-rgb.jpg", name: "wide.jpg")
        let profile = try Self.sourceProfile()
        for thumb in [
            try upload.thumbnail(fitting: Size(square: 256)), try upload.thumbnail(filling: Size(square: 128)),
            try upload.thumbnail(fitting: Size(square: 64), format: .png()),
        ] {
            #expect(try ImageInfo(probing: thumb.read()).iccProfile == profile)
        }
        let converted = try upload.thumbnail(
            fitting: Size(square: 256), options: DecodingOptions(colorProfile: .convertToSRGB))
        #expect(try ImageInfo(probing: converted.read()).iccProfile == nil)
    }

    @Test func storedVariantsCarryTheProfileAndNoEXIF() async throws {
        let storage = InMemoryStorage()
        let specs = [
            try ImageSpec("small", fitting: Size(square: 256)), try ImageSpec("avatar", filling: Size(square: 128)),
        ]
        let profile = try Self.sourceProfile()
        let generator = VariantGenerator(storage: storage)
        let wide = try await generator.save(
            "wide.jpg", content: ContentFile(Data(try Corpus.bytes("../colour/adobe-rgb.jpg"))), specs: specs)
        let gps = try await generator.save(
            "gps.jpg", content: ContentFile(Data(try Corpus.bytes("../colour/gps-exif.jpg"))), specs: specs)
        for spec in specs {
            let variant = try #require(wide.variant(for: spec))
            #expect(try ImageInfo(probing: await storage.bytes(of: variant.name)).iccProfile == profile)
            let stripped = [UInt8](try await storage.bytes(of: try #require(gps.variant(for: spec)).name))
            #expect(!stripped.contains(subsequence: Array("Exif".utf8)))
            #expect(!stripped.contains(subsequence: Array("SERIAL-0123456789".utf8)))
        }
    }
}
