/// What an encoded image's header says, read without decoding any pixels.
///
/// The Swift counterpart of Django's `get_image_dimensions` and Pillow's lazy `Image.open`:
/// ```swift
/// let info = try ImageInfo(probing: firstKilobytes)
/// print(info.format, info.displaySize)   // JPEG 1800×1200
/// ```
/// Probing parses JPEG markers up to the frame header (including the APP1 Exif segment) or PNG
/// chunks up to the first `IDAT`, in pure Swift: it never allocates a pixel buffer and costs
/// O(header bytes). It reports sizes but does not enforce ``DecodingOptions/maximumPixelCount``;
/// decoding does.
///
/// When `bytes` is only a prefix of the file and the header continues past it, the probe throws
/// ``ImagingError/truncated(_:offset:)``: read more (Django doubles 1 KiB, 2 KiB, 4 KiB, …) and
/// probe again.
public struct ImageInfo: Sendable, Hashable {
    /// The encoded format, detected from the signature.
    public var format: ImageFormat
    /// The width as stored, before EXIF orientation.
    public var width: Int
    /// The height as stored, before EXIF orientation.
    public var height: Int
    /// The EXIF orientation (JPEG), ``Orientation/up`` when absent and for PNG.
    public var orientation: Orientation
    /// Whether the decoded image has an alpha channel (PNG alpha or `tRNS`; never for JPEG).
    public var hasAlpha: Bool
    /// The pixel format ``Image/init(decoding:options:)`` produces for this image.
    public var pixelFormat: PixelFormat
    /// Bits per sample as stored: 1, 2, 4, 8 or 16 for PNG, 8 for JPEG.
    public var bitDepth: Int
    /// Whether the JPEG is progressive (SOF2 or SOF10).
    public var isProgressive: Bool
    /// Whether the PNG is Adam7-interlaced.
    public var isInterlaced: Bool
    /// The number of colour components a JPEG stores (1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK); the
    /// channel count of the PNG colour type.
    public var componentCount: Int

    /// The stored size.
    public var size: Size { Size(width: width, height: height) }

    /// The size the image displays at, with ``orientation`` applied.
    public var displaySize: Size { orientation.displaySize(ofStored: size) }

    /// Reads the header of a JPEG or PNG image.
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
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(ImagingError) in try ImageInfo(probing: buffer) }
        }
        self = try (result ?? Result { () throws(ImagingError) in try ImageInfo(probing: Array(bytes)) }).get()
    }

    init(probing buffer: UnsafeBufferPointer<UInt8>) throws(ImagingError) {
        switch ImageFormat(detecting: buffer) {
        case .jpeg: self = try JPEGHeaderParser.parse(buffer)
        case .png: self = try PNGHeaderParser.parse(buffer)
        case nil:
            if let format = Self.formatStarted(by: buffer) {
                throw .truncated(format, offset: buffer.count)
            }
            throw .unrecognizedFormat(prefix: Array(buffer.prefix(8)))
        }
    }

    init(
        format: ImageFormat, width: Int, height: Int, orientation: Orientation = .up, hasAlpha: Bool,
        pixelFormat: PixelFormat, bitDepth: Int, isProgressive: Bool = false, isInterlaced: Bool = false,
        componentCount: Int
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
    }

    /// The format whose signature a prefix too short to identify begins, if any.
    private static func formatStarted(by buffer: UnsafeBufferPointer<UInt8>) -> ImageFormat? {
        guard !buffer.isEmpty else { return nil }
        let signatures: [(ImageFormat, [UInt8])] = [
            (.jpeg, [0xFF, 0xD8, 0xFF]), (.png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ]
        return signatures.first { $0.1.count > buffer.count && $0.1.starts(with: buffer) }?.0
    }
}
