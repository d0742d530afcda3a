import Bridge
import Files
import FilesS3
import TestSupport
import Testing

/// Files' name-to-type guess and FilesS3's byte sniffing cannot import Imaging; these checks hold them to
/// Imaging's format table, so that a new format added there and forgotten here fails a test.
@Suite struct FormatTableAgreementTests {
    @Test(arguments: ImageFormat.allCases)
    func filesGuessesEachExtensionAsImagingNamesIt(_ format: ImageFormat) {
        #expect(!format.fileExtensions.isEmpty)
        for fileExtension in format.fileExtensions {
            #expect(MIMETypes.guessType(of: "photos/a.\(fileExtension.uppercased())") == format.mimeType)
        }
    }

    static let fixtures: [(path: String, format: ImageFormat)] = [
        ("formats/lossy.webp", .webp), ("formats/static.gif", .gif), ("formats/plain.heic", .heic),
        ("formats/alpha.heic", .heic), ("formats/plain.avif", .avif), ("formats/exif6.heic", .heic),
        ("pngsuite/basn2c08.png", .png), ("libjpeg-turbo/testorig.jpg", .jpeg),
    ]

    @Test(arguments: fixtures)
    func s3SniffsEachFixtureAsImagingDetectsIt(_ path: String, _ format: ImageFormat) throws {
        let bytes = try Corpus.bytes(path)
        #expect(ImageFormat(detecting: bytes) == format)
        #expect(ContentTypeDetection.contentType(head: bytes, name: "x.bin", declared: nil) == format.mimeType)
    }

    @Test func s3SniffsTheHEIFBrandsAsImagingDoes() {
        func ftyp(major: String, compatible: [String]) -> [UInt8] {
            let size = 16 + 4 * compatible.count
            return [0, 0, 0, UInt8(size)] + Array("ftyp".utf8) + Array(major.utf8) + [0, 0, 0, 0]
                + compatible.flatMap { Array($0.utf8) }
        }
        let boxes = [
            ftyp(major: "heic", compatible: []), ftyp(major: "avis", compatible: []),
            ftyp(major: "mif1", compatible: ["miaf", "heic"]), ftyp(major: "miaf", compatible: ["avif", "mif1"]),
            ftyp(major: "miaf", compatible: ["mif1"]), ftyp(major: "isom", compatible: ["iso2", "mp41"]),
            ftyp(major: "qt  ", compatible: []),
        ]
        for box in boxes {
            #expect(ContentTypeDetection.sniff(box) == ImageFormat(detecting: box)?.mimeType, "\(box)")
        }
    }
}
