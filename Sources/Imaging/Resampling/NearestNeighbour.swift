/// Nearest-neighbour resampling with Pillow's exact pixel choice.
///
/// Pillow does not convolve for `NEAREST`: it runs an affine scale that samples
/// the source at each output pixel's centre, `start + (i + 0.5) * scale`,
/// accumulating the position by repeated addition and truncating it. The same
/// arithmetic here picks the same pixels, including at ties.
enum NearestNeighbour {
    /// The source index for each of `outputCount` samples over `start ..< end`.
    static func sourceIndices(inputCount: Int, start: Double, end: Double, outputCount: Int) -> [Int] {
        let scale = (end - start) / Double(outputCount)
        var position = start + scale * 0.5
        var indices = [Int](repeating: 0, count: outputCount)
        for output in 0..<outputCount {
            indices[output] = min(max(Int(position), 0), inputCount - 1)
            position += scale
        }
        return indices
    }

    /// Copies the chosen pixels of `source` into a new packed buffer.
    static func resample(
        source: UnsafeBufferPointer<UInt8>, width: Int, height: Int, channels: Int,
        region: Region, to size: Size
    ) -> [UInt8] {
        let columns = sourceIndices(inputCount: width, start: region.x, end: region.maxX, outputCount: size.width)
        let rows = sourceIndices(inputCount: height, start: region.y, end: region.maxY, outputCount: size.height)
        let rowBytes = size.width * channels
        return [UInt8](unsafeUninitializedCapacity: rowBytes * size.height) { output, initialized in
            let input = source.baseAddress!
            var destination = output.baseAddress!
            columns.withUnsafeBufferPointer { columns in
                for row in rows {
                    let line = input + row * width * channels
                    for column in columns {
                        destination.initialize(from: line + column * channels, count: channels)
                        destination += channels
                    }
                }
            }
            initialized = rowBytes * size.height
        }
    }
}
