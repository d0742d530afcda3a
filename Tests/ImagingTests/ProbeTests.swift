import Imaging
import TestSupport
import Testing

/// `ImageInfo(probing:)` against MANIFEST.tsv, and on prefixes.
@Suite struct ProbeTests {
    static let withSize = Corpus.entries { $0.displayWidth != nil && !$0.path.hasPrefix("pngsuite/x") }

    @Test(arguments: withSize)
    func probeMatchesManifest(_ entry: Corpus.Entry) throws {
        let info = try ImageInfo(probing: Corpus.bytes(entry.path))
        #expect(info.format.rawValue == entry.format)
        #expect(info.displaySize == Size(width: entry.displayWidth ?? 0, height: entry.displayHeight ?? 0))
        if let width = entry.width, let height = entry.height {
            #expect(info.size == Size(width: width, height: height))
        }
        #expect(info.orientation == Orientation(exifValue: entry.exifOrientation ?? 1))
    }

    /// The probe predicts what decoding produces.
    @Test(arguments: Corpus.entries { $0.expected.hasPrefix("decode") })
    func probePredictsDecode(_ entry: Corpus.Entry) throws {
        let bytes = try Corpus.bytes(entry.path)
        let info = try ImageInfo(probing: bytes)
        let image = try Image(decoding: bytes, options: .init(minimumSize: Size(width: 1, height: 1)))
        #expect(image.pixelFormat == info.pixelFormat)
        #expect(info.hasAlpha == info.pixelFormat.hasAlpha)
    }

    @Test func progressiveAndInterlacedFlags() throws {
        #expect(try ImageInfo(probing: Corpus.bytes("generated/progressive_testorig.jpg")).isProgressive)
        #expect(try !ImageInfo(probing: Corpus.bytes("libjpeg-turbo/testorig.jpg")).isProgressive)
        #expect(try ImageInfo(probing: Corpus.bytes("pngsuite/basi0g08.png")).isInterlaced)
        #expect(try ImageInfo(probing: Corpus.bytes("pngsuite/basn0g16.png")).bitDepth == 16)
        #expect(try ImageInfo(probing: Corpus.bytes("pngsuite/tbrn2c08.png")).pixelFormat == .rgba)
    }

    @Test(arguments: ["libjpeg-turbo/testorig12.jpg", "libjpeg-turbo/monkey12.jpg"])
    func twelveBitIsUnsupported(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        for attempt in [{ _ = try ImageInfo(probing: bytes) }, { _ = try Image(decoding: bytes) }] {
            #expect {
                try attempt()
            } throws: { error in
                guard case .unsupported(.jpeg, let feature) = error as? ImagingError else { return false }
                return feature.contains("12-bit")
            }
        }
    }

    /// Corrupt PngSuite files whose damage is in the header are refused by the probe already
    /// (xcsn0g01's damage is an IDAT CRC, which only decoding sees).
    @Test(arguments: Corpus.entries { $0.path.hasPrefix("pngsuite/x") && $0.path != "pngsuite/xcsn0g01.png" })
    func probeRejectsCorruptPNGHeaders(_ entry: Corpus.Entry) throws {
        let bytes = try Corpus.bytes(entry.path)
        #expect(throws: ImagingError.self) { try ImageInfo(probing: bytes) }
    }

    /// Django's get_image_dimensions reads 1 KiB, 2 KiB, … until the parser succeeds: every
    /// prefix either succeeds with the full answer or throws `.truncated`.
    @Test(arguments: [
        "exif-orientation/Landscape_6.jpg", "jpeg-misc/ycck.jpg", "libjpeg-turbo/monkey16.png",
        "pngsuite/PngSuite.png", "generated/progressive_testorig.jpg",
    ])
    func doublingPrefixesConverge(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        let full = try ImageInfo(probing: bytes)
        var length = 1024
        var reads = 0
        while true {
            reads += 1
            let prefix = bytes.prefix(length)
            do {
                let info = try ImageInfo(probing: prefix)
                #expect(info == full)
                break
            } catch .truncated(let format, let offset) {
                #expect(format == full.format)
                #expect(offset == prefix.count)
                #expect(length < bytes.count)
                length *= 2
            }
        }
        #expect(reads <= 11)
    }

    @Test(arguments: ["exif-orientation/Portrait_5.jpg", "pngsuite/tbrn2c08.png"])
    func everyPrefixIsTruncatedOrComplete(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        let full = try ImageInfo(probing: bytes)
        var firstSuccess: Int?
        for length in 0..<min(bytes.count, 1500) {
            do {
                #expect(try ImageInfo(probing: bytes.prefix(length)) == full)
                firstSuccess = firstSuccess ?? length
            } catch .truncated(full.format, offset: length) {
                #expect(firstSuccess == nil, "\(length) truncated after success at \(firstSuccess ?? 0)")
            } catch .unrecognizedFormat {
                #expect(length == 0)
            } catch {
                Issue.record("\(length): \(error)")
            }
        }
        #expect(firstSuccess != nil)
    }
}
