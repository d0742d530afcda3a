extension Image {
    /// The image as it displays when stored with EXIF `orientation`: rotated and/or mirrored.
    ///
    /// ```swift
    /// let upright = stored.applyingOrientation(.right)   // rotates 90° clockwise
    /// ```
    /// ``Orientation/up`` returns the image unchanged; values 5–8 swap width and height.
    /// Decoding applies this already unless ``DecodingOptions/appliesOrientation`` is off.
    ///
    /// Cost: O(pixels), one new buffer.
    public func applyingOrientation(_ orientation: Orientation) -> Image {
        guard orientation != .up else { return self }
        let output = orientation.displaySize(ofStored: size)
        // Display pixel (x, y) comes from stored pixel index `start + x * stepX + y * stepY`.
        let (w, h) = (width, height)
        let (start, stepX, stepY): (Int, Int, Int) =
            switch orientation {
            case .up: (0, 1, w)
            case .upMirrored: (w - 1, -1, w)
            case .down: ((h - 1) * w + w - 1, -1, -w)
            case .downMirrored: ((h - 1) * w, 1, -w)
            case .leftMirrored: (0, w, 1)
            case .right: ((h - 1) * w, -w, 1)
            case .rightMirrored: ((h - 1) * w + w - 1, -w, -1)
            case .left: (w - 1, w, -1)
            }
        let mapping = PixelMapping(width: output.width, height: output.height, start: start, stepX: stepX, stepY: stepY)
        let pixels = [UInt8](unsafeUninitializedCapacity: pixels.count) { destination, initialized in
            self.pixels.withUnsafeBufferPointer { source in
                switch pixelFormat.channelCount {
                case 1: mapping.copy(source, into: destination, as: UInt8.self)
                case 2: mapping.copy(source, into: destination, as: (UInt8, UInt8).self)
                case 3: mapping.copy(source, into: destination, as: (UInt8, UInt8, UInt8).self)
                default: mapping.copy(source, into: destination, as: (UInt8, UInt8, UInt8, UInt8).self)
                }
            }
            initialized = self.pixels.count
        }
        return derived(width: output.width, height: output.height, pixelFormat: pixelFormat, pixels: pixels)
    }
}

/// An affine walk over source pixels that fills a destination in row order.
private struct PixelMapping {
    let width: Int
    let height: Int
    let start: Int
    let stepX: Int
    let stepY: Int

    /// Copies whole pixels, `Pixel` being a tuple of the channel count's size (alignment 1).
    ///
    /// Works in 64×64 tiles so that the transposing orientations, which read the source down
    /// its columns, stay within the cache.
    ///
    /// A measured hot loop (every full-size decode of a rotated photo runs it), hence raw pointers:
    /// on 24-megapixel images the bounds-checked `Span`/`MutableSpan` version took 177 ms against
    /// 139 ms here for RGB rotated 90°, 178 against 102 ms for RGB rotated 180° and 289 against
    /// 145 ms for RGBA rotated 270° (release build, medians of 3 × 9 interleaved runs).
    func copy<Pixel>(
        _ source: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutableBufferPointer<UInt8>, as _: Pixel.Type
    ) {
        let from = UnsafeRawPointer(source.baseAddress!).assumingMemoryBound(to: Pixel.self)
        let to = UnsafeMutableRawPointer(destination.baseAddress!).assumingMemoryBound(to: Pixel.self)
        let tile = 64
        for tileY in stride(from: 0, to: height, by: tile) {
            for tileX in stride(from: 0, to: width, by: tile) {
                let endX = min(tileX + tile, width)
                for y in tileY..<min(tileY + tile, height) {
                    var index = start + y * stepY + tileX * stepX
                    var out = y * width + tileX
                    for _ in tileX..<endX {
                        to[out] = from[index]
                        out += 1
                        index += stepX
                    }
                }
            }
        }
    }
}
