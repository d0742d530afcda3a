import Bridge
import Files
import Foundation
import TestSupport
import Testing

@Suite("file.thumbnail(fitting:) and file.thumbnail(filling:)")
struct ThumbnailFileTests {
    @Test func jpegStaysJPEGWithEverythingFilledIn() throws {
        let source = try upload("exif-orientation/Landscape_1.jpg", name: "holiday.jpg")
        let thumb = try source.thumbnail(fitting: Size(square: 256))
        let bytes = try thumb.read()
        #expect(thumb.name == "holiday.jpg")
        #expect(thumb.contentType == "image/jpeg")
        #expect(thumb.size == bytes.count)
        #expect(thumb.fieldName == "photo")
        #expect(thumb.charset == nil)
        #expect(try Image(decoding: bytes).size == Size(width: 256, height: 171))
        #expect(try source.tell() == 7)
    }

    @Test(arguments: 1...8)
    func everyOrientationComesOutUpright(orientation: Int) throws {
        for (stem, expected) in [
            ("Landscape", Size(width: 256, height: 171)), ("Portrait", Size(width: 171, height: 256)),
        ] {
            let thumb = try upload("exif-orientation/\(stem)_\(orientation).jpg").thumbnail(fitting: Size(square: 256))
            #expect(try Image(decoding: thumb.read()).size == expected)
        }
    }

    @Test func pngStaysPNGAndKeepsAlpha() throws {
        let source = try upload("pngsuite/basn6a08.png", name: "icon.png", contentType: "image/png")
        let thumb = try source.thumbnail(fitting: Size(square: 16))
        #expect(thumb.name == "icon.png")
        #expect(thumb.contentType == "image/png")
        let image = try Image(decoding: thumb.read())
        #expect(image.size == Size(width: 16, height: 16))
        #expect(image.pixelFormat == .rgba)
    }

    @Test func pngThumbnailedToJPEGIsRenamed() throws {
        let source = try upload("pngsuite/basn2c08.png", name: "photo.png", contentType: "image/png")
        let thumb = try source.thumbnail(fitting: Size(square: 16), format: .jpeg(quality: 90))
        #expect(thumb.name == "photo.jpg")
        #expect(thumb.contentType == "image/jpeg")
    }

    @Test func theBytesDecideTheContentTypeNotTheClaim() throws {
        // A PNG uploaded as "image/jpeg" named .jpg: the thumbnail is a PNG and says so.
        let source = try upload("pngsuite/basn2c08.png", name: "liar.jpg", contentType: "image/jpeg")
        let thumb = try source.thumbnail(fitting: Size(square: 8))
        #expect(thumb.contentType == "image/png")
        #expect(thumb.name == "liar.png")
        #expect(try thumb.read().starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func neverUpscales() throws {
        let thumb = try upload("libjpeg-turbo/testorig.jpg").thumbnail(fitting: Size(square: 100_000))
        #expect(try Image(decoding: thumb.read()).size == Size(width: 227, height: 149))
    }

    @Test func fillingGivesExactlyTheBox() throws {
        let thumb = try upload("exif-orientation/Portrait_8.jpg").thumbnail(filling: Size(width: 120, height: 60))
        #expect(try Image(decoding: thumb.read()).size == Size(width: 120, height: 60))
    }

    @Test func oneCallMatchesDecodeThenThumbnail() throws {
        // The fast path (DCT-scaled decode, fractional extent) must look like the slow, exact path.
        let bytes = try Corpus.bytes("exif-orientation/Landscape_3.jpg")
        let fast = try Image(thumbnailOf: bytes, fitting: Size(square: 200))
        let exact = try Image(decoding: bytes).thumbnail(fitting: Size(square: 200), reducingGap: nil)
        #expect(fast.size == exact.size)
        #expect(psnr(fast.pixels, exact.pixels) > 32)
    }

    @Test func garbageThrowsAnErrorNamingTheFile() throws {
        let source = try SimpleUploadedFile(name: "cat.jpg", content: Data(repeating: 0xFF, count: 100))
        #expect {
            try source.thumbnail(fitting: Size(square: 64))
        } throws: { error in
            (error as? ImageFileError)?.fileName == "cat.jpg"
        }
    }

    @Test func truncatedUploadIsRejected() throws {
        let source = try upload("generated/truncated_testorig.jpg")
        #expect(throws: ImageFileError.self) { try source.thumbnail(fitting: Size(square: 64)) }
    }
}
