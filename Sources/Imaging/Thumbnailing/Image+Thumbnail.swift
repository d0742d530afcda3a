extension Image {
    /// Returns a thumbnail that fits inside `box`, keeping the aspect ratio and
    /// never upscaling: Pillow's `Image.thumbnail`.
    ///
    /// ```swift
    /// let thumb = try photo.thumbnail(fitting: Size(square: 256))   // 4000×3000 → 256×192
    /// ```
    ///
    /// The output size follows ``Size/thumbnailSize(fitting:)`` exactly (floor
    /// or ceiling, whichever keeps the aspect ratio closer; at least 1 pixel).
    /// An image that already fits is returned unchanged. With `reducingGap`
    /// (2 by default, as Pillow) a large reduction is done in two steps: an
    /// integer box average (``reduced(by:)``) down to no less than
    /// `reducingGap` times the target, then the `filter` convolution over the
    /// rest, over a source box widened by the filter's reach so edges are right.
    /// `nil` convolves all the way (slowest, the reference quality); 3 or more
    /// is indistinguishable from it in most images.
    ///
    /// For a JPEG decoded already scaled down by the DCT (whose size
    /// libjpeg rounds up), compute the size from the original dimensions and
    /// resize the exact fractional extent instead, as Pillow's `draft` does:
    ///
    /// ```swift
    /// let target = originalSize.thumbnailSize(fitting: box)
    /// let extent = Region(x: 0, y: 0, width: Double(originalSize.width) / 8, height: Double(originalSize.height) / 8)
    /// let thumb = try scaled.resized(to: target, from: extent, filter: .bicubic, reducingGap: 2)
    /// ```
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when a side of `box` is
    ///   below 1 or `reducingGap` is below 1.
    ///
    /// Cost: with the default gap, about one read of the source plus a
    /// convolution over an image 2–4 times the thumbnail's size.
    public func thumbnail(
        fitting box: Size, filter: ResamplingFilter = .bicubic, reducingGap: Double? = 2.0
    ) throws(ImagingError) -> Image {
        guard box.width >= 1, box.height >= 1 else {
            throw .invalidArgument("thumbnail box \(box) must be at least 1×1")
        }
        let target = size.thumbnailSize(fitting: box)
        if target == size { return self }
        return try resized(to: target, filter: filter, reducingGap: reducingGap)
    }
}
