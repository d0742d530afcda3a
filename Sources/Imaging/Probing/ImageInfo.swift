/// What an encoded image's header says, read without decoding any pixels.
///
/// The Swift counterpart of Django's `get_image_dimensions` and Pillow's lazy `Image.open`:
/// ```swift
/// let info = try ImageInfo(probing: firstKilobytes)
/// print(info.format, info.displaySize)   // JPEG 1800×1200
/// ```
/// Probing parses JPEG markers up to the frame header (including the APP1 Exif and APP2 ICC segments), PNG
/// chunks up to the first `IDAT`, a WebP's first chunk, a GIF's records up to its first image
/// descriptor, or a HEIF file's `meta` box (primary item, `ispe`, `irot`, alpha), in Swift — in
/// every build, with or without the codecs' traits (zlib inflates compressed PNG chunks, at most 4 MiB
/// each): it never allocates a pixel buffer and costs O(header bytes). It reports sizes but does not enforce ``DecodingOptions/maximumPixelCount``;
/// decoding does.
///
/// When `bytes` is only a prefix of the file and the header continues past it, the probe throws
/// ``ImagingError/truncated(_:offset:)``: read more (Django doubles 1 KiB, 2 KiB, 4 KiB, …) and
/// probe again.
public struct ImageInfo: Sendable, Hashable {
    /// The encoded format, detected from the signature.
    public var format: ImageFormat
    /// The width as stored, before EXIF orientation. For HEIC, HEIF and AVIF it is the width after
    /// the file's `irot` rotation, as libheif decodes it.
    public var width: Int
    /// The height as stored, before EXIF orientation; after `irot` for the HEIF family.
    public var height: Int
    /// The EXIF orientation (JPEG), ``Orientation/up`` when absent and for every other format
    /// (HEIF's own transformations are already in ``width`` and ``height``).
    public var orientation: Orientation
    /// Whether the decoded image has an alpha channel (PNG alpha or `tRNS`, WebP alpha, a GIF's
    /// transparent colour, a HEIF alpha plane; never for JPEG).
    public var hasAlpha: Bool
    /// The pixel format ``Image/init(decoding:options:)`` produces for this image.
    public var pixelFormat: PixelFormat
    /// Bits per sample as stored: 1, 2, 4, 8 or 16 for PNG, 8 for JPEG, WebP and GIF (the palette
    /// entries), 8, 10 or 12 for HEIF (its `pixi` box; 8 when absent).
    public var bitDepth: Int
    /// Whether the JPEG is progressive (SOF2 or SOF10).
    public var isProgressive: Bool
    /// Whether the PNG is Adam7-interlaced.
    public var isInterlaced: Bool
    /// The number of colour components a JPEG stores (1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK); the
    /// channel count of the PNG colour type; the channel count of ``pixelFormat`` for the others.
    public var componentCount: Int
    /// The embedded ICC profile (JPEG `APP2` chunks before the frame header, PNG `iCCP` before the
    /// image data), when it is a valid one; damaged and over-limit profiles read as none.
    public var iccProfile: ICCProfile?

    /// The stored size.
    public var size: Size { Size(width: width, height: height) }

    /// The size the image displays at, with ``orientation`` applied.
    public var displaySize: Size { orientation.displaySize(ofStored: size) }

    /// Reads the header of an image in any ``ImageFormat``.
    ///
    /// Cost: O(bytes up to the frame header / first `IDAT`); no pixel decoding, no large allocation.
    ///
    /// - Throws: ``ImagingError/unrecognizedFormat(prefix:)`` for other data,
    ///   ``ImagingError/truncated(_:offset:)`` when `bytes` ends inside the header,
    ///   ``ImagingError/corrupt(_:reason:)`` for an impossible header,
    ///   ``ImagingError/unsupported(_:feature:)`` for 12-bit, lossless and hierarchical JPEGs
    ///   (which cannot be decoded either), ``ImagingError/invalidDimensions(width:height:)`` for
    ///   a zero side.
    public init(probing bytes: some Collection<UInt8>) throws(ImagingError) {
        var result: Result<ImageInfo, ImagingError>?
        withContiguousBytes(bytes) { bytes in
            result = Result { () throws(ImagingError) in try ImageInfo(probing: bytes) }
        }
        self = try result!.get()
    }

    init(probing bytes: Span<UInt8>) throws(ImagingError) {
        switch ImageFormat(detecting: bytes) {
        case .jpeg: self = try JPEGHeaderParser.parse(bytes)
        case .png: self = try PNGHeaderParser.parse(bytes)
        case .webp: self = try WebPHeaderParser.parse(bytes)
        case .gif: self = try GIFHeaderParser.parse(bytes)
        case .heic, .heif, .avif: self = try HEIFHeaderParser.parse(bytes)
        case nil:
            if let format = Self.formatStarted(by: bytes) {
                throw .truncated(format, offset: bytes.count)
            }
            throw .unrecognizedFormat(prefix: ImageFormat.prefix(of: bytes))
        }
    }

    init(
        format: ImageFormat, width: Int, height: Int, orientation: Orientation = .up, hasAlpha: Bool,
        pixelFormat: PixelFormat, bitDepth: Int, isProgressive: Bool = false, isInterlaced: Bool = false,
        componentCount: Int, iccProfile: ICCProfile? = nil
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.orientation = orientation
        self.hasAlpha = hasAlpha
        self.pixelFormat = pixelFormat
        self.bitDepth = bitDepth
        self.isProgressive = isProgressive
        self.isInterlaced = isInterlaced
        self.componentCount = componentCount
        self.iccProfile = iccProfile
    }

    /// The format whose signature a prefix too short to identify begins, if any.
    private static func formatStarted(by bytes: Span<UInt8>) -> ImageFormat? {
        ImageFormat.started(by: bytes)
    }
}
