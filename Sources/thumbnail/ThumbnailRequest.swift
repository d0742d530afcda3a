import Bridge

/// What every input is turned into: the box, how to fit it, the output encoding and the colour.
struct ThumbnailRequest: Sendable {
    var box: Size
    var fill: Bool
    /// The output format, or `nil` for each input's own.
    var format: ImageFormat?
    var quality: Int?
    /// What happens to an embedded ICC profile (--color-profile).
    var colorProfile: ColorProfileHandling = .keep

    /// How every input is decoded.
    var decoding: DecodingOptions { DecodingOptions(colorProfile: colorProfile) }

    /// The encoding for an input whose own format is `inputFormat`.
    func encoding(for inputFormat: ImageFormat) -> ImageEncoding {
        switch format ?? inputFormat {
        case .jpeg: quality.map { .jpeg(quality: $0) } ?? .jpeg()
        case .png: .png()
        }
    }
}
