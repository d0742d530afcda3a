#if WebP
internal import CWebP

/// Encodes WebP with libwebp's advanced API (for `lossless` with `exact`, and the quality); the
/// image's ICC profile goes into an `ICCP` chunk (``WebPICCChunk``).
enum WebPEncoder {
    /// WebP's largest side.
    static let maximumSide = 16383

    static func encode(_ image: Image, options: WebPOptions) throws(ImagingError) -> [UInt8] {
        guard (1...100).contains(options.quality) else {
            throw .invalidArgument("WebP quality must be 1...100, got \(options.quality)")
        }
        guard image.width <= maximumSide, image.height <= maximumSide else {
            throw .invalidArgument("WebP sides are at most \(maximumSide) pixels, the image is \(image.size)")
        }
        // WebP has no gray mode: gray is imported as colour, with its alpha if any.
        let source = image.pixelFormat.isGray ? image.converted(to: image.pixelFormat.hasAlpha ? .rgba : .rgb) : image
        var config = WebPConfig()
        guard WebPConfigInit(&config) != 0 else {
            throw .encodingFailed(.webp, reason: "libwebp's encoder ABI does not match its headers")
        }
        config.quality = Float(options.quality)
        config.lossless = options.lossless ? 1 : 0
        // Lossless keeps the colour of fully transparent pixels too, so a round trip is exact.
        config.exact = options.lossless ? 1 : 0
        var picture = WebPPicture()
        guard WebPPictureInit(&picture) != 0 else {
            throw .encodingFailed(.webp, reason: "libwebp's picture ABI does not match its headers")
        }
        defer { WebPPictureFree(&picture) }
        picture.use_argb = options.lossless ? 1 : 0
        picture.width = Int32(source.width)
        picture.height = Int32(source.height)
        let imported = source.pixels.withUnsafeBufferPointer { pixels in
            source.pixelFormat == .rgba
                ? WebPPictureImportRGBA(&picture, pixels.baseAddress, Int32(source.bytesPerRow))
                : WebPPictureImportRGB(&picture, pixels.baseAddress, Int32(source.bytesPerRow))
        }
        guard imported != 0 else { throw .encodingFailed(.webp, reason: "libwebp could not import the pixels") }
        var writer = WebPMemoryWriter()
        WebPMemoryWriterInit(&writer)
        defer { WebPMemoryWriterClear(&writer) }
        let encoded = withUnsafeMutablePointer(to: &writer) { writer in
            picture.writer = WebPMemoryWrite
            picture.custom_ptr = UnsafeMutableRawPointer(writer)
            return WebPEncode(&config, &picture)
        }
        guard encoded != 0, let memory = writer.mem else {
            throw .encodingFailed(.webp, reason: "libwebp error \(picture.error_code.rawValue)")
        }
        let webp = Array(UnsafeBufferPointer(start: memory, count: writer.size))
        guard let profile = source.iccProfile, profile.describes(source.pixelFormat) else { return webp }
        return WebPICCChunk.inserting(
            profile, into: webp, width: source.width, height: source.height, hasAlpha: source.pixelFormat.hasAlpha)
    }
}
#endif
