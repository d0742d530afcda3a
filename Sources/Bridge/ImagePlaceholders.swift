#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The two placeholders a page shows while an image loads — a `ThumbHash` and a `BlurHash` — made
/// from a small image the pipeline already has (a variant's pixels), never from a second decode.
///
/// ```swift
/// let placeholders = try ImagePlaceholders(of: smallestVariant)
/// placeholders.thumbHashBase64     // "2gkOJZqAh4eAh4d4eHh4eIJwCPh3", for JSON
/// placeholders.blurHash.string     // "L$HVB+2U$6Sel]a#jtf7gdfjfQfj"
/// try placeholders.thumbHashDataURL()  // "data:image/png;base64,…", a CSS background
/// ```
///
/// Encoded in JSON as `{"thumbhash": "<base64>", "blurhash": "<string>"}`.
public struct ImagePlaceholders: Sendable, Hashable, Codable {
    /// The ThumbHash: colours, layout, aspect ratio and alpha in at most 25 bytes.
    public var thumbHash: ThumbHash
    /// The BlurHash, 4×3 components (or 3×4 for a portrait image).
    public var blurHash: BlurHash

    /// Wraps hashes made elsewhere.
    public init(thumbHash: ThumbHash, blurHash: BlurHash) {
        self.thumbHash = thumbHash
        self.blurHash = blurHash
    }

    /// Computes both hashes from `image`, first reduced to fit 100×100 when larger (as the reference
    /// `image_to_thumb_hash` does; the hashes keep nothing finer).
    ///
    /// Cost: a resize to at most 100×100 (none when the image is that small), then about 10⁵–10⁶
    /// multiply-adds per hash: well under a millisecond for a thumbnail.
    ///
    /// - Throws: `ImagingError` only if the reduction fails, which it does not for a valid image.
    public init(of image: Image) throws(ImagingError) {
        let small = try image.thumbnail(fitting: Size(square: 100), filter: .bilinear, reducingGap: nil)
        thumbHash = try ThumbHash(encoding: small)
        let components = small.width >= small.height ? (x: 4, y: 3) : (x: 3, y: 4)
        blurHash = try BlurHash(encoding: small, components: components)
    }

    /// The ThumbHash's bytes in standard base64 (as the reference JavaScript and the app's JSON carry them).
    public var thumbHashBase64: String { Data(thumbHash.bytes).base64EncodedString() }

    /// The ThumbHash rendered as a PNG (at most 32×32) in a `data:` URL, for a CSS background under an
    /// `<img>` until the image loads.
    ///
    /// Cost: one ThumbHash decode and a PNG encode of ≤ 1024 pixels: tens of microseconds; about 1 kB.
    public func thumbHashDataURL() throws(ImagingError) -> String {
        let png = try thumbHash.decoded().encoded(as: .png())
        return "data:image/png;base64," + Data(png).base64EncodedString()
    }

    private enum CodingKeys: String, CodingKey {
        case thumbhash, blurhash
    }

    /// Decodes `{"thumbhash": "<base64>", "blurhash": "<string>"}`, checking both.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        let base64 = try values.decode(String.self, forKey: .thumbhash)
        guard let bytes = Data(base64Encoded: base64), let thumbHash = try? ThumbHash(bytes: [UInt8](bytes)) else {
            throw DecodingError.dataCorruptedError(
                forKey: .thumbhash, in: values, debugDescription: "not the base64 of a ThumbHash")
        }
        guard let blurHash = try? BlurHash(try values.decode(String.self, forKey: .blurhash)) else {
            throw DecodingError.dataCorruptedError(forKey: .blurhash, in: values, debugDescription: "not a BlurHash")
        }
        self.init(thumbHash: thumbHash, blurHash: blurHash)
    }

    /// Encodes `{"thumbhash": "<base64>", "blurhash": "<string>"}`.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(thumbHashBase64, forKey: .thumbhash)
        try values.encode(blurHash.string, forKey: .blurhash)
    }
}
