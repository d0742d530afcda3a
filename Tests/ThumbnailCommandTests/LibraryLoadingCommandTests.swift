#if HEIF
import Foundation
import TestSupport
import Testing

/// libheif and the codecs it links are opened on the first HEIF/AVIF image, never at start-up
/// (Documentation/Imaging.md, "Formats"). The dynamic loader names each object it loads on
/// standard error when `LD_DEBUG=files` is set.
@Suite("The thumbnail command loads libheif on first use")
struct LibraryLoadingCommandTests {
    private static let loaderTrace = ["LD_DEBUG": "files"]

    @Test func aJPEGThumbnailNeverLoadsLibheif() throws {
        let run = try CommandRun(
            [Corpus.url("libjpeg-turbo/testorig.jpg").path, "--size", "32"], environment: Self.loaderTrace)
        #expect(run.status == 0, "\(run.standardError)")
        // The trace is there (libjpeg-turbo is linked), so its silence about libheif means something.
        #expect(run.standardError.contains("file=libturbojpeg.so"))
        #expect(!run.standardError.contains("libheif"))
        #expect(!run.standardError.contains("libde265"))
    }

    @Test func theHelpNeverLoadsLibheif() throws {
        let run = try CommandRun(["--help"], environment: Self.loaderTrace)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("file=libturbojpeg.so"))
        #expect(!run.standardError.contains("libheif"))
    }

    @Test func aHEICThumbnailLoadsItWhenItIsNeeded() throws {
        let run = try CommandRun(
            [Corpus.url("formats/rotated.heic").path, "--size", "20"], environment: Self.loaderTrace)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("file=libheif.so.1"))
        #expect(try run.image("thumbnails/rotated.jpg").size.height == 20)
    }
}
#endif
