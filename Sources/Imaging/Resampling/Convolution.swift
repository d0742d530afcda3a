/// The two one-dimensional passes of the separable resampler, over raw
/// interleaved 8-bit rows.
///
/// Both passes accumulate in `Int32` with the coefficients' fixed-point
/// precision, round half up, and clamp to `0 ... 255`. They allocate nothing
/// per pixel and run without bounds checks; callers guarantee every index the
/// coefficient tables name lies inside the buffers.
enum Convolution {
    /// Resamples each of `rows` rows along x.
    ///
    /// Row `r` is read at `source + r * sourceRowBytes + columnOffset * channels`
    /// (so `coefficients.first` may be relative to `columnOffset`), and written
    /// packed at `destination + r * outputWidth * channels`.
    static func horizontal(
        source: UnsafePointer<UInt8>, sourceRowBytes: Int, columnOffset: Int, rows: Int,
        destination: UnsafeMutablePointer<UInt8>, channels: Int, coefficients: ResampleCoefficients
    ) {
        switch channels {
        case 1:
            horizontal(GrayLayout.self, source, sourceRowBytes, columnOffset, rows, destination, coefficients)
        case 2:
            horizontal(GrayAlphaLayout.self, source, sourceRowBytes, columnOffset, rows, destination, coefficients)
        case 3:
            horizontal(RGBLayout.self, source, sourceRowBytes, columnOffset, rows, destination, coefficients)
        default:
            horizontal(RGBALayout.self, source, sourceRowBytes, columnOffset, rows, destination, coefficients)
        }
    }

    @inline(never)
    private static func horizontal<Channels: PixelLayout>(
        _: Channels.Type, _ source: UnsafePointer<UInt8>, _ sourceRowBytes: Int, _ columnOffset: Int,
        _ rows: Int, _ destination: UnsafeMutablePointer<UInt8>, _ coefficients: ResampleCoefficients
    ) {
        let channels = Channels.channelCount
        let outputWidth = coefficients.first.count
        let stride = coefficients.stride
        let shift = Int32(coefficients.precision)
        let half = Int32(1) << (shift - 1)
        coefficients.weights.withUnsafeBufferPointer { weightBuffer in
            coefficients.first.withUnsafeBufferPointer { firstBuffer in
                coefficients.count.withUnsafeBufferPointer { countBuffer in
                    let weights = weightBuffer.baseAddress!
                    let firsts = firstBuffer.baseAddress!
                    let counts = countBuffer.baseAddress!
                    for row in 0..<rows {
                        let input = source + row * sourceRowBytes + columnOffset * channels
                        var output = destination + row * outputWidth * channels
                        for x in 0..<outputWidth {
                            let kernel = weights + x * stride
                            var pixel = input + firsts[x] * channels
                            // Separate scalar sums: `channels` is a constant here, so the
                            // unused ones vanish and the tap loop is a plain multiply-add chain.
                            var sum0 = half
                            var sum1 = half
                            var sum2 = half
                            var sum3 = half
                            for tap in 0..<counts[x] {
                                let weight = kernel[tap]
                                sum0 &+= Int32(pixel[0]) &* weight
                                if channels > 1 { sum1 &+= Int32(pixel[1]) &* weight }
                                if channels > 2 { sum2 &+= Int32(pixel[2]) &* weight }
                                if channels > 3 { sum3 &+= Int32(pixel[3]) &* weight }
                                pixel += channels
                            }
                            output[0] = clampToByte(sum0 &>> shift)
                            if channels > 1 { output[1] = clampToByte(sum1 &>> shift) }
                            if channels > 2 { output[2] = clampToByte(sum2 &>> shift) }
                            if channels > 3 { output[3] = clampToByte(sum3 &>> shift) }
                            output += channels
                        }
                    }
                }
            }
        }
    }

    /// Resamples along y, one output row at a time.
    ///
    /// Each output row is a weighted sum of whole source rows (`rowBytes` bytes
    /// starting at `source + columnByteOffset` in each), so the inner loop runs
    /// over contiguous memory and vectorises, whatever the channel count.
    /// `coefficients.first` may be relative to `rowOffset`.
    static func vertical(
        source: UnsafePointer<UInt8>, sourceRowBytes: Int, rowOffset: Int, columnByteOffset: Int,
        rowBytes: Int, destination: UnsafeMutablePointer<UInt8>, coefficients: ResampleCoefficients
    ) {
        let shift = Int32(coefficients.precision)
        let half = Int32(1) << (shift - 1)
        let stride = coefficients.stride
        let accumulator = UnsafeMutablePointer<Int32>.allocate(capacity: max(rowBytes, 1))
        defer { accumulator.deallocate() }
        coefficients.weights.withUnsafeBufferPointer { weightBuffer in
            let weights = weightBuffer.baseAddress!
            for y in 0..<coefficients.first.count {
                accumulator.update(repeating: half, count: rowBytes)
                let first = coefficients.first[y] + rowOffset
                for tap in 0..<coefficients.count[y] {
                    let weight = weights[y * stride + tap]
                    let input = source + (first + tap) * sourceRowBytes + columnByteOffset
                    for index in 0..<rowBytes {
                        accumulator[index] &+= Int32(input[index]) &* weight
                    }
                }
                let output = destination + y * rowBytes
                for index in 0..<rowBytes {
                    output[index] = clampToByte(accumulator[index] &>> shift)
                }
            }
        }
    }

    @inline(__always)
    static func clampToByte(_ value: Int32) -> UInt8 {
        UInt8(truncatingIfNeeded: min(max(value, 0), 255))
    }
}
