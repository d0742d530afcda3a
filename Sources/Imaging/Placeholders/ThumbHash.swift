/// A ThumbHash (Evan Wallace's): a placeholder of at most 25 bytes that keeps an image's colours, rough
/// layout, aspect ratio and alpha, to show while the real image loads.
///
/// ```swift
/// let hash = try ThumbHash(encoding: thumbnail)   // thumbnail at most 100×100
/// hash.bytes.count                                  // ≤ 25; store them, or their base64, with the record
/// let preview = try hash.decoded()                  // ≤ 32×32 RGBA, to upscale with CSS blur
/// ```
///
/// The encoder equals the `thumbhash` package on PyPI byte for byte on the same pixels (checked against
/// committed vectors); for images with alpha, where that package fails, it follows Evan Wallace's
/// reference. Rounding is Python's (ties to even).
///
/// Cost: O(pixels × 40) multiplications; a 100×100 image takes well under a millisecond.
public struct ThumbHash: Sendable, Hashable {
    /// The hash: 5 header bytes (6 with alpha), then 4-bit AC coefficients.
    public let bytes: [UInt8]

    /// Wraps stored hash bytes.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when `bytes` is shorter than its header says.
    public init(bytes: [UInt8]) throws(ImagingError) {
        guard bytes.count >= 5 else { throw .invalidArgument("a ThumbHash has at least 5 bytes, got \(bytes.count)") }
        self.bytes = bytes
        let layout = Layout(bytes)
        guard layout.aspectX > 0, layout.aspectY > 0 else {
            throw .invalidArgument("the ThumbHash's header gives a luminance size of 0")
        }
        guard bytes.count >= layout.byteCount else {
            throw .invalidArgument("the ThumbHash needs \(layout.byteCount) bytes, got \(bytes.count)")
        }
    }

    /// Encodes an image of at most 100×100 pixels (reduce a larger one first: its look is all that counts).
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when a side is over 100.
    public init(encoding image: Image) throws(ImagingError) {
        guard image.width <= 100, image.height <= 100 else {
            throw .invalidArgument("a ThumbHash is made from at most 100×100 pixels, got \(image.size)")
        }
        bytes = Self.encode(width: image.width, height: image.height, rgba: PlaceholderMath.rgba(of: image))
    }

    /// The hash's aspect ratio (width / height), as far as its coefficient counts tell.
    public var approximateAspectRatio: Double {
        let layout = Layout(bytes)
        return Double(layout.aspectX) / Double(layout.aspectY)
    }

    /// Whether the image had transparent pixels.
    public var hasAlpha: Bool { Layout(bytes).hasAlpha }

