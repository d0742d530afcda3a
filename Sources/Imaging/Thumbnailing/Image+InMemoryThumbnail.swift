extension Image {
    /// Decodes `bytes` straight into a thumbnail that fits inside `box`: the fast path for uploads.
    ///
    /// ```swift
    /// let thumb = try Image(thumbnailOf: uploadedBytes, fitting: Size(square: 256))
    /// let jpeg = try thumb.encoded(as: .jpeg(quality: 85))
    /// ```
    ///
    /// The result equals `Image(decoding:)` followed by ``thumbnail(fitting:filter:reducingGap:)``
    /// in size and, to within resampling noise, in pixels, but does far less work:
    ///
    /// 1. The header alone gives the size and EXIF orientation; the output size follows
    ///    ``Size/thumbnailSize(fitting:)`` (Pillow's rule) on the displayed (oriented) size.
    /// 2. A JPEG is decoded already shrunk by the DCT to the smallest scale that keeps at least
    ///    `reducingGap` times the target on both axes (Pillow's `draft` with `reducing_gap`,
    ///    with TurboJPEG's finer eighths), so a 20-megapixel photo is never decoded at full size.
    /// 3. The remaining reduction is one convolution over the exact fractional extent of the
    ///    scaled image (libjpeg rounds scaled sides up), in stored orientation.
    /// 4. The orientation is applied last, to the small image.
    ///
    /// An image that already fits is decoded at full size and returned as it is (never upscaled).
    /// `reducingGap: nil` decodes at full size and convolves all the way: the reference quality.
    ///
    /// - Throws: every error of ``init(decoding:options:)``, and ``ImagingError/invalidArgument(_:)``
    ///   when a side of `box` is below 1 or `reducingGap` is below 1.
    public init(
        thumbnailOf bytes: some Collection<UInt8>, fitting box: Size, filter: ResamplingFilter = .bicubic,
        reducingGap: Double? = 2.0, options: DecodingOptions = .default
    ) throws(ImagingError) {
        self = try Image.thumbnail(
            of: bytes, plan: ThumbnailPlan(mode: .fit, box: box, reducingGap: reducingGap), filter: filter,
            options: options)
    }

    /// Decodes `bytes` straight into an image of exactly `size`, scaled to cover it and centre-cropped:
    /// Pillow's `ImageOps.fit` (CSS `object-fit: cover`), with the fast path of
    /// ``init(thumbnailOf:fitting:filter:reducingGap:options:)``.
    ///
    /// ```swift
    /// let avatar = try Image(thumbnailOf: uploadedBytes, filling: Size(square: 128))
    /// ```
    ///
    /// The crop is the largest centred region of the displayed image with the aspect ratio of `size`;
    /// it is resampled in one pass with its fractional edges. Small images are upscaled, as Pillow's
    /// `fit` does.
    ///
    /// - Throws: as ``init(thumbnailOf:fitting:filter:reducingGap:options:)``.
    public init(
        thumbnailOf bytes: some Collection<UInt8>, filling size: Size, filter: ResamplingFilter = .bicubic,
        reducingGap: Double? = 2.0, options: DecodingOptions = .default
    ) throws(ImagingError) {
        self = try Image.thumbnail(
            of: bytes, plan: ThumbnailPlan(mode: .fill, box: size, reducingGap: reducingGap), filter: filter,
            options: options)
    }

    private static func thumbnail(
        of bytes: some Collection<UInt8>, plan: ThumbnailPlan, filter: ResamplingFilter, options: DecodingOptions
    ) throws(ImagingError) -> Image {
        try plan.validate()
        var result: Result<Image, ImagingError>?
        withContiguousBytes(bytes) { bytes in
            result = Result { () throws(ImagingError) in try plan.run(on: bytes, filter: filter, options: options) }
        }
        return try result!.get()
    }
}
