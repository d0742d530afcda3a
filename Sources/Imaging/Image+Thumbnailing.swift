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
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(ImagingError) in try plan.run(on: buffer, filter: filter, options: options) }
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer in
            Result { () throws(ImagingError) in try plan.run(on: buffer, filter: filter, options: options) }
        }.get()
    }
}

/// How the one-call thumbnail path shapes its output, and the work it plans from the header alone.
struct ThumbnailPlan {
    enum Mode {
        /// Inside the box, aspect kept, never upscaled (Pillow's `Image.thumbnail`).
        case fit
        /// Exactly the box, covered and centre-cropped (Pillow's `ImageOps.fit`).
        case fill
    }

    var mode: Mode
    var box: Size
    var reducingGap: Double?

    func validate() throws(ImagingError) {
        guard box.width >= 1, box.height >= 1 else {
            throw .invalidArgument("thumbnail box \(box) must be at least 1×1")
        }
        if let reducingGap, !(reducingGap >= 1) {
            throw .invalidArgument("reducingGap must be at least 1 (got \(reducingGap))")
        }
    }

    func run(
        on buffer: UnsafeBufferPointer<UInt8>, filter: ResamplingFilter, options: DecodingOptions
    ) throws(ImagingError) -> Image {
        let info = try ImageInfo(probing: buffer)
        let work = prepare(for: info, options: options)
        if work.isWholeImage { return try Image.decode(buffer, options: options) }
        return try finish(Image.decode(buffer, options: work.decoding), work, info: info, filter: filter)
    }

    /// What the header alone decides: output size, crop, and the DCT scale to decode at.
    struct Work {
        var orientation: Orientation
        /// The output size, in stored orientation.
        var target: Size
        /// The part of the stored image to scale, in full-size stored pixels.
        var crop: Region
        /// Decoding options: orientation off (it is applied last), the DCT size hint.
        var decoding: DecodingOptions
        var scale: JPEGScale
        /// The image already fits: decode it whole, as it is.
        var isWholeImage: Bool
    }

    func prepare(for info: ImageInfo, options: DecodingOptions) -> Work {
        let orientation = options.appliesOrientation ? info.orientation : .up
        // Everything below works in stored orientation; displaySize(ofStored:) is its own inverse.
        let displayed = orientation.displaySize(ofStored: info.size)
        let target: Size
        let crop: Region
        switch mode {
        case .fit:
            target = orientation.displaySize(ofStored: displayed.thumbnailSize(fitting: box))
            crop = Region(size: info.size)
        case .fill:
            target = orientation.displaySize(ofStored: box)
            crop = Region.centredCrop(of: info.size, withAspectOf: target)
        }
        var decoding = options
        decoding.appliesOrientation = false
        var scale = JPEGScale.one
        if let reducingGap, info.format == .jpeg {
            // The crop must still hold `reducingGap` times the target after the DCT shrinks it.
            let minimum = Size(
                width: Int((Double(target.width) * reducingGap * Double(info.width) / crop.width).rounded(.up)),
                height: Int((Double(target.height) * reducingGap * Double(info.height) / crop.height).rounded(.up)))
            decoding.minimumSize = minimum
            scale = JPEGScale.smallest(for: info.size, covering: minimum)
        }
        return Work(
            orientation: orientation, target: target, crop: crop, decoding: decoding, scale: scale,
            isWholeImage: mode == .fit && target == info.size)
    }

    func finish(_ decoded: Image, _ work: Work, info: ImageInfo, filter: ResamplingFilter) throws(ImagingError)
        -> Image
    {
        // libjpeg rounds scaled sides up, so the last row and column of `decoded` are partly outside
        // the picture: map the crop through the exact factor, as Pillow's `draft` box does.
        let factor =
            decoded.size == work.scale.scaled(info.size)
            ? Double(work.scale.numerator) / Double(work.scale.denominator)
            : Double(decoded.width) / Double(info.width)
        let crop = work.crop
        let region = Region(
            x: crop.x * factor, y: crop.y * factor,
            width: min(crop.width * factor, Double(decoded.width) - crop.x * factor),
            height: min(crop.height * factor, Double(decoded.height) - crop.y * factor))
        let thumbnail =
            decoded.size == work.target && region == Region(size: work.target)
            ? decoded
            : try decoded.resized(to: work.target, from: region, filter: filter, reducingGap: reducingGap)
        return work.orientation == .up ? thumbnail : thumbnail.applyingOrientation(work.orientation)
    }
}

extension Region {
    /// The largest centred region of a `source`-size image with the aspect ratio of `target`
    /// (the crop of Pillow's `ImageOps.fit` with `centering = (0.5, 0.5)`).
    static func centredCrop(of source: Size, withAspectOf target: Size) -> Region {
        let sourceWidth = Double(source.width)
        let sourceHeight = Double(source.height)
        let targetRatio = Double(target.width) / Double(target.height)
        var width = sourceWidth
        var height = sourceHeight
        if sourceWidth / sourceHeight > targetRatio {
            width = targetRatio * sourceHeight
        } else if sourceWidth / sourceHeight < targetRatio {
            height = sourceWidth / targetRatio
        }
        let left = (sourceWidth - width) / 2
        let top = (sourceHeight - height) / 2
        return Region(x: left, y: top, width: min(width, sourceWidth - left), height: min(height, sourceHeight - top))
    }
}
