#if WebP
internal import CWebP

/// Decodes still WebP (lossy VP8, lossless VP8L, extended VP8X with alpha) with libwebp.
///
/// Output: ``PixelFormat/rgba`` when the bitstream has alpha, else ``PixelFormat/rgb``. The
/// dimensions come from `WebPGetFeatures` and are checked against the pixel limit before the
/// pixel buffer exists. Animated WebP is ``ImagingError/unsupported(_:feature:)``. EXIF
/// orientation is not applied (Pillow does not either; WebP encoders write upright pixels).
enum WebPDecoder {
    static func decode(_ bytes: Span<UInt8>, options: DecodingOptions) throws(ImagingError) -> Image {
        var image = try bytes.withUnsafeBufferPointer { (data) throws(ImagingError) in
            try decode(data, options: options)
        }
        image.iccProfile = WebPHeaderParser.iccProfile(in: bytes)?.kept(for: image.pixelFormat)
        return image
    }

    private static func decode(_ data: UnsafeBufferPointer<UInt8>, options: DecodingOptions) throws(ImagingError)
        -> Image
    {
        guard let base = data.baseAddress else { throw .truncated(.webp, offset: 0) }
        var config = WebPDecoderConfig()
        guard WebPInitDecoderConfig(&config) != 0 else {
            throw .unsupported(.webp, feature: "libwebp's decoder ABI does not match its headers")
        }
        let status = WebPGetFeatures(base, data.count, &config.input)
        try check(status, dataCount: data.count)
        let stored = Size(width: Int(config.input.width), height: Int(config.input.height))
        try options.checkPixelLimit(width: stored.width, height: stored.height)
        if config.input.has_animation != 0 {
            throw .unsupported(.webp, feature: "animation (only still WebP images are decoded)")
        }
        let pixelFormat: PixelFormat = config.input.has_alpha != 0 ? .rgba : .rgb
        let output = WebPScaling.outputSize(for: stored, covering: options.minimumSize)
        if output != stored {
            config.options.use_scaling = 1
            config.options.scaled_width = Int32(output.width)
            config.options.scaled_height = Int32(output.height)
        }
        let rowBytes = output.width * pixelFormat.channelCount
        let count = rowBytes * output.height
        let pixels = try uninitializedBytes(count: count) { (pixels) throws(ImagingError) in
            config.output.colorspace = pixelFormat == .rgba ? MODE_RGBA : MODE_RGB
            config.output.is_external_memory = 1
            config.output.u.RGBA.rgba = pixels
            config.output.u.RGBA.stride = Int32(rowBytes)
            config.output.u.RGBA.size = count
            let status = WebPDecode(base, data.count, &config)
            WebPFreeDecBuffer(&config.output)
            try check(status, dataCount: data.count)
        }
        return Image(unchecked: output.width, height: output.height, pixelFormat: pixelFormat, pixels: pixels)
    }

    /// libwebp's status as a typed error.
    private static func check(_ status: VP8StatusCode, dataCount: Int) throws(ImagingError) {
        switch status {
        case VP8_STATUS_OK: return
        case VP8_STATUS_NOT_ENOUGH_DATA, VP8_STATUS_SUSPENDED: throw .truncated(.webp, offset: dataCount)
        case VP8_STATUS_UNSUPPORTED_FEATURE: throw .unsupported(.webp, feature: "a bitstream feature libwebp lacks")
        case VP8_STATUS_OUT_OF_MEMORY: throw .corrupt(.webp, reason: "libwebp ran out of memory")
        default: throw .corrupt(.webp, reason: "libwebp status \(status.rawValue) (invalid bitstream)")
        }
    }
}
#endif
