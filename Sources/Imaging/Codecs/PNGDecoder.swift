internal import CImagingShims

/// Decodes PNG with libpng's full API through CImagingShims.
///
/// Output: gray, gray+alpha, RGB or RGBA at 8 bits. Palettes and low bit depths are expanded,
/// `tRNS` becomes alpha, 16-bit samples keep their most significant byte (as Pillow does for
/// RGB/RGBA; Pillow keeps 16-bit gray as `I;16`, we reduce it the same way). `gAMA`, `cHRM`,
/// `sBIT` and `bKGD` are ignored, exactly as Pillow ignores them. The `iCCP` profile and the
/// orientation come from the Swift header pass (``PNGMetadata``), which libpng is told to skip.
enum PNGDecoder {
    static func decode(_ bytes: Span<UInt8>, options: DecodingOptions) throws(ImagingError) -> Image {
        let image = try bytes.withUnsafeBufferPointer { (data) throws(ImagingError) in
            try decode(data, options: options)
        }
        // libpng decides what decodes; a header the Swift pass rejects only means no metadata.
        guard let info = try? PNGHeaderParser.parse(bytes) else { return image }
        let orientation = options.appliesOrientation ? info.orientation : .up
        var oriented = orientation == .up ? image : image.applyingOrientation(orientation)
        oriented.iccProfile = info.iccProfile?.kept(for: oriented.pixelFormat)
        return oriented
    }

    private static func decode(_ data: UnsafeBufferPointer<UInt8>, options: DecodingOptions) throws(ImagingError)
        -> Image
    {
        let reader = try PNGReader(data)
        let header = reader.header
        let width = Int(header.width)
        let height = Int(header.height)
        try options.checkPixelLimit(width: width, height: height)
        let pixelFormat: PixelFormat = [.gray, .grayAlpha, .rgb, .rgba][Int(header.channels) - 1]
        let rowBytes = width * pixelFormat.channelCount
        let pixels = try uninitializedBytes(count: rowBytes * height) { (pixels) throws(ImagingError) in
            try reader.readPixels(into: pixels, rowBytes: rowBytes, allowTruncated: options.allowTruncated)
        }
        return Image(unchecked: width, height: height, pixelFormat: pixelFormat, pixels: pixels)
    }
}

/// Owns a shim PNG reader; `deinit` frees libpng's structures on every path.
private struct PNGReader: ~Copyable {
    let raw: OpaquePointer
    let header: ims_png_header
    let dataCount: Int

    init(_ data: UnsafeBufferPointer<UInt8>) throws(ImagingError) {
        var raw: OpaquePointer?
        var header = ims_png_header()
        try callShim(.png, dataCount: data.count) { message in
            ims_png_read_header(data.baseAddress, data.count, &raw, &header, message)
        }
        guard let raw else { throw .corrupt(.png, reason: "libpng returned no reader") }
        self.raw = raw
        self.header = header
        self.dataCount = data.count
    }

    func readPixels(
        into pixels: UnsafeMutablePointer<UInt8>, rowBytes: Int, allowTruncated: Bool
    ) throws(ImagingError) {
        try callShim(.png, dataCount: dataCount) { message in
            ims_png_read_pixels(raw, pixels, rowBytes, allowTruncated ? 1 : 0, message)
        }
    }

    deinit { ims_png_reader_destroy(raw) }
}
