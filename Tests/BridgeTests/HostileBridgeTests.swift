import Bridge
import Files
import Foundation
import TestSupport
import Testing

/// Hostile uploads through the one-call Bridge (Documentation/Hostile-Input.md): bombs are refused with an error that
/// names the file, the file's position survives, hostile names never reach the result, and a
/// temporary upload is still removed afterwards.
@Suite struct HostileBridgeTests {
    static func hostile(_ path: String) throws -> Data {
        try Data(contentsOf: Corpus.fixture("hostile/" + path))
    }

    @Test(arguments: [
        ("bombs/png-100000x100000.png", 100_000, 100_000),
        ("bombs/jpeg-65500x65500.jpg", 65_500, 65_500),
    ])
    func bombUploadIsRefusedNamingTheFile(path: String, width: Int, height: Int) throws {
        let upload = try SimpleUploadedFile(
            name: "../../bomb.img", content: try Self.hostile(path), contentType: "image/png")
        try upload.seek(to: 17)
        #expect {
            try upload.thumbnail(fitting: Size(square: 256))
        } throws: { error in
            guard let error = error as? ImageFileError else { return false }
            return error.fileName == "bomb.img"
                && error.imagingError
                    == .tooManyPixels(width: width, height: height, limit: DecodingOptions.defaultMaximumPixelCount)
        }
        #expect(try upload.tell() == 17)
        // Django's get_image_dimensions reads the header only: the declared size, no decode.
        #expect(imageDimensions(of: upload).map { [$0.width, $0.height] } == [width, height])
        #expect(try upload.tell() == 17)
    }

    @Test func scanBombInATemporaryUploadIsRefusedAndTheFileStillGoes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-bridge-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let upload = try TemporaryUploadedFile(
            name: "/etc/scans.jpg", contentType: "image/jpeg", size: nil, directory: directory)
        try upload.write(try Self.hostile("bombs/jpeg-2080-scans.jpg"))
        #expect(throws: ImageFileError.self) { try upload.thumbnail(fitting: Size(square: 64)) }
        try upload.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    /// Hostile EXIF still thumbnails, upright where the orientation was readable.
    @Test(arguments: ["exif/exif-ifd-loop-self.jpg", "exif/exif-entry-count-65535.jpg", "exif/exif-3000-segments.jpg"])
    func hostileEXIFUploadStillThumbnails(path: String) throws {
        let upload = try SimpleUploadedFile(
            name: "photo.jpg", content: try Self.hostile(path), contentType: "image/jpeg")
        let thumb = try upload.thumbnail(fitting: Size(square: 100))
        let info = try thumb.imageInfo()
        #expect(max(info.width, info.height) == 100)
    }

    /// A hostile name, on the upload or asked for, never survives into the thumbnail's name.
    @Test(arguments: ["../../../etc/passwd", "/abs/olute.png", "..\\..\\win.png", "a\0b.png", "\u{202E}gnp.exe"])
    func hostileNamesNeverReachTheThumbnail(name: String) throws {
        let bytes = try Corpus.bytes("pngsuite/basn6a08.png")
        let upload = try SimpleUploadedFile(name: "x.png", content: Data(bytes), contentType: "image/png")
        let named = try upload.thumbnail(fitting: Size(square: 8), name: name)
        let thumbName = try #require(named.name)
        #expect(!thumbName.contains("/") && !thumbName.contains("\\") && !thumbName.contains("\0"))
        #expect(thumbName.hasSuffix(".png"))
        #expect(thumbName != ".png")
    }
}
