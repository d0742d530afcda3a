extension Image {
    /// The largest output a resize may produce: Pillow's hard decompression-bomb
    /// threshold (2 × `MAX_IMAGE_PIXELS`), so a mistyped size cannot exhaust memory.
    static let maximumResizedPixelCount = 178_956_970
    /// The longest output side, which bounds the per-axis coefficient tables.
    static let maximumResizedSide = 1 << 20

    /// Returns the image resampled to exactly `size`; the aspect ratio is not kept.
    ///
    /// ```swift
    /// let banner = try image.resized(to: Size(width: 1200, height: 300), filter: .lanczos)
    /// // Crop and scale in one pass: the middle of the image, half size.
    /// let middle = try image.resized(
    ///     to: Size(width: 100, height: 100),
    ///     from: Region(x: 50, y: 50, width: 200, height: 200))
    /// ```
    ///
    /// Matches Pillow's `Image.resize(size, resample, box, reducing_gap)`:
    /// a separable convolution whose kernel is widened by the downscale factor
    /// (see ``ResamplingFilter``), images with alpha resampled premultiplied.
    /// Resizing to the image's own size with no region returns an identical copy.
    ///
    /// - Parameters:
    ///   - size: The output size; both sides at least 1.
    ///   - region: The part of the source to scale, in source pixels, with
    ///     fractional edges allowed (Pillow's `box`). `nil` means the whole image.
    ///   - filter: The resampling filter; `.bicubic` by default, as Pillow.
    ///   - reducingGap: When set (≥ 1), first shrinks by an integer box average
    ///     until the remaining scale is at most this factor, then convolves: much
    ///     faster for large reductions, and from 2 up indistinguishable in practice.
    ///     `nil` (the default) convolves the whole way, as Pillow's `resize`.
    /// - Returns: A new image in the same pixel format.
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when `size` has a side
    ///   below 1, above 2²⁰, or more pixels than 178,956,970 (twice Pillow's
    ///   `MAX_IMAGE_PIXELS`), when `region` is empty or leaves the
    ///   image, or when `reducingGap` is below 1.
    ///
    /// Cost: O(output pixels × taps + intermediate pixels × taps), where taps is
    /// about `2 × support × scale` per axis (Lanczos on a 10× reduction: ~60);
    /// one intermediate buffer; a copy of the source when it has alpha.
    public func resized(
        to size: Size, from region: Region? = nil, filter: ResamplingFilter = .bicubic,
        reducingGap: Double? = nil
    ) throws(ImagingError) -> Image {
        try Image.validate(outputSize: size)
        let region = region ?? Region(size: self.size)
        try validate(region: region)
        if let reducingGap, !(reducingGap >= 1) {
            throw .invalidArgument("reducingGap must be at least 1 (got \(reducingGap))")
        }
        // As Pillow: nothing to do, and premultiplying would round alpha'd colours.
        if size == self.size && region == Region(size: self.size) { return self }
        let samples = pixels.withUnsafeBufferPointer { source in
            Resampler.resample(
                source, width: width, height: height, format: pixelFormat, region: region, to: size,
                filter: filter, reducingGap: reducingGap)
        }
        return derived(width: size.width, height: size.height, pixelFormat: pixelFormat, pixels: samples)
    }

    /// Throws unless `size` is a size this module can allocate an image for.
    static func validate(outputSize size: Size) throws(ImagingError) {
        guard size.width > 0, size.height > 0 else {
            throw .invalidArgument("output size \(size) must be at least 1×1")
        }
        guard size.width <= maximumResizedSide, size.height <= maximumResizedSide,
            let pixels = size.pixelCount, pixels <= maximumResizedPixelCount
        else {
            throw .invalidArgument(
                "output size \(size) is over the limit of \(maximumResizedPixelCount) pixels or "
                    + "\(maximumResizedSide) per side; ask for a smaller size")
        }
    }

    /// Throws unless `region` is a non-empty rectangle inside this image.
    func validate(region: Region) throws(ImagingError) {
        let values = [region.x, region.y, region.width, region.height]
        guard values.allSatisfy(\.isFinite), region.width > 0, region.height > 0 else {
            throw .invalidArgument("source region \(region) must have finite edges and a positive size")
        }
        guard region.x >= 0, region.y >= 0, region.maxX <= Double(width), region.maxY <= Double(height) else {
            throw .invalidArgument("source region \(region) leaves the \(size) image")
        }
    }
}
