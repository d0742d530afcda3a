/// How ``Image/init(decoding:options:)`` decodes: limits, orientation, truncation and a size hint.
///
/// ```swift
/// var options = DecodingOptions()
/// options.minimumSize = Size(width: 512, height: 512)   // decode a JPEG already scaled down
/// let image = try Image(decoding: bytes, options: options)
/// ```
public struct DecodingOptions: Sendable, Hashable {
    /// The largest `width * height` accepted, checked from the header before any pixel buffer
    /// is allocated; larger images throw ``ImagingError/tooManyPixels(width:height:limit:)``.
    ///
    /// The default, 89,478,485, is Pillow's `MAX_IMAGE_PIXELS` (a quarter gigabyte as RGB).
    /// The limit applies to the stored size, even when ``minimumSize`` lets a JPEG decode smaller.
    public var maximumPixelCount: Int = DecodingOptions.defaultMaximumPixelCount

    /// Whether the stored orientation (a JPEG's EXIF; a PNG's `eXIf`, raw EXIF text or XMP) is
    /// applied, so that the image comes out upright.
    ///
    /// On by default (libvips and browsers do the same; Pillow needs `ImageOps.exif_transpose`).
    /// When off, pixels come out as stored.
    public var appliesOrientation: Bool = true

    /// Whether truncated data still yields an image.
    ///
    /// Off by default: a JPEG or PNG that ends before its image does throws
    /// ``ImagingError/truncated(_:offset:)``, where libjpeg-turbo would otherwise warn and fill the
    /// missing part with grey. When on, the decoder returns what it could decode (as Pillow's
    /// `ImageFile.LOAD_TRUNCATED_IMAGES = True`), and the PNG decoder skips the checks after the
    /// last row (a missing `IEND`, a bad CRC on the final `IDAT`). A JPEG scan that reaches a marker
    /// before its last block counts as truncated too. Damage libjpeg recovers from completely
    /// (extraneous bytes between markers) decodes either way, as in Pillow. WebP, GIF and the HEIF
    /// family have no partial decode here: cut short, they throw ``ImagingError/truncated(_:offset:)``
    /// (or ``ImagingError/corrupt(_:reason:)``) either way.
    public var allowTruncated: Bool = false

    /// The smallest size the caller needs, in display orientation (after ``appliesOrientation``).
    ///
    /// A JPEG is then decoded with the smallest DCT scaling factor (1/8, 1/4, 3/8, 1/2, … 1) whose
    /// output is still at least this large on both axes, which is much faster and smaller than a
    /// full decode. Scaled sides round up (TurboJPEG's `TJSCALED`), so 1801 pixels at 1/4 give 451.
    /// Thumbnailing passes twice the target size (Pillow's `reducing_gap = 2`). A WebP at least
    /// twice as large on both axes is decoded by libwebp straight to the smallest size with its
    /// aspect ratio that covers it (rounded up). PNG, GIF and the HEIF family ignore it.
    /// `nil` (the default) decodes at full size.
    public var minimumSize: Size? = nil

    /// What happens to an embedded ICC profile: kept on ``Image/iccProfile`` (the default), so the
    /// output carries it and shows the source's colours; converted to sRGB; or dropped.
    public var colorProfile: ColorProfileHandling = .keep

    /// Pillow's `Image.MAX_IMAGE_PIXELS`: `1024 * 1024 * 1024 / 4 / 3`.
    public static let defaultMaximumPixelCount = 89_478_485

    /// The defaults: Pillow's pixel limit, orientation applied, truncation rejected, full size, the
    /// colour profile kept.
    public static let `default` = DecodingOptions()

    /// Creates options; every parameter has the default described on its property.
    public init(
        maximumPixelCount: Int = DecodingOptions.defaultMaximumPixelCount,
        appliesOrientation: Bool = true,
        allowTruncated: Bool = false,
        minimumSize: Size? = nil,
        colorProfile: ColorProfileHandling = .keep
    ) {
        self.maximumPixelCount = maximumPixelCount
        self.appliesOrientation = appliesOrientation
        self.allowTruncated = allowTruncated
        self.minimumSize = minimumSize
        self.colorProfile = colorProfile
    }

    /// Throws unless a `width` × `height` image is within ``maximumPixelCount``.
    func checkPixelLimit(width: Int, height: Int) throws(ImagingError) {
        guard width > 0, height > 0 else { throw .invalidDimensions(width: width, height: height) }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > maximumPixelCount {
            throw .tooManyPixels(width: width, height: height, limit: maximumPixelCount)
        }
    }
}
