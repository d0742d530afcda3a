import Bridge
import Files
import Foundation
import Testing

@Suite("Placeholders in the stored image's record")
struct PlaceholderRecordTests {
    static let specs = [
        try! ImageSpec("small", fitting: Size(square: 256)),
        try! ImageSpec("tiny", filling: Size(square: 64)),
    ]

    static func photo() throws -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: 600 * 400 * 3)
        for index in 0..<(600 * 400) {
            let (x, y) = (index % 600, index / 600)
            pixels[index * 3] = UInt8(x * 255 / 600)
            pixels[index * 3 + 1] = UInt8(y * 255 / 400)
            pixels[index * 3 + 2] = x > 400 && y < 150 ? 250 : 40
        }
        return try Image(width: 600, height: 400, pixelFormat: .rgb, pixels: pixels).encoded(as: .jpeg(quality: 90))
    }

    @Test("The generator makes them from the smallest variant's pixels, in the same decode")
    func madeWithTheVariants() async throws {
        let jpeg = try Self.photo()
        let generator = VariantGenerator(storage: InMemoryStorage(), makesPlaceholders: true)
        let record = try await generator.save(
            "p.jpg", content: ContentFile(Data(jpeg), name: "p.jpg"), specs: Self.specs)
        let placeholders = try #require(record.placeholders)
        #expect(await generator.statistics.decodes == 1)
        // The same pixels as the "tiny" variant before encoding.
        var offset = 0
        let read = { (count: Int) -> [UInt8] in
            defer { offset = min(jpeg.count, offset + count) }
            return Array(jpeg[offset..<min(jpeg.count, offset + count)])
        }
        let set = try Image.thumbnails(
            reading: read,
            shapes: [
                ThumbnailShape(fills: false, box: Size(square: 256), filter: .bicubic),
                ThumbnailShape(fills: true, box: Size(square: 64), filter: .bicubic),
            ])
        #expect(placeholders == (try ImagePlaceholders(of: set.images[1])))
        #expect(placeholders.thumbHash.bytes.count <= 25)
        #expect(placeholders.blurHash.string.count == 28)

        let json = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(StoredImage.self, from: json) == record)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let inner = try #require(object["placeholders"] as? [String: String])
        #expect(inner["thumbhash"] == placeholders.thumbHashBase64)
        #expect(inner["blurhash"] == placeholders.blurHash.string)
    }

    @Test("Off by default: records and their JSON are as before")
    func offByDefault() async throws {
        let generator = VariantGenerator(storage: InMemoryStorage())
        let record = try await generator.save(
            "p.jpg", content: ContentFile(Data(try Self.photo()), name: "p.jpg"), specs: Self.specs)
        #expect(record.placeholders == nil)
        #expect(!String(decoding: try JSONEncoder().encode(record), as: UTF8.self).contains("placeholders"))
        let old = #"{"name":"a.jpg","width":4,"height":3,"variants":{}}"#
        #expect(try JSONDecoder().decode(StoredImage.self, from: Data(old.utf8)).placeholders == nil)
    }

    @Test("The ThumbHash as a PNG data URL, for a CSS background")
    func dataURL() throws {
        let image = try Image(decoding: try Self.photo())
        let placeholders = try ImagePlaceholders(of: image)
        let url = try placeholders.thumbHashDataURL()
        #expect(url.hasPrefix("data:image/png;base64,"))
        let png = try #require(Data(base64Encoded: String(url.dropFirst("data:image/png;base64,".count))))
        let preview = try Image(decoding: [UInt8](png))
        #expect(preview.size == Size(width: 32, height: 23) || preview.size == Size(width: 32, height: 21))
        #expect(png.count < 2000)
    }

    @Test("Corrupt placeholders in JSON are decoding errors")
    func corruptJSON() {
        for object in [
            #"{"thumbhash":"AAA","blurhash":"00HVB+"}"#,
            #"{"thumbhash":"2gkOJZqAh4eAh4d4eHh4eIJwCPh3","blurhash":"0"}"#,
        ] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(ImagePlaceholders.self, from: Data(object.utf8))
            }
        }
    }
}
