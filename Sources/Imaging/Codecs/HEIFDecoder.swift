#if HEIF
internal import CHeif

/// Decodes the primary image of a HEIC, HEIF or AVIF file with libheif.
///
/// The pure-Swift header pass (``HEIFHeaderParser``) checks the size against the pixel limit
/// before libheif reads anything; the primary image handle's size (after the transformations) is
/// checked again, and libheif's own security limit is set to the same bound. libheif applies
/// `irot`, `imir` and `clap` while decoding (its default options); the EXIF orientation is
/// never applied on top, as HEIF makes those boxes authoritative. Output is 8-bit interleaved
/// RGB, or RGBA when the image has an alpha plane.
enum HEIFDecoder {
    static func decode(_ bytes: Span<UInt8>, format: ImageFormat, options: DecodingOptions) throws(ImagingError)
        -> Image
    {
        let info = try HEIFHeaderParser.parse(bytes)
        try options.checkPixelLimit(width: info.width, height: info.height)
        // Only now, with a well-formed header within the limit, is libheif loaded (once per process).
        let heif = try HEIFLibrary.functions(for: format)
        let image = try bytes.withUnsafeBufferPointer { (data) throws(ImagingError) in
            try decode(data, format: format, info: info, options: options, heif: heif)
        }
        return image
    }

    private static func decode(
        _ data: UnsafeBufferPointer<UInt8>, format: ImageFormat, info: ImageInfo, options: DecodingOptions,
        heif: cheif_functions
    ) throws(ImagingError) -> Image {
        let context = try HEIFContext(format: format, dataCount: data.count, heif: heif)
        // libheif compares each side with this; the pixel count is ours to check.
        heif.context_set_maximum_image_size_limit(context.raw, Int32(clamping: options.maximumPixelCount))
        try context.check(
            heif.context_read_from_memory_without_copy(context.raw, data.baseAddress, data.count, nil), info: info,
            limit: options.maximumPixelCount)
        var handle: OpaquePointer?
        try context.check(heif.context_get_primary_image_handle(context.raw, &handle), info: info, limit: 0)
        guard let handle else { throw .corrupt(format, reason: "libheif returned no primary image") }
        defer { heif.image_handle_release(handle) }
        try options.checkPixelLimit(
            width: Int(heif.image_handle_get_width(handle)), height: Int(heif.image_handle_get_height(handle)))
        // The header pass's answer (an `auxl` alpha plane of the primary item) decides, so that the
        // probe always predicts the pixel format; libheif fills alpha with 255 when it has none.
        let hasAlpha = info.hasAlpha
        var decoded: OpaquePointer?
        try context.check(
            heif.decode_image(
                handle, &decoded, heif_colorspace_RGB,
                hasAlpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB, nil),
            info: info, limit: options.maximumPixelCount)
        guard let decoded else { throw .corrupt(format, reason: "libheif decoded no image") }
        defer { heif.image_release(decoded) }
        let width = Int(heif.image_get_width(decoded, heif_channel_interleaved))
        let height = Int(heif.image_get_height(decoded, heif_channel_interleaved))
        try options.checkPixelLimit(width: width, height: height)
        // A clean aperture with odd offsets, or a damaged size box, can make libheif's output
        // differ from what the header says; the probe (and the thumbnail plan built on it)
        // must never be wrong about a decodable image.
        guard width == info.width, height == info.height else {
            throw .corrupt(format, reason: "libheif decoded \(width)×\(height), the header says \(info.size)")
        }
        var stride: Int32 = 0
        guard let plane = heif.image_get_plane_readonly(decoded, heif_channel_interleaved, &stride) else {
            throw .corrupt(format, reason: "libheif decoded no interleaved plane")
        }
        let pixelFormat: PixelFormat = hasAlpha ? .rgba : .rgb
        let rowBytes = width * pixelFormat.channelCount
        guard Int(stride) >= rowBytes else { throw .corrupt(format, reason: "libheif's row stride is too short") }
        let pixels = try uninitializedBytes(count: rowBytes * height) { (pixels) throws(ImagingError) in
            for row in 0..<height {
                (pixels + row * rowBytes).update(from: plane + row * Int(stride), count: rowBytes)
            }
        }
        return Image(
            unchecked: width, height: height, pixelFormat: pixelFormat, pixels: pixels,
            iccProfile: iccProfile(of: handle, heif: heif)?.kept(for: pixelFormat))
    }

    /// The primary image's ICC profile (`colr` box of type `prof` or `rICC`), or `nil` for none, an
    /// `nclx` colour description (not a profile), a damaged one or one over the 4 MiB limit.
    private static func iccProfile(of handle: OpaquePointer, heif: cheif_functions) -> ICCProfile? {
        let type = heif.image_handle_get_color_profile_type(handle)
        guard type == heif_color_profile_type_prof || type == heif_color_profile_type_rICC else { return nil }
        let size = heif.image_handle_get_raw_color_profile_size(handle)
        guard size > 0, size <= ICCProfile.maximumSize else { return nil }
        var bytes = [UInt8](repeating: 0, count: size)
        let error = bytes.withUnsafeMutableBytes { heif.image_handle_get_raw_color_profile(handle, $0.baseAddress) }
        return error.code == heif_error_Ok ? ICCProfile(embedded: bytes) : nil
    }
}

/// Owns a `heif_context`; `deinit` frees it on every path. Turns libheif's errors into typed ones.
private struct HEIFContext: ~Copyable {
    let raw: OpaquePointer
    let format: ImageFormat
    let dataCount: Int
    let heif: cheif_functions

    init(format: ImageFormat, dataCount: Int, heif: cheif_functions) throws(ImagingError) {
        // NULL only when libheif cannot allocate (a direct call would have crashed on it).
        guard let raw = heif.context_alloc() else {
            throw .corrupt(format, reason: "libheif could not allocate a decoding context")
        }
        self.raw = raw
        self.format = format
        self.dataCount = dataCount
        self.heif = heif
    }

    /// Throws the typed error for a libheif failure: data ending early is `.truncated`, a
    /// missing decoder plugin or codec `.unsupported`, the security limit `.tooManyPixels`.
    func check(_ error: heif_error, info: ImageInfo, limit: Int) throws(ImagingError) {
        guard error.code != heif_error_Ok else { return }
        let message = error.message.map { String(cString: $0) } ?? "libheif error \(error.code.rawValue)"
        if error.subcode == heif_suberror_End_of_data { throw .truncated(format, offset: dataCount) }
        if error.subcode == heif_suberror_Security_limit_exceeded {
            throw .tooManyPixels(width: info.width, height: info.height, limit: limit)
        }
        switch error.code {
        case heif_error_Unsupported_feature, heif_error_Unsupported_filetype, heif_error_Decoder_plugin_error:
            throw .unsupported(format, feature: message)
        default:
            throw .corrupt(format, reason: message)
        }
    }

    deinit { heif.context_free(raw) }
}
#endif
