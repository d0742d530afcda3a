import Bridge
import Files
import Foundation
import TestSupport
import Testing

/// The formats of Documentation/Imaging.md, "Formats", through the file API: names, content types and the default output format.
@Suite("Thumbnails of WebP, GIF, HEIC and AVIF uploads")
struct FormatThumbnailFileTests {
    @Test func aWebPThumbnailIsNamedAndTypedAsWebP() throws {
        let source = try upload("pngsuite/basn2c08.png", name: "photo.png", contentType: "image/png")
        let thumb = try source.thumbnail(fitting: Size(square: 16), format: .webp(quality: 80))
        #expect(thumb.name == "photo.webp")
        #expect(thumb.contentType == "image/webp")
        let bytes = try thumb.read()
        #expect(ImageFormat(detecting: bytes) == .webp)
        #expect(try Image(decoding: bytes).size == Size(width: 16, height: 16))
        let file = try ContentFile(image: Image(decoding: bytes), format: .webp(), name: "chart")
        #expect(file.name == "chart.webp")
    }

    /// Without a format: GIF and WebP with alpha become PNG, without alpha JPEG; HEIC becomes JPEG.
    @Test(arguments: [
        ("formats/alpha.webp", "a.webp", "a.png", "image/png"), ("formats/lossy.webp", "b.webp", "b.jpg", "image/jpeg"),
        ("formats/transparent.gif", "c.gif", "c.png", "image/png"),
        ("formats/static.gif", "d.gif", "d.jpg", "image/jpeg"),
        ("formats/rotated.heic", "IMG_0001.HEIC", "IMG_0001.jpg", "image/jpeg"),
        ("formats/plain.avif", "e.avif", "e.jpg", "image/jpeg"),
    ])
    func theDefaultOutputFollowsTheSource(path: String, name: String, expectedName: String, contentType: String)
        throws
    {
        let thumb = try upload(path, name: name, contentType: "application/octet-stream")
            .thumbnail(fitting: Size(square: 24))
        #expect(thumb.name == expectedName)
        #expect(thumb.contentType == contentType)
        let image = try Image(decoding: thumb.read())
        #expect(image.pixelFormat.hasAlpha == (contentType == "image/png"))
        if path.hasSuffix("rotated.heic") { #expect(image.size == Size(width: 16, height: 24)) }
    }

    @Test func webpAndAVIFSpecsRoundTripThroughJSON() throws {
        let specs = [
            try ImageSpec("small", fitting: Size(square: 256), format: .webp(quality: 70, lossless: false)),
            try ImageSpec("exact", fitting: Size(square: 256), format: .webp(quality: 100, lossless: true)),
            try ImageSpec("tiny", filling: Size(square: 64), format: .avif(quality: 50)),
        ]
        #expect(!specs.isEmpty)
        for spec in specs {
            let json = try JSONEncoder().encode(spec)
            #expect(try JSONDecoder().decode(ImageSpec.self, from: json) == spec)
        }
        #expect(specs[0].canonicalDescription.contains("webp;quality=70;lossless=0"))
        #expect(specs[1].canonicalDescription.contains("webp;quality=100;lossless=1"))
        #expect(specs[2].canonicalDescription.contains("avif;quality=50"))
        #expect(Set(specs.map(\.fingerprint)).count == 3)
        let minimal = #"{"name": "w", "shape": "fit", "width": 10, "height": 10, "format": "webp"}"#
        #expect(try JSONDecoder().decode(ImageSpec.self, from: Data(minimal.utf8)).format == .webp())
        #expect(throws: ImageSpecError.self) {
            try ImageSpec("bad", fitting: Size(square: 10), format: .webp(quality: 0))
        }
        #expect(throws: ImageSpecError.self) {
            try ImageSpec("bad", fitting: Size(square: 10), format: .avif(quality: 101))
        }
    }
}
