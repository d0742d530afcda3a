import Foundation
import Imaging
import TestSupport
import Testing

/// `--format webp|avif`, and the default output of the input formats of Documentation/Imaging.md, "Formats".
@Suite("The thumbnail command and the newer formats")
struct FormatCommandTests {
    @Test func formatWebPWritesWebP() throws {
        let source = Corpus.url("exif-orientation/Landscape_6.jpg").path
        let run = try CommandRun([source, "--format", "webp", "--quality", "70", "--size", "64"])
        #expect(run.status == 0, "\(run.standardError)")
        let bytes = try Data(contentsOf: run.directory.appendingPathComponent("thumbnails/Landscape_6.webp"))
        #expect(ImageFormat(detecting: bytes) == .webp)
        #expect(try run.image("thumbnails/Landscape_6.webp").size == Size(width: 64, height: 43))
    }

    @Test func formatAVIFWritesAVIFWhereLibheifCan() throws {
        let source = Corpus.url("pngsuite/basn2c08.png").path
        let run = try CommandRun([source, "--format", "avif", "--size", "16"])
        if Image.canEncodeAVIF {
            #expect(run.status == 0, "\(run.standardError)")
            #expect(try run.image("thumbnails/basn2c08.avif").size == Size(width: 16, height: 16))
        } else {
            #expect(run.status != 0)
            #expect(run.standardError.contains("AV1 encoder"))
        }
    }

    /// HEIC becomes JPEG (turned by its `irot`), a GIF with transparency PNG, a WebP without alpha JPEG.
    @Test func inputsGetTheDefaultOutputFormat() throws {
        let inputs = ["formats/rotated.heic", "formats/transparent.gif", "formats/lossy.webp"].map {
            Corpus.url($0).path
        }
        let run = try CommandRun(inputs + ["--size", "20"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try run.image("thumbnails/rotated.jpg").size == Size(width: 13, height: 20))
        #expect(try run.image("thumbnails/transparent.png").pixelFormat == .rgba)
        #expect(try run.image("thumbnails/lossy.jpg").pixelFormat == .rgb)
    }
}
