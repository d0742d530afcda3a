import Foundation
import Imaging
import TestSupport
import Testing

/// The metadata policy: EXIF (GPS, serial numbers, thumbnails) and XMP are read for the
/// orientation only and never written; the ICC profile is the one thing carried over.
@Suite struct MetadataPolicyTests {
    static let source = "gps-exif.jpg"
    static let gpsMarkers: [[UInt8]] = [
        Array("Exif".utf8), Array("SERIAL-0123456789".utf8), Array("Example Camera".utf8),
    ]

    static func fixture() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Corpus.fixture("colour/\(source)")))
    }

    /// The source has them, so the checks below can fail.
    @Test func theSourceCarriesGPSAndASerialNumber() throws {
        let bytes = try Self.fixture()
        for marker in Self.gpsMarkers { #expect(bytes.contains(subsequence: marker)) }
        // The GPS IFD pointer tag (0x8825), big- or little-endian.
        #expect(bytes.contains(subsequence: [0x88, 0x25]) || bytes.contains(subsequence: [0x25, 0x88]))
    }

    @Test(arguments: [ImageEncoding.jpeg(), .png()])
    func noOutputCarriesEXIF(_ encoding: ImageEncoding) throws {
        let bytes = try Self.fixture()
        let outputs = [
            try Image(decoding: bytes),
            try Image(thumbnailOf: bytes, fitting: Size(square: 128)),
            try Image(thumbnailOf: bytes, filling: Size(square: 64)),
        ]
        for output in outputs {
            let encoded = try output.encoded(as: encoding)
            for marker in Self.gpsMarkers { #expect(!encoded.contains(subsequence: marker)) }
            #expect(!encoded.contains(subsequence: Array("eXIf".utf8)))
            #expect(!encoded.contains(subsequence: Array("tEXt".utf8)))
            if case .jpeg = encoding {
                // No APP1 (EXIF or XMP); in entropy-coded data 0xFF is always followed by 0x00 or RSTn.
                #expect(!encoded.contains(subsequence: [0xFF, 0xE1]))
            }
            #expect(try ImageInfo(probing: encoded).orientation == .up)
        }
    }
}
