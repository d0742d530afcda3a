/// The fixed-point weights of one axis of a separable resize, computed once.
///
/// Output sample `i` is `Σ weights[i * stride + k] * source[first[i] + k]` for
/// `k < count[i]`, divided by `2^precision`. The tables follow Pillow's
/// `precompute_coeffs`: output pixel centres sit at `start + (i + 0.5) * scale`
/// in source coordinates, the kernel is stretched by `max(scale, 1)` when
/// downscaling, taps outside the source are dropped and the rest renormalised
/// (no edge extension).
struct ResampleCoefficients {
    /// Distance between the weight lists of consecutive output samples.
    let stride: Int
    /// First source index each output sample reads.
    let first: [Int]
    /// Number of source samples each output sample reads (at least 1).
    let count: [Int]
    /// `first.count * stride` weights; entries past `count[i]` are zero.
    let weights: [Int32]
    /// Weights are fractions scaled by `2^precision`.
    let precision: Int

    /// Builds the weights mapping source samples `start ..< end` (fractional,
    /// inside `0 ... inputCount`) onto `outputCount` samples.
    ///
    /// `precision` must leave headroom in an `Int32` accumulator: 22 bits (as
    /// Pillow) for 8-bit samples.
    /// Cost: O(outputCount × taps) kernel evaluations.
    init(
        inputCount: Int, start: Double, end: Double, outputCount: Int,
        filter: ResamplingFilter, precision: Int
    ) {
        let scale = (end - start) / Double(outputCount)
        let filterScale = max(scale, 1)
        let support = filter.support * filterScale
        let stride = Int(support.rounded(.up)) * 2 + 1
        let one = Double(1 << precision)

        var first = [Int](repeating: 0, count: outputCount)
        var count = [Int](repeating: 0, count: outputCount)
        var weights = [Int32](repeating: 0, count: outputCount * stride)
        var real = [Double](repeating: 0, count: stride)

        for output in 0..<outputCount {
            let centre = start + (Double(output) + 0.5) * scale
            // Truncation towards zero, as Pillow's `(int)` cast, rounds these.
            let low = max(Int(centre - support + 0.5), 0)
            let high = min(Int(centre + support + 0.5), inputCount)
            var taps = max(high - low, 0)
            var total = 0.0
            for tap in 0..<taps {
                let weight = filter.weight(at: (Double(tap + low) - centre + 0.5) / filterScale)
                real[tap] = weight
                total += weight
            }
            if taps == 0 || total == 0 {
                // A degenerate region (narrower than a pixel at an edge): fall
                // back to the nearest source sample rather than producing black.
                taps = 1
                real[0] = 1
                total = 1
            }
            let base = output * stride
            for tap in 0..<taps {
                // Rounded half away from zero, as Pillow's `normalize_coeffs_8bpc`.
                weights[base + tap] = Int32((real[tap] / total * one).rounded())
            }
            first[output] = min(low, inputCount - 1)
            count[output] = taps
        }
        self.stride = stride
        self.first = first
        self.count = count
        self.weights = weights
        self.precision = precision
    }

    /// The source samples any output sample reads.
    var sourceRange: Range<Int> {
        guard let last = first.indices.last else { return 0..<0 }
        return first[0]..<(first[last] + count[last])
    }
}
