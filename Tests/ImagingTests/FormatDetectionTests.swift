import Imaging
import TestSupport
import Testing

/// WebP, GIF and the HEIF family are recognised from their bytes, never from a name (Documentation/Imaging.md, "Formats").
@Suite struct FormatDetectionTests {
    static let fixtures: [(path: String, format: ImageFormat)] = [
        ("formats/lossy.webp", .webp), ("formats/lossless.webp", .webp), ("formats/alpha.webp", .webp),
        ("formats/icc.webp", .webp), ("formats/static.gif", .gif), ("formats/animated.gif", .gif),
        ("formats/transparent.gif", .gif), ("formats/plain.heic", .heic), ("formats/rotated.heic", .heic),
        ("formats/alpha.heic", .heic), ("formats/plain.avif", .avif),
    ]

    @Test func everyFixtureIsDetectedFromItsBytes() throws {
        #expect(!Self.fixtures.isEmpty)
        for (path, format) in Self.fixtures {
            let bytes = try Corpus.bytes(path)
            #expect(ImageFormat(detecting: bytes) == format, "\(path)")
            #expect(try ImageInfo(probing: bytes).format == format, "\(path)")
            // A non-contiguous collection is detected the same.
            #expect(ImageFormat(detecting: bytes.lazy.map { $0 }) == format, "\(path)")
        }
    }

    @Test func brandsDecideTheHEIFFamily() {
        func ftyp(major: String, compatible: [String]) -> [UInt8] {
            let size = 16 + 4 * compatible.count
            return [0, 0, 0, UInt8(size)] + Array("ftyp".utf8) + Array(major.utf8) + [0, 0, 0, 0]
                + compatible.flatMap { Array($0.utf8) }
        }
        for brand in ["heic", "heix", "heim", "heis", "hevc", "hevx"] {
            #expect(ImageFormat(detecting: ftyp(major: brand, compatible: [])) == .heic, "\(brand)")
        }
        #expect(ImageFormat(detecting: ftyp(major: "avif", compatible: ["mif1"])) == .avif)
        #expect(ImageFormat(detecting: ftyp(major: "avis", compatible: [])) == .avif)
        #expect(ImageFormat(detecting: ftyp(major: "mif1", compatible: [])) == .heif)
        #expect(ImageFormat(detecting: ftyp(major: "msf1", compatible: [])) == .heif)
        // A generic major brand: the compatible brands decide, the specific ones first.
        #expect(ImageFormat(detecting: ftyp(major: "mif1", compatible: ["miaf", "heic"])) == .heic)
        #expect(ImageFormat(detecting: ftyp(major: "miaf", compatible: ["avif", "mif1"])) == .avif)
        #expect(ImageFormat(detecting: ftyp(major: "miaf", compatible: ["mif1"])) == .heif)
        // MP4 video and QuickTime share the box structure, not the brands.
        #expect(ImageFormat(detecting: ftyp(major: "isom", compatible: ["iso2", "mp41"])) == nil)
        #expect(ImageFormat(detecting: ftyp(major: "qt  ", compatible: [])) == nil)
    }

    @Test func signaturesAloneDecide() {
        #expect(ImageFormat(detecting: Array("GIF87a".utf8)) == .gif)
        #expect(ImageFormat(detecting: Array("GIF89a".utf8)) == .gif)
        #expect(ImageFormat(detecting: Array("GIF90a".utf8)) == nil)
        #expect(ImageFormat(detecting: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        // A RIFF that is not WebP (a WAV file).
        #expect(ImageFormat(detecting: Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) == nil)
    }

    @Test func aNameOrExtensionNeverDecides() throws {
        // The probe and the decoder take bytes only; a JPEG is a JPEG whatever it was called, and
        // a text file named .webp or .heic is unrecognised.
        let text = Array("hello, not an image".utf8)
        #expect(ImageFormat(detecting: text) == nil)
        #expect(throws: ImagingError.unrecognizedFormat(prefix: Array(text.prefix(8)))) { try Image(decoding: text) }
    }

    @Test func theNewFormatsNameThemselves() {
        let expected: [ImageFormat: (String, String, String)] = [
            .webp: ("image/webp", "webp", "WebP"), .gif: ("image/gif", "gif", "GIF"),
            .heic: ("image/heic", "heic", "HEIC"), .heif: ("image/heif", "heif", "HEIF"),
            .avif: ("image/avif", "avif", "AVIF"),
        ]
        for (format, (mime, ext, name)) in expected {
            #expect(format.mimeType == mime)
            #expect(format.fileExtension == ext)
            #expect(format.description == name)
        }
        #expect(ImageFormat.webp.trait == "WebP")
        #expect(ImageFormat.gif.trait == "GIF")
        #expect([ImageFormat.heic, .heif, .avif].allSatisfy { $0.trait == "HEIF" })
        #expect(ImageFormat.jpeg.trait == nil && ImageFormat.png.trait == nil)
    }

    /// Prefixes too short to identify are truncated images of the format they begin.
    @Test func shortPrefixesAreTruncated() {
        let cases: [([UInt8], ImageFormat)] = [
            (Array("GIF8".utf8), .gif), (Array("RIFF".utf8), .webp), (Array("RIFF\u{0}\u{0}\u{0}\u{0}WE".utf8), .webp),
            ([0, 0, 0, 24] + Array("ftyp".utf8), .heif),
        ]
        for (bytes, format) in cases {
            #expect(throws: ImagingError.truncated(format, offset: bytes.count)) { try ImageInfo(probing: bytes) }
        }
    }

    @Test func notCompiledNamesTheTraitAndThePackage() {
        let error = ImagingError.notCompiled(.webp, trait: "WebP")
        #expect(
            error.reason
                == "WebP support is not compiled in; enable the package trait WebP (Debian package libwebp-dev)")
        #expect(
            ImagingError.notCompiled(.heic, trait: "HEIF").reason
                == "HEIC support is not compiled in; enable the package trait HEIF (Debian package libheif-dev)")
        #expect(ImagingError.notCompiled(.gif, trait: "GIF").description.contains("libgif-dev"))
        // The sentence is the reason, capitalised, with a period.
        #expect(error.description == "WebP" + error.reason.dropFirst(4) + ".")
        #expect(ImagingError.invalidArgument("x").description == "Invalid argument: x.")
    }

    /// This build has the default traits, so every format decodes.
    @Test func theDefaultBuildHasEveryFormat() {
        #expect(ImageFormat.allCases.allSatisfy { $0.isCompiled })
    }
}
