extension ThumbHash {
    /// The placeholder as pixels: RGBA, 32 pixels on the longer side, the other side from the hash's
    /// approximate aspect ratio (Evan Wallace's reference decoder, rounding to nearest).
    ///
    /// ```swift
    /// let preview = try hash.decoded()           // e.g. 32×24 RGBA
    /// let png = try preview.encoded(as: .png())  // a few hundred bytes, for a data URL
    /// ```
    ///
    /// Cost: 32×32 pixels × the coefficient count; microseconds.
    public func decoded() -> Image {
        let layout = Layout(bytes)
        let header24 = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16
        let header16 = Int(bytes[3]) | Int(bytes[4]) << 8
        let lDC = Double(header24 & 63) / 63
        let pDC = Double((header24 >> 6) & 63) / 31.5 - 1
        let qDC = Double((header24 >> 12) & 63) / 31.5 - 1
        let lScale = Double((header24 >> 18) & 31) / 31
        let pScale = Double((header16 >> 3) & 63) / 63
        let qScale = Double((header16 >> 9) & 63) / 63
        let hasAlpha = layout.hasAlpha
        let aDC = hasAlpha ? Double(bytes[5] & 15) / 15 : 1
        let aScale = hasAlpha ? Double(bytes[5] >> 4) / 15 : 0
        let (lx, ly) = (layout.lx, layout.ly)
        var acIndex = 0
        func channel(nx: Int, ny: Int, scale: Double) -> [Double] {
            var ac: [Double] = []
            for cy in 0..<ny {
                var cx = cy == 0 ? 1 : 0
                while cx * ny < nx * (ny - cy) {
                    let byte = bytes[layout.acStart + (acIndex >> 1)]
                    let nibble = (byte >> UInt8((acIndex & 1) << 2)) & 15
                    ac.append((Double(nibble) / 7.5 - 1) * scale)
                    acIndex += 1
                    cx += 1
                }
            }
            return ac
        }
        let lAC = channel(nx: lx, ny: ly, scale: lScale)
        let pAC = channel(nx: 3, ny: 3, scale: pScale * 1.25)
        let qAC = channel(nx: 3, ny: 3, scale: qScale * 1.25)
        let aAC = hasAlpha ? channel(nx: 5, ny: 5, scale: aScale) : []

        let ratio = approximateAspectRatio
        let width = max(1, Int((ratio > 1 ? 32 : 32 * ratio).rounded()))
        let height = max(1, Int((ratio > 1 ? 32 / ratio : 32).rounded()))
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        let countX = max(lx, hasAlpha ? 5 : 3)
        let countY = max(ly, hasAlpha ? 5 : 3)
        var fx = [Double](repeating: 0, count: countX)
        var fy = [Double](repeating: 0, count: countY)
        for y in 0..<height {
            for cy in 0..<countY {
                fy[cy] = PlaceholderMath.cosine(Double.pi / Double(height) * (Double(y) + 0.5) * Double(cy))
            }
            for x in 0..<width {
                for cx in 0..<countX {
                    fx[cx] = PlaceholderMath.cosine(Double.pi / Double(width) * (Double(x) + 0.5) * Double(cx))
                }
                var l = lDC
                var p = pDC
                var q = qDC
                var a = aDC
                var j = 0
                for cy in 0..<ly {
                    var cx = cy == 0 ? 1 : 0
                    let fy2 = fy[cy] * 2
                    while cx * ly < lx * (ly - cy) {
                        l += lAC[j] * fx[cx] * fy2
                        cx += 1
                        j += 1
                    }
                }
                j = 0
                for cy in 0..<3 {
                    let fy2 = fy[cy] * 2
                    for cx in (cy == 0 ? 1 : 0)..<(3 - cy) {
                        let f = fx[cx] * fy2
                        p += pAC[j] * f
                        q += qAC[j] * f
                        j += 1
                    }
                }
                if hasAlpha {
                    j = 0
                    for cy in 0..<5 {
                        let fy2 = fy[cy] * 2
                        for cx in (cy == 0 ? 1 : 0)..<(5 - cy) {
                            a += aAC[j] * fx[cx] * fy2
                            j += 1
                        }
                    }
                }
                let b = l - 2 / 3 * p
                let r = (3 * l - b + q) / 2
                let g = r - q
                let index = (y * width + x) * 4
                rgba[index] = Self.sample(r)
                rgba[index + 1] = Self.sample(g)
                rgba[index + 2] = Self.sample(b)
                rgba[index + 3] = Self.sample(a)
            }
        }
        return Image(unchecked: width, height: height, pixelFormat: .rgba, pixels: rgba)
    }

    /// The average colour the hash keeps (its DC terms), alpha included.
    public var averageColor: Color {
        let header24 = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16
        let l = Double(header24 & 63) / 63
        let p = Double((header24 >> 6) & 63) / 31.5 - 1
        let q = Double((header24 >> 12) & 63) / 31.5 - 1
        let b = l - 2 / 3 * p
        let r = (3 * l - b + q) / 2
        let g = r - q
        let a = hasAlpha ? Double(bytes[5] & 15) / 15 : 1
        return Color(red: Self.sample(r), green: Self.sample(g), blue: Self.sample(b), alpha: Self.sample(a))
    }

    private static func sample(_ value: Double) -> UInt8 {
        UInt8(max(0, min(255, (255 * value).rounded())))
    }
}
