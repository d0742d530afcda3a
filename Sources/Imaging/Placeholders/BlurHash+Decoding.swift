extension BlurHash {
    /// The placeholder as RGB pixels of `size`; `punch` scales the AC components (contrast).
    ///
    /// ```swift
    /// let preview = try hash.decoded(to: Size(width: 32, height: 32))
    /// ```
    ///
    /// - Throws: ``ImagingError/invalidDimensions(width:height:)`` when a side is below 1, or
    ///   ``ImagingError/invalidArgument(_:)`` when it is over 1024 (decode small, scale up with CSS).
    ///
    /// Cost: O(pixels × components).
    public func decoded(to size: Size, punch: Double = 1) throws(ImagingError) -> Image {
        guard size.width >= 1, size.height >= 1 else {
            throw .invalidDimensions(width: size.width, height: size.height)
        }
        guard size.width <= 1024, size.height <= 1024 else {
            throw .invalidArgument("a BlurHash is decoded to at most 1024×1024, not \(size)")
        }
        let characters = Array(string.utf8)
        let (componentsX, componentsY) = components
        let maximum = Double(Base83.decode(characters[1..<2]) + 1) / 166 * punch
        let dcValue = Base83.decode(characters[2..<6])
        var colours: [(Double, Double, Double)] = [
            (
                Self.sRGBToLinear(dcValue >> 16), Self.sRGBToLinear((dcValue >> 8) & 255),
                Self.sRGBToLinear(dcValue & 255)
            )
        ]
        for component in 1..<(componentsX * componentsY) {
            let value = Base83.decode(characters[(4 + component * 2)..<(4 + (component + 1) * 2)])
            func unquantise(_ digit: Int) -> Double {
                PlaceholderMath.signedPower((Double(digit) - 9) / 9, 2) * maximum
            }
            colours.append((unquantise(value / (19 * 19)), unquantise((value / 19) % 19), unquantise(value % 19)))
        }
        let width = Double(size.width)
        let height = Double(size.height)
        var pixels = [UInt8](repeating: 0, count: size.width * size.height * 3)
        for y in 0..<size.height {
            for x in 0..<size.width {
                var r = 0.0
                var g = 0.0
                var b = 0.0
                for j in 0..<componentsY {
                    for i in 0..<componentsX {
                        let basis =
                            PlaceholderMath.cosine(Double.pi * Double(x) * Double(i) / width)
                            * PlaceholderMath.cosine(Double.pi * Double(y) * Double(j) / height)
                        let colour = colours[i + j * componentsX]
                        r += colour.0 * basis
                        g += colour.1 * basis
                        b += colour.2 * basis
                    }
                }
                let index = (y * size.width + x) * 3
                pixels[index] = UInt8(Self.linearToSRGB(r))
                pixels[index + 1] = UInt8(Self.linearToSRGB(g))
                pixels[index + 2] = UInt8(Self.linearToSRGB(b))
            }
        }
        return Image(unchecked: size.width, height: size.height, pixelFormat: .rgb, pixels: pixels)
    }
}
