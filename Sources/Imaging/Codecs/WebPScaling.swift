/// The size libwebp decodes a WebP at when the caller needs only `minimumSize` (its `use_scaling`
/// resamples while decoding, to any size).
enum WebPScaling {
    /// Whether scaled decoding is used at all. libwebp's scaler averages areas while converting
    /// YUV to RGB, so the full-size RGB buffer and most of the convolution are never made: `dwebp`
    /// on a 4000 × 2667 photo takes 0.09 s to 512 × 342 against 0.11 s at full size, before the
    /// convolution from full size that the scaled path saves.
    static let isEnabled = true

    /// `stored`, or — when scaling is enabled and `minimum` is at most half of it on both axes — the
    /// smallest size with the same aspect ratio that still covers `minimum`.
    static func outputSize(for stored: Size, covering minimum: Size?) -> Size {
        guard isEnabled, let minimum, minimum.width * 2 <= stored.width, minimum.height * 2 <= stored.height else {
            return stored
        }
        let factor = max(Double(minimum.width) / Double(stored.width), Double(minimum.height) / Double(stored.height))
        return Size(
            width: max(1, Int((Double(stored.width) * factor).rounded(.up))),
            height: max(1, Int((Double(stored.height) * factor).rounded(.up))))
    }
}
