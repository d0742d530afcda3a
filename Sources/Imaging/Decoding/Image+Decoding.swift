extension Image {
    /// Decodes an image, detecting the format from its signature.
    ///
    /// ```swift
    /// let image = try Image(decoding: uploadedBytes)
    /// let preview = try Image(decoding: bytes, options: .init(minimumSize: Size(width: 512, height: 512)))
    /// ```
    ///
    /// - JPEG: baseline, extended, progressive, arithmetic-coded, with restart markers; grayscale
    ///   decodes to ``PixelFormat/gray``, everything else to ``PixelFormat/rgb`` (CMYK and Adobe
    ///   YCCK are converted as Pillow converts them). EXIF orientation is applied unless
    ///   ``DecodingOptions/appliesOrientation`` is off.
    /// - PNG: every colour type and bit depth, `tRNS`, Adam7; see ``PixelFormat`` for the output.
    ///   The orientation of an `eXIf` chunk, raw EXIF text or XMP is applied likewise.
    /// - The embedded ICC profile is kept on ``Image/iccProfile``, converted or dropped as
    ///   ``DecodingOptions/colorProfile`` says. EXIF and XMP are read for the orientation only and
    ///   never kept: nothing of them (GPS, serial numbers, embedded thumbnails) reaches an output.
    /// - WebP (trait `WebP`): lossy, lossless and extended still images; ``PixelFormat/rgba`` when
    ///   the bitstream has alpha, else ``PixelFormat/rgb``. Animated WebP is unsupported.
    /// - GIF (trait `GIF`): the first frame only, on the logical screen as Pillow shows it;
    ///   ``PixelFormat/rgba`` when it has a transparent colour, else ``PixelFormat/rgb``.
    /// - HEIC, HEIF, AVIF (trait `HEIF`): the primary image, with the file's rotation and mirror
    ///   boxes applied by libheif, alpha kept. The EXIF orientation is never applied on top: HEIF
    ///   makes its transformation boxes authoritative.
    /// A format whose trait this build lacks throws ``ImagingError/notCompiled(_:trait:)``.
    ///
    /// Cost: one pass over the data into one buffer of `width * height * channels` bytes (plus one
    /// copy when an orientation other than ``Orientation/up`` is applied, or when `bytes` is not
    /// contiguous). The pixel limit is checked from the header before that buffer exists.
    /// Safe to call from many tasks at once: each call owns its codec state.
    ///
    /// - Throws: ``ImagingError/unrecognizedFormat(prefix:)``, ``ImagingError/truncated(_:offset:)``,
    ///   ``ImagingError/corrupt(_:reason:)``, ``ImagingError/unsupported(_:feature:)`` (12-bit,
    ///   lossless JPEG, animated WebP, a HEIF codec libheif has no plugin for),
    ///   ``ImagingError/tooManyPixels(width:height:limit:)``,
    ///   ``ImagingError/invalidDimensions(width:height:)``, ``ImagingError/notCompiled(_:trait:)``.
    public init(decoding bytes: some Collection<UInt8>, options: DecodingOptions = .default) throws(ImagingError) {
        var result: Result<Image, ImagingError>?
        withContiguousBytes(bytes) { bytes in
            result = Result { () throws(ImagingError) in try Image.decode(bytes, options: options) }
        }
        self = try result!.get()
    }

    static func decode(_ bytes: Span<UInt8>, options: DecodingOptions) throws(ImagingError) -> Image {
        guard let format = ImageFormat(detecting: bytes) else {
            throw ImagingError.unrecognizedFormat(prefix: ImageFormat.prefix(of: bytes))
        }
        let image: Image
        switch format {
        case .jpeg: image = try JPEGDecoder.decode(bytes, options: options)
        case .png: image = try PNGDecoder.decode(bytes, options: options)
        case .webp:
            #if WebP
            image = try WebPDecoder.decode(bytes, options: options)
            #else
            throw format.notCompiled
            #endif
        case .gif:
            #if GIF
            image = try GIFDecoder.decode(bytes, options: options)
            #else
            throw format.notCompiled
            #endif
        case .heic, .heif, .avif:
            #if HEIF
            image = try HEIFDecoder.decode(bytes, format: format, options: options)
            #else
            throw format.notCompiled
            #endif
        }
        return try image.handlingColorProfile(options.colorProfile)
    }
}
