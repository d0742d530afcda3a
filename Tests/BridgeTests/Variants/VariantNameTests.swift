import Bridge
import Files
import Testing

@Suite("Variant names: deterministic, per spec and source")
struct VariantNameTests {
    static let small = ImageSpecTests.small

    @Test func theNameKeepsTheDirectoryAndStemAndTakesTheFormatsExtension() {
        #expect(Self.small.variantName(of: "photos/IMG_1234.jpg") == "photos/IMG_1234.small-cd50196e.jpg")
        #expect(Self.small.variantName(of: "IMG_1234.jpg") == "IMG_1234.small-cd50196e.jpg")
        let png = try! ImageSpec("icon", fitting: Size(square: 32), format: .png())
        #expect(png.variantName(of: "logos/acme.png").hasSuffix(".png"))
        #expect(png.variantName(of: "logos/acme.png").hasPrefix("logos/acme.icon-"))
    }

    @Test func sourcesDifferingOnlyInExtensionGetDifferentVariants() {
        let names = ["a.jpg", "a.png", "a", "a.JPG", "a.jpeg"].map { Self.small.variantName(of: "p/\($0)") }
        #expect(Set(names).count == names.count)
    }

    @Test func changingTheRecipeChangesTheNameButRenamingTheSourceDirectoryDoesNot() throws {
        let bigger = try ImageSpec("small", fitting: Size(square: 300), format: .jpeg(quality: 85))
        #expect(bigger.variantName(of: "a.jpg") != Self.small.variantName(of: "a.jpg"))
        #expect(Self.small.variantName(of: "x/a.jpg") == "x/" + Self.small.variantName(of: "a.jpg"))
    }

    @Test func variantNamesAreRecognisedAndSourcesAreNot() {
        #expect(ImageSpec.isVariantName(Self.small.variantName(of: "photos/IMG_1234.jpg")))
        #expect(ImageSpec.isVariantName(try! Self.small.atDensity(2).variantName(of: ".hidden")))
        for source in [
            "photos/IMG_1234.jpg", "a.small.jpg", "a.small-12345678.gif", "a.small-1234567G.jpg", "x.-12345678.jpg",
            "a-12345678.jpg",
        ] {
            #expect(!ImageSpec.isVariantName(source), "\(source)")
        }
    }

    /// Every format the library encodes: a variant written in it is recognised as a variant (WebP and AVIF
    /// variants once were not, and a listing of sources took them for sources).
    @Test(arguments: ImageFormat.allCases.compactMap(\.defaultEncoding))
    func aVariantInEveryEncodableFormatIsRecognised(_ encoding: ImageEncoding) throws {
        let spec = try ImageSpec("small", fitting: Size(square: 64), format: encoding)
        let name = spec.variantName(of: "photos/IMG_1234.heic")
        #expect(name.hasSuffix("." + encoding.format.fileExtension))
        #expect(ImageSpec.isVariantName(name), "\(name)")
        #expect(ImageSpec.isVariantName(try spec.atDensity(2).variantName(of: "a.jpg")))
    }

    @Test func theEncodableFormatsAreAllCovered() {
        // The parameterised test above must never run zero cases.
        #expect(ImageFormat.allCases.compactMap(\.defaultEncoding).count == 4)
    }
}
