extension Image {
    /// The size `ImageOps.contain` gives: the largest size inside `box` with
    /// this image's aspect ratio, rounding the non-limiting side to nearest
    /// (ties to even, Python's `round`), at least 1.
    func containedSize(in box: Size) -> Size {
        let imageRatio = Double(width) / Double(height)
        let boxRatio = Double(box.width) / Double(box.height)
        if imageRatio > boxRatio {
            let newHeight = (Double(height) / Double(width) * Double(box.width)).rounded(.toNearestOrEven)
            return Size(width: box.width, height: max(Int(newHeight), 1))
        } else if imageRatio < boxRatio {
            let newWidth = (Double(width) / Double(height) * Double(box.height)).rounded(.toNearestOrEven)
            return Size(width: max(Int(newWidth), 1), height: box.height)
        }
        return box
    }

    /// Returns the image scaled to the largest size that fits inside `box`,
    /// keeping its aspect ratio: Pillow's `ImageOps.contain` (CSS `object-fit: contain`).
    ///
    /// ```swift
    /// let preview = try photo.contained(in: Size(width: 800, height: 800))  // 4000×3000 → 800×600
    /// ```
    ///
    /// Unlike ``thumbnail(fitting:filter:reducingGap:)`` this upscales images
    /// smaller than the box, and rounds the free side to nearest (Python's
    /// `round`, ties to even) instead of choosing the closer aspect ratio.
    /// Where Pillow would return an empty image (a side rounding to 0), the side is 1.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when a side of `box` is below 1.
    ///
    /// Cost: one resize (see ``resized(to:from:filter:reducingGap:)``).
    public func contained(in box: Size, filter: ResamplingFilter = .bicubic) throws(ImagingError) -> Image {
        try Image.validate(outputSize: box)
        return try resized(to: containedSize(in: box), filter: filter)
    }

    /// Returns the image scaled to fit inside `size` and centred on a canvas of
    /// exactly `size`: Pillow's `ImageOps.pad` (letterboxing).
    ///
    /// ```swift
    /// let tile = try photo.padded(to: Size(square: 256), background: .white)
    /// ```
    ///
    /// The image is first ``contained(in:filter:)``, then placed at
    /// `round((size - scaled) × centering)` along the axis with room to spare
    /// (0 puts it at the left/top, 1 at the right/bottom; values are clamped to
    /// 0 ... 1, as Pillow). The rest of the canvas is `background`, converted to
    /// the image's pixel format (its alpha is dropped without an alpha channel,
    /// its colour reduced to luminance on gray images). The default, ``Color/clear``,
    /// gives black on opaque images and transparent black on images with alpha,
    /// as Pillow's default.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when a side of `size` is below 1.
    ///
    /// Cost: one resize plus one write of the canvas.
    public func padded(
        to size: Size, filter: ResamplingFilter = .bicubic, background: Color = .clear,
        centering: (x: Double, y: Double) = (0.5, 0.5)
    ) throws(ImagingError) -> Image {
        let scaled = try contained(in: size, filter: filter)
        if scaled.size == size { return scaled }
        var offsetX = 0
        var offsetY = 0
        if scaled.width != size.width {
            let fraction = min(max(centering.x, 0), 1)
            offsetX = Int((Double(size.width - scaled.width) * fraction).rounded(.toNearestOrEven))
        } else {
            let fraction = min(max(centering.y, 0), 1)
            offsetY = Int((Double(size.height - scaled.height) * fraction).rounded(.toNearestOrEven))
        }
        let fill = background.samples(in: pixelFormat)
        let channels = pixelFormat.channelCount
        var canvas = [UInt8](capacity: size.width * size.height * channels) { canvas in
            for _ in 0..<(size.width * size.height) {
                for sample in fill { canvas.append(sample) }
            }
        }
        let rowBytes = scaled.width * channels
        for row in 0..<scaled.height {
            let start = ((offsetY + row) * size.width + offsetX) * channels
            canvas.replaceSubrange(
                start..<start + rowBytes, with: scaled.pixels[row * rowBytes..<(row + 1) * rowBytes])
        }
        return derived(width: size.width, height: size.height, pixelFormat: pixelFormat, pixels: canvas)
    }
}
