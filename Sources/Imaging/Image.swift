/// A decoded raster image: 8 bits per sample, one contiguous buffer.
///
/// Rows are stored top to bottom with no padding, so the sample for channel `c`
/// of the pixel at column `x`, row `y` is at
/// `(y * width + x) * pixelFormat.channelCount + c`. Colour is sRGB as the
/// source declared it, described by ``iccProfile`` when the source embedded one; alpha, where
/// present, is straight (not premultiplied).
///
/// `Image` is a value type with copy-on-write storage: copies are cheap until
/// one of them is mutated, and an `Image` can be sent between tasks freely.
public struct Image: Sendable, Hashable {
    /// Width in pixels, always at least 1.
    public let width: Int
    /// Height in pixels, always at least 1.
    public let height: Int
    /// The layout of one pixel.
    public let pixelFormat: PixelFormat
    /// The samples, `height * bytesPerRow` of them, in the layout described above.
    public internal(set) var pixels: [UInt8]
    /// The colour profile the pixels are in, as the source embedded it; `nil` for sRGB or unknown.
    ///
    /// Decoding keeps it (unless ``DecodingOptions/colorProfile`` says otherwise), every transform
    /// carries it, and encoding embeds it: JPEG `APP2`, PNG `iCCP`. Set it to `nil` to write none.
    public var iccProfile: ICCProfile?

    /// Creates an image from samples laid out as described in ``Image``.
    ///
    /// - Throws: ``ImagingError/invalidDimensions(width:height:)`` when a side
    ///   is not positive, ``ImagingError/invalidArgument(_:)`` when `pixels`
    ///   does not hold exactly `width * height * pixelFormat.channelCount` samples, or when
    ///   `iccProfile` describes another colour space than `pixelFormat` (an RGB profile on gray).
    public init(
        width: Int, height: Int, pixelFormat: PixelFormat, pixels: [UInt8], iccProfile: ICCProfile? = nil
    ) throws {
        guard width > 0, height > 0 else {
            throw ImagingError.invalidDimensions(width: width, height: height)
        }
        let (rowBytes, rowOverflow) = width.multipliedReportingOverflow(by: pixelFormat.channelCount)
        let (expected, overflow) = rowBytes.multipliedReportingOverflow(by: height)
        guard !rowOverflow, !overflow, pixels.count == expected else {
            throw ImagingError.invalidArgument(
                "a \(width)×\(height) \(pixelFormat) image needs \(rowOverflow || overflow ? "more than Int.max" : String(expected)) samples, got \(pixels.count)"
            )
        }
        if let iccProfile, !iccProfile.describes(pixelFormat) {
            throw ImagingError.invalidArgument(
                "a \(iccProfile.colorSpace) ICC profile cannot describe \(pixelFormat) pixels")
        }
        self.init(unchecked: width, height: height, pixelFormat: pixelFormat, pixels: pixels, iccProfile: iccProfile)
    }

    /// Creates an image whose invariants the caller has already established.
    init(
        unchecked width: Int, height: Int, pixelFormat: PixelFormat, pixels: [UInt8], iccProfile: ICCProfile? = nil
    ) {
        self.width = width
        self.height = height
        self.pixelFormat = pixelFormat
        self.pixels = pixels
        self.iccProfile = iccProfile
    }

    /// The same picture in new pixels (resized, cropped, turned, converted): what describes the
    /// picture rather than its samples — the colour profile — carries over, where it still applies.
    func derived(width: Int, height: Int, pixelFormat: PixelFormat, pixels: [UInt8]) -> Image {
        Image(
            unchecked: width, height: height, pixelFormat: pixelFormat, pixels: pixels,
            iccProfile: iccProfile?.kept(for: pixelFormat))
    }

    /// The image's size in pixels.
    public var size: Size { Size(width: width, height: height) }

    /// The number of bytes between the start of one row and the next.
    public var bytesPerRow: Int { width * pixelFormat.channelCount }
}
