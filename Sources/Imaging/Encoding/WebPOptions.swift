/// WebP encoding settings. The defaults are Pillow's (`quality=80`, lossy).
///
/// Alpha is always kept: an ``PixelFormat/rgba`` or ``PixelFormat/grayAlpha`` image is written
/// with an alpha channel, the others without. Gray is written as colour (WebP has no gray mode).
public struct WebPOptions: Sendable, Hashable {
    /// Quality 1–100; 80 by default. For lossy files it trades size for fidelity (libwebp's
    /// `quality`); for lossless ones it is the effort spent on compression, never the fidelity.
    /// Out-of-range values throw ``ImagingError/invalidArgument(_:)``.
    public var quality: Int
    /// Whether to write lossless VP8L, which keeps every pixel exactly, including the colour under
    /// fully transparent pixels (libwebp's `exact`). Off by default.
    public var lossless: Bool

    /// Creates WebP settings.
    public init(quality: Int = 80, lossless: Bool = false) {
        self.quality = quality
        self.lossless = lossless
    }
}
