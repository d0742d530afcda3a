import Bridge
import Files

/// What every input is turned into: the box, how to fit it, the output encoding and the colour.
struct ThumbnailRequest: Sendable {
    var box: Size
    var fill: Bool
    /// The output format, or `nil` for each input's default (see ``encoding(for:hasAlpha:)``).
    var format: ImageFormat?
    var quality: Int?
    /// What happens to an embedded ICC profile (--color-profile).
    var colorProfile: ColorProfileHandling = .keep

    /// How every input is decoded.
    var decoding: DecodingOptions { DecodingOptions(colorProfile: colorProfile) }

    /// The encoding for an input whose own format is `inputFormat`: --format's, or the library's
    /// default for the input (JPEG and PNG stay, GIF and WebP with alpha become PNG, the rest JPEG).
    func encoding(for inputFormat: ImageFormat, hasAlpha: Bool) -> ImageEncoding {
        let output = format ?? inputFormat.defaultThumbnailEncoding(hasAlpha: hasAlpha).format
        switch output {
        case .png, .gif, .heic, .heif: return .png()
        case .webp: return quality.map { .webp(quality: $0) } ?? .webp()
        case .avif: return quality.map { .avif(quality: $0) } ?? .avif()
        case .jpeg: return quality.map { .jpeg(quality: $0) } ?? .jpeg()
        }
    }
}
