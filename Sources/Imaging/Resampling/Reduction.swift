/// Integer box averaging: each output pixel is the mean of an `xFactor` ×
/// `yFactor` block of source pixels (Pillow's `Image.reduce`).
///
/// Blocks at the right and bottom edges that the box does not fill average
/// only the pixels they cover, so the output size is rounded up.
enum Reduction {
    /// Reduces the pixels of `box` (inside the `width`-wide source) by the factors.
    ///
    /// Returns packed samples of `ceil(box.width / xFactor)` ×
    /// `ceil(box.height / yFactor)` pixels. With `premultiplyingAlpha` each
    /// source row is premultiplied (into scratch memory) before it is summed,
    /// and the result is premultiplied too: this saves the full-size
    /// premultiplied copy a thumbnail of an image with alpha would otherwise
    /// need. Cost: one read of every box pixel, one or two rows of scratch memory.
    static func reduce(
        _ source: UnsafeBufferPointer<UInt8>, width: Int, channels: Int, box: Rect, xFactor: Int, yFactor: Int,
        premultiplyingAlpha: Bool = false
    ) -> (samples: [UInt8], size: Size) {
        switch channels {
        case 1: reduce(GrayLayout.self, source, width, box, xFactor, yFactor, premultiplyingAlpha)
        case 2: reduce(GrayAlphaLayout.self, source, width, box, xFactor, yFactor, premultiplyingAlpha)
        case 3: reduce(RGBLayout.self, source, width, box, xFactor, yFactor, premultiplyingAlpha)
        default: reduce(RGBALayout.self, source, width, box, xFactor, yFactor, premultiplyingAlpha)
        }
    }

    private static func reduce<Channels: PixelLayout>(
        _: Channels.Type, _ source: UnsafeBufferPointer<UInt8>, _ width: Int, _ box: Rect, _ xFactor: Int,
        _ yFactor: Int, _ premultiplyingAlpha: Bool
    ) -> (samples: [UInt8], size: Size) {
        let channels = Channels.channelCount
        let outputWidth = (box.width + xFactor - 1) / xFactor
        let outputHeight = (box.height + yFactor - 1) / yFactor
        let rowBytes = box.width * channels
        let count = outputWidth * outputHeight * channels
        let input = source.baseAddress!
        let samples = [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            let sums = UnsafeMutablePointer<UInt32>.allocate(capacity: rowBytes)
            defer { sums.deallocate() }
            let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: premultiplyingAlpha ? rowBytes : 0)
            defer { scratch.deallocate() }
            var destination = output.baseAddress!
            let fullBlockReciprocal = reciprocal(of: UInt32(xFactor * yFactor))
            for outputRow in 0..<outputHeight {
                let top = box.y + outputRow * yFactor
                let rows = min(yFactor, box.y + box.height - top)
                // Sum the block's rows column-wise first: contiguous, vectorisable.
                sums.update(repeating: 0, count: rowBytes)
                for row in top..<(top + rows) {
                    var line = input + (row * width + box.x) * channels
                    if premultiplyingAlpha {
                        _ = scratch.initialize(from: UnsafeBufferPointer(start: line, count: rowBytes))
                        Premultiplication.premultiply(scratch, channels: channels)
                        line = UnsafePointer(scratch.baseAddress!)
                    }
                    for index in 0..<rowBytes {
                        sums[index] &+= UInt32(line[index])
                    }
                }
                for outputColumn in 0..<outputWidth {
                    let left = outputColumn * xFactor
                    let columns = min(xFactor, box.width - left)
                    let pixels = UInt32(columns * rows)
                    let reciprocal =
                        columns == xFactor && rows == yFactor ? fullBlockReciprocal : reciprocal(of: pixels)
                    for channel in 0..<channels {
                        var total = pixels / 2
                        var index = left * channels + channel
                        for _ in 0..<columns {
                            total &+= sums[index]
                            index += channels
                        }
                        destination[channel] = UInt8(truncatingIfNeeded: (total &* reciprocal) >> 24)
                    }
                    destination += channels
                }
            }
            initialized = count
        }
        return (samples, Size(width: outputWidth, height: outputHeight))
    }

    /// `2^24 / count`, computed in `Float` and truncated exactly as Pillow's
    /// `division_UINT32(count, 8)`, so that averages round as Pillow's do (its
    /// slightly low reciprocal rounds exact halves down).
    @inline(__always)
    private static func reciprocal(of count: UInt32) -> UInt32 {
        UInt32(Float(4_294_967_296.0) / Float(256 * count))
    }
}
