extension Image {
    /// Returns the pixels inside `rect` as a new image.
    ///
    /// ```swift
    /// let avatar = try photo.cropped(to: Rect(x: 100, y: 80, width: 256, height: 256))
    /// ```
    ///
    /// Unlike Pillow's `crop`, which pads with black outside the image, a
    /// rectangle that leaves the image is an error.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when `rect` is empty or
    ///   not entirely inside the image.
    ///
    /// Cost: one copy of the cropped rows, O(`rect.width × rect.height`).
    public func cropped(to rect: Rect) throws(ImagingError) -> Image {
        guard rect.width > 0, rect.height > 0 else {
            throw .invalidArgument("crop rectangle \(rect) is empty")
        }
        guard rect.x >= 0, rect.y >= 0, rect.width <= width - rect.x, rect.height <= height - rect.y else {
            throw .invalidArgument("crop rectangle \(rect) leaves the \(size) image")
        }
        if rect == Rect(size: size) { return self }
        let channels = pixelFormat.channelCount
        let rowBytes = rect.width * channels
        let count = rowBytes * rect.height
        var samples: [UInt8] = []
        samples.reserveCapacity(count)
        for row in 0..<rect.height {
            let start = ((rect.y + row) * width + rect.x) * channels
            samples.append(contentsOf: pixels[start..<start + rowBytes])
        }
        return derived(width: rect.width, height: rect.height, pixelFormat: pixelFormat, pixels: samples)
    }
}
