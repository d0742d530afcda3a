#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Image {
    /// The window of `region` (in this image's pixels) with the aspect ratio of `target` that
    /// `strategy` keeps, for the content-aware strategies.
    ///
    /// Both rules look at `region` scaled to cover `target` — the image easy-thumbnails and
    /// `vipsthumbnail --smartcrop` crop — so the cost follows the thumbnail's size, not the source's.
    func subjectWindow(in region: Region, aspectOf target: Size, strategy: CropStrategy) throws(ImagingError)
        -> Region
    {
        let scale = max(Double(target.width) / region.width, Double(target.height) / region.height)
        let cover = Size(
            width: max(target.width, Int((region.width * scale).rounded())),
            height: max(target.height, Int((region.height * scale).rounded())))
        if cover == target { return region }
        let analysed = try resized(to: cover, from: region, filter: .bilinear).converted(to: .rgb)
        let origin: (x: Int, y: Int) =
            strategy.kind == .attention
            ? Self.attentionWindow(of: analysed, window: target)
            : Self.entropyWindow(of: analysed, window: target)
        let xScale = region.width / Double(cover.width)
        let yScale = region.height / Double(cover.height)
        return Region(
            x: region.x + Double(origin.x) * xScale, y: region.y + Double(origin.y) * yScale,
            width: min(Double(target.width) * xScale, region.width),
            height: min(Double(target.height) * yScale, region.height))
    }

    // MARK: Entropy (easy-thumbnails)

    /// easy-thumbnails' smart crop: slices of a fifth of the excess (at least 10 pixels) come off the
    /// side whose histogram has less entropy; off both when they differ by under 1 %.
    static func entropyWindow(of image: Image, window: Size) -> (x: Int, y: Int) {
        var left = 0
        var right = image.width
        var excess = image.width - window.width
        while excess > 0 {
            let slice = min(excess, max(excess / 5, 10))
            let start = entropy(of: image, columns: left..<(left + slice), rows: 0..<image.height)
            let end = entropy(of: image, columns: (right - slice)..<right, rows: 0..<image.height)
            let (add, remove) = sliceRemoval(start: start, end: end, slice: slice, excess: excess)
            left += add
            right -= remove
            excess -= add + remove
        }
        var top = 0
        var bottom = image.height
        excess = image.height - window.height
        while excess > 0 {
            let slice = min(excess, max(excess / 5, 10))
            let start = entropy(of: image, columns: 0..<image.width, rows: top..<(top + slice))
            let end = entropy(of: image, columns: 0..<image.width, rows: (bottom - slice)..<bottom)
            let (add, remove) = sliceRemoval(start: start, end: end, slice: slice, excess: excess)
            top += add
            bottom -= remove
            excess -= add + remove
        }
        return (left, top)
    }

    /// How much comes off the start and the end: the duller slice, or half from each when they are alike.
    static func sliceRemoval(start: Double, end: Double, slice: Int, excess: Int) -> (Int, Int) {
        if end != 0, Swift.abs(start / end - 1) < 0.01 {
            if excess >= slice * 2 { return (slice, slice) }
            return (slice / 2, slice - slice / 2)
        }
        return start > end ? (0, slice) : (slice, 0)
    }

    /// The Shannon entropy (bits) of the samples' histogram over all channels, as Pillow's `entropy()`.
    static func entropy(of image: Image, columns: Range<Int>, rows: Range<Int>) -> Double {
        let channels = image.pixelFormat.channelCount
        var histogram = [Int](repeating: 0, count: 256 * channels)
        image.pixels.withUnsafeBufferPointer { samples in
            for y in rows {
                var index = (y * image.width + columns.lowerBound) * channels
                for _ in columns {
                    for channel in 0..<channels {
                        histogram[channel << 8 | Int(samples[index + channel])] += 1
                    }
                    index += channels
                }
            }
        }
        let total = Double(columns.count * rows.count * channels)
        return histogram.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }

    // MARK: Attention (libvips)

    /// libvips' attention rule on a 32×32 reduction: |5 × Laplacian(Y)| + skin score + Lab a*,
    /// the last two only where Y > 5 (of 100); Gaussian blur of σ = max(window diagonal / 10, 1)
    /// in reduced pixels; the window centred on the maximum, kept inside the image.
    static func attentionWindow(of image: Image, window: Size) -> (x: Int, y: Int) {
        let grid = 32
        let reduced = (try? image.resized(to: Size(square: grid), filter: .lanczos)) ?? image
        let (n, w, h) = (reduced.width * reduced.height, reduced.width, reduced.height)
        var luminance = [Double](repeating: 0, count: n)
        var score = [Double](repeating: 0, count: n)
        let linear = (0...255).map { value -> Double in
            let c = Double(value) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        for index in 0..<n {
            let r = linear[Int(reduced.pixels[index * 3])]
            let g = linear[Int(reduced.pixels[index * 3 + 1])]
            let b = linear[Int(reduced.pixels[index * 3 + 2])]
            let x = 100 * (0.4124 * r + 0.3576 * g + 0.1805 * b)
            let y = 100 * (0.2126 * r + 0.7152 * g + 0.0722 * b)
            let z = 100 * (0.0193 * r + 0.1192 * g + 0.9505 * b)
            luminance[index] = y
            guard y > 5 else { continue }
            let magnitude = (x * x + y * y + z * z).squareRoot()
            let (dx, dy, dz) = (x / magnitude - 0.78, y / magnitude - 0.57, z / magnitude - 0.44)
            let skin = 100 - 100 * (dx * dx + dy * dy + dz * dz).squareRoot()
            let redGreen = 500 * (labF(x / 95.047) - labF(y / 100))
            score[index] = skin + redGreen
        }
        for row in 0..<h {
            for column in 0..<w {
                let centre = luminance[row * w + column]
                let up = luminance[max(row - 1, 0) * w + column]
                let down = luminance[min(row + 1, h - 1) * w + column]
                let left = luminance[row * w + max(column - 1, 0)]
                let right = luminance[row * w + min(column + 1, w - 1)]
                score[row * w + column] += Swift.abs(5 * (4 * centre - up - down - left - right))
            }
        }
        let xScale = Double(w) / Double(image.width)
        let yScale = Double(h) / Double(image.height)
        let diagonal = hypot(Double(window.width) * xScale, Double(window.height) * yScale)
        let blurred = gaussianBlur(score, width: w, height: h, sigma: max(diagonal / 10, 1))
        var best = 0
        for index in 1..<n where blurred[index] > blurred[best] { best = index }
        let attentionX = Int(Double(best % w) / xScale)
        let attentionY = Int(Double(best / w) / yScale)
        return (
            min(max(attentionX - window.width / 2, 0), image.width - window.width),
            min(max(attentionY - window.height / 2, 0), image.height - window.height)
        )
    }

    private static func labF(_ t: Double) -> Double {
        t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16) / 116
    }

    /// A separable Gaussian, truncated where it falls below 0.2 of its peak (libvips' `min_ampl`), edges
    /// extended.
    static func gaussianBlur(_ values: [Double], width: Int, height: Int, sigma: Double) -> [Double] {
        let radius = max(1, Int((sigma * (2 * log(5.0)).squareRoot()).rounded(.down)))
        var kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        var horizontal = [Double](repeating: 0, count: values.count)
        for row in 0..<height {
            for column in 0..<width {
                var sum = 0.0
                for (offset, weight) in zip(-radius...radius, kernel) {
                    sum += weight * values[row * width + min(max(column + offset, 0), width - 1)]
                }
                horizontal[row * width + column] = sum
            }
        }
        var output = [Double](repeating: 0, count: values.count)
        for row in 0..<height {
            for column in 0..<width {
                var sum = 0.0
                for (offset, weight) in zip(-radius...radius, kernel) {
                    sum += weight * horizontal[min(max(row + offset, 0), height - 1) * width + column]
                }
                output[row * width + column] = sum
            }
        }
        return output
    }
}
