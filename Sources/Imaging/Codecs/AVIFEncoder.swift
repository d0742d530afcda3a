#if HEIF
internal import CHeif

/// Encodes AVIF with libheif's AV1 encoder plugin (libaom on Debian), when libheif has one.
enum AVIFEncoder {
    /// Whether libheif found an AV1 encoder plugin at run time.
    /// Asking loads libheif (once per process); without it there is no encoder.
    static var isAvailable: Bool {
        guard let heif = try? HEIFLibrary.functions(for: .avif) else { return false }
        return heif.have_encoder_for_format(heif_compression_AV1) != 0
    }

    static func encode(_ image: Image, options: AVIFOptions) throws(ImagingError) -> [UInt8] {
        guard (1...100).contains(options.quality) else {
            throw .invalidArgument("AVIF quality must be 1...100, got \(options.quality)")
        }
        guard image.width <= Int(Int32.max), image.height <= Int(Int32.max) else {
            throw .invalidArgument("the image \(image.size) is too large for libheif")
        }
        let heif = try HEIFLibrary.functions(for: .avif)
        guard let context = heif.context_alloc() else {
            throw .encodingFailed(.avif, reason: "libheif could not allocate an encoding context")
        }
        defer { heif.context_free(context) }
        var encoder: OpaquePointer?
        let found = heif.context_get_encoder_for_format(context, heif_compression_AV1, &encoder)
        guard found.code == heif_error_Ok, let encoder else {
            throw .unsupported(.avif, feature: "encoding: libheif has no AV1 encoder plugin (\(text(found)))")
        }
        defer { heif.encoder_release(encoder) }
        try check(heif.encoder_set_lossy_quality(encoder, Int32(options.quality)))
        // AVIF has gray, but libheif's RGB input path is the one every encoder plugin takes.
        let source = image.pixelFormat.isGray ? image.converted(to: image.pixelFormat.hasAlpha ? .rgba : .rgb) : image
        let hasAlpha = source.pixelFormat == .rgba
        var picture: OpaquePointer?
        try check(
            heif.image_create(
                Int32(source.width), Int32(source.height), heif_colorspace_RGB,
                hasAlpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB, &picture))
        guard let picture else { throw .encodingFailed(.avif, reason: "libheif created no image") }
        defer { heif.image_release(picture) }
        try check(
            heif.image_add_plane(picture, heif_channel_interleaved, Int32(source.width), Int32(source.height), 8))
        var stride: Int32 = 0
        guard let plane = heif.image_get_plane(picture, heif_channel_interleaved, &stride) else {
            throw .encodingFailed(.avif, reason: "libheif gave no plane to fill")
        }
        let rowBytes = source.bytesPerRow
        source.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<source.height {
                (plane + row * Int(stride)).update(from: pixels.baseAddress! + row * rowBytes, count: rowBytes)
            }
        }
        if let profile = source.iccProfile, profile.describes(source.pixelFormat) {
            // A `colr` box of type `prof`: the profile travels with the AVIF as with JPEG and PNG.
            try check(
                profile.bytes.withUnsafeBytes { bytes in
                    heif.image_set_raw_color_profile(picture, "prof", bytes.baseAddress, bytes.count)
                })
        }
        try check(heif.context_encode_image(context, picture, encoder, nil, nil))
        let output = AVIFOutput()
        var writer = heif_writer(
            writer_api_version: 1, write: { _, data, size, userData in AVIFOutput.append(data, size, to: userData) })
        try check(heif.context_write(context, &writer, Unmanaged.passUnretained(output).toOpaque()))
        return withExtendedLifetime(output) { output.bytes }
    }

    private static func text(_ error: heif_error) -> String {
        error.message.map { String(cString: $0) } ?? "libheif error \(error.code.rawValue)"
    }

    private static func check(_ error: heif_error) throws(ImagingError) {
        guard error.code == heif_error_Ok else { throw .encodingFailed(.avif, reason: text(error)) }
    }
}

/// Collects what `heif_context_write` writes.
private final class AVIFOutput {
    var bytes: [UInt8] = []

    static func append(_ data: UnsafeRawPointer?, _ size: Int, to userData: UnsafeMutableRawPointer?) -> heif_error {
        if let data, let userData {
            let output = Unmanaged<AVIFOutput>.fromOpaque(userData).takeUnretainedValue()
            output.bytes += UnsafeRawBufferPointer(start: data, count: size)
        }
        return heif_error(code: heif_error_Ok, subcode: heif_suberror_Unspecified, message: successMessage)
    }

    /// A message that lives as long as the process, as libheif expects of `heif_error`; a
    /// static string's bytes are immutable, so sharing the pointer is safe.
    nonisolated(unsafe) private static let successMessage = UnsafeRawPointer(("Success" as StaticString).utf8Start)
        .assumingMemoryBound(to: CChar.self)
}
#endif
