extension Image {
    /// Returns the image shrunk by an integer factor on both axes, each output
    /// pixel the average of a `factor` × `factor` block.
    ///
    /// ```swift
    /// let quarter = try scan.reduced(by: 4)   // 4000×3000 → 1000×750
    /// ```
    ///
    /// Pillow's `Image.reduce`: a size not divisible by the factor is rounded
    /// up and the edge blocks average only the pixels they cover; images with
    /// alpha are averaged premultiplied. Much cheaper than a convolution, but a
    /// box filter: ``thumbnail(fitting:filter:reducingGap:)`` uses it only for
    /// the part of a reduction far from the final size.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when `factor` is below 1.
    ///
    /// Cost: one read of every pixel; one row of scratch memory.
    public func reduced(by factor: Int) throws(ImagingError) -> Image {
        try reduced(byX: factor, y: factor)
    }

    /// Returns the image shrunk by separate integer factors per axis.
    ///
    /// ```swift
    /// let squeezed = try image.reduced(byX: 2, y: 1)   // 640×480 → 320×480
    /// ```
    ///
    /// See ``reduced(by:)``.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when a factor is below 1.
    public func reduced(byX xFactor: Int, y yFactor: Int) throws(ImagingError) -> Image {
        guard xFactor >= 1, yFactor >= 1 else {
            throw .invalidArgument("reduction factors must be at least 1 (got \(xFactor) and \(yFactor))")
        }
        if xFactor == 1 && yFactor == 1 { return self }
        let channels = pixelFormat.channelCount
        let hasAlpha = pixelFormat.hasAlpha
        var (samples, size) = pixels.withUnsafeBufferPointer { source in
            Reduction.reduce(
                source, width: width, channels: channels, box: Rect(size: self.size), xFactor: xFactor,
                yFactor: yFactor, premultiplyingAlpha: hasAlpha)
        }
        if hasAlpha {
            samples.withUnsafeMutableBufferPointer { Premultiplication.unpremultiply($0, channels: channels) }
        }
        return derived(width: size.width, height: size.height, pixelFormat: pixelFormat, pixels: samples)
    }
}