    private static func encode(width w: Int, height h: Int, rgba: [UInt8]) -> [UInt8] {
        let count = w * h
        var averageR = 0.0
        var averageG = 0.0
        var averageB = 0.0
        var averageA = 0.0
        for index in 0..<count {
            let alpha = Double(rgba[index * 4 + 3]) / 255
            averageR += alpha / 255 * Double(rgba[index * 4])
            averageG += alpha / 255 * Double(rgba[index * 4 + 1])
            averageB += alpha / 255 * Double(rgba[index * 4 + 2])
            averageA += alpha
        }
        if averageA != 0 {
            averageR /= averageA
            averageG /= averageA
            averageB /= averageA
        }
        let hasAlpha = averageA < Double(count)
        let lLimit = hasAlpha ? 5 : 7
        let longest = Double(max(w, h))
        let lx = max(1, PlaceholderMath.pythonRound(Double(lLimit * w) / longest))
        let ly = max(1, PlaceholderMath.pythonRound(Double(lLimit * h) / longest))
        var l = [Double](repeating: 0, count: count)
        var p = [Double](repeating: 0, count: count)
        var q = [Double](repeating: 0, count: count)
        var a = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let alpha = Double(rgba[index * 4 + 3]) / 255
            let r = averageR * (1 - alpha) + alpha / 255 * Double(rgba[index * 4])
            let g = averageG * (1 - alpha) + alpha / 255 * Double(rgba[index * 4 + 1])
            let b = averageB * (1 - alpha) + alpha / 255 * Double(rgba[index * 4 + 2])
            l[index] = (r + g + b) / 3
            p[index] = (r + g) / 2 - b
            q[index] = r - g
            a[index] = alpha
        }
        let luma = Channel(l, width: w, height: h, nx: max(3, lx), ny: max(3, ly))
        let chromaP = Channel(p, width: w, height: h, nx: 3, ny: 3)
        let chromaQ = Channel(q, width: w, height: h, nx: 3, ny: 3)
        let alpha = hasAlpha ? Channel(a, width: w, height: h, nx: 5, ny: 5) : nil
        let round = PlaceholderMath.pythonRound
        let isLandscape = w > h
        let header24 =
            round(63 * luma.dc) | round(31.5 + 31.5 * chromaP.dc) << 6 | round(31.5 + 31.5 * chromaQ.dc) << 12
            | round(31 * luma.scale) << 18 | (hasAlpha ? 1 << 23 : 0)
        let header16 =
            (isLandscape ? ly : lx) | round(63 * chromaP.scale) << 3 | round(63 * chromaQ.scale) << 9
            | (isLandscape ? 1 << 15 : 0)
        var hash: [UInt8] = [
            UInt8(truncatingIfNeeded: header24), UInt8(truncatingIfNeeded: header24 >> 8),
            UInt8(truncatingIfNeeded: header24 >> 16), UInt8(truncatingIfNeeded: header16),
            UInt8(truncatingIfNeeded: header16 >> 8),
        ]
        if let alpha {
            hash.append(UInt8(truncatingIfNeeded: round(15 * alpha.dc) | round(15 * alpha.scale) << 4))
        }
        var isOdd = false
        for channel in [luma, chromaP, chromaQ] + (alpha.map { [$0] } ?? []) {
            for coefficient in channel.ac {
                let nibble = UInt8(truncatingIfNeeded: round(15 * coefficient))
                if isOdd {
                    hash[hash.count - 1] |= nibble << 4
                } else {
                    hash.append(nibble)
                }
                isOdd.toggle()
            }
        }
        return hash
    }

    /// One channel's DCT: the DC term, the AC terms (normalised to 0…1) in a triangle, and their scale.
    private struct Channel {
        var dc = 0.0
        var ac: [Double] = []
        var scale = 0.0

        init(_ samples: [Double], width w: Int, height h: Int, nx: Int, ny: Int) {
            var fx = [Double](repeating: 0, count: w)
            for cy in 0..<ny {
                var cx = 0
                while cx * ny < nx * (ny - cy) {
                    var f = 0.0
                    for x in 0..<w {
                        fx[x] = PlaceholderMath.cosine(Double.pi / Double(w) * Double(cx) * (Double(x) + 0.5))
                    }
                    for y in 0..<h {
                        let fy = PlaceholderMath.cosine(Double.pi / Double(h) * Double(cy) * (Double(y) + 0.5))
                        for x in 0..<w { f += samples[x + y * w] * fx[x] * fy }
                    }
                    f /= Double(w * h)
                    if cx > 0 || cy > 0 {
                        ac.append(f)
                        scale = max(scale, Swift.abs(f))
                    } else {
                        dc = f
                    }
                    cx += 1
                }
            }
            if scale != 0 {
                ac = ac.map { 0.5 + 0.5 / scale * $0 }
            }
        }
    }

    /// What the header says: coefficient counts, alpha, and where the AC nibbles start.
    struct Layout {
        var hasAlpha: Bool
        var isLandscape: Bool
        var lx: Int
        var ly: Int
        /// The counts the aspect ratio is read from.
        var aspectX: Int
        var aspectY: Int

        init(_ hash: [UInt8]) {
            let header24 = Int(hash[0]) | Int(hash[1]) << 8 | Int(hash[2]) << 16
            let header16 = Int(hash[3]) | Int(hash[4]) << 8
            hasAlpha = header24 >> 23 != 0
            isLandscape = header16 >> 15 != 0
            let lMax = hasAlpha ? 5 : 7
            let lMin = header16 & 7
            lx = max(3, isLandscape ? lMax : lMin)
            ly = max(3, isLandscape ? lMin : lMax)
            aspectX = isLandscape ? lMax : lMin
            aspectY = isLandscape ? lMin : lMax
        }

        var acStart: Int { hasAlpha ? 6 : 5 }

        /// Coefficients in an `nx`×`ny` triangle, less the DC term.
        static func acCount(nx: Int, ny: Int) -> Int {
            (0..<ny).reduce(0) { total, cy in
                var cx = cy == 0 ? 1 : 0
                var count = 0
                while cx * ny < nx * (ny - cy) {
                    count += 1
                    cx += 1
                }
                return total + count
            }
        }

        var acCount: Int {
            Self.acCount(nx: lx, ny: ly) + 2 * Self.acCount(nx: 3, ny: 3) + (hasAlpha ? Self.acCount(nx: 5, ny: 5) : 0)
        }

        var byteCount: Int { acStart + (acCount + 1) / 2 }
    }
}
