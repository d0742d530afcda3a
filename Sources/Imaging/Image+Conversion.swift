extension Image {
    /// The image in another pixel format.
    ///
    /// ```swift
    /// let opaque = logo.converted(to: .rgb, background: .white)   // flatten alpha onto white
    /// ```
    /// - Colour to gray uses Pillow's ITU-R 601-2 luma, `L = (19595 R + 38470 G + 7471 B + 32768) >> 16`.
    /// - Gray to colour repeats the sample.
    /// - Removing alpha composites onto `background` (straight alpha, rounded): `c·a + bg·(255 − a)`.
    ///   Onto a gray format, the background's luma is used.
    /// - Adding alpha makes every pixel opaque.
    ///
    /// Cost: O(pixels), one new buffer; returns `self` when the format is already `pixelFormat`.
    public func converted(to pixelFormat: PixelFormat, background: RGBColor = .white) -> Image {
        guard pixelFormat != self.pixelFormat else { return self }
        let converter = PixelConverter(from: self.pixelFormat, to: pixelFormat, background: background)
        let count = width * height
        let output = [UInt8](unsafeUninitializedCapacity: count * pixelFormat.channelCount) {
            destination, initialized in
            self.pixels.withUnsafeBufferPointer { source in
                converter.convert(source.baseAddress!, into: destination.baseAddress!, pixelCount: count)
            }
            initialized = count * pixelFormat.channelCount
        }
        return Image(unchecked: width, height: height, pixelFormat: pixelFormat, pixels: output)
    }
}

/// Converts one pixel layout into another, in one pass over raw pointers.
private struct PixelConverter {
    let source: PixelFormat
    let target: PixelFormat
    let background: (Int, Int, Int)

    init(from source: PixelFormat, to target: PixelFormat, background: RGBColor) {
        self.source = source
        self.target = target
        if target.isGray {
            let luma = PixelConverter.luma(Int(background.red), Int(background.green), Int(background.blue))
            self.background = (luma, luma, luma)
        } else {
            self.background = (Int(background.red), Int(background.green), Int(background.blue))
        }
    }

    static func luma(_ r: Int, _ g: Int, _ b: Int) -> Int {
        (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16
    }

    /// `value` over `background` with straight alpha `alpha`, rounded to nearest.
    static func composite(_ value: Int, _ background: Int, alpha: Int) -> UInt8 {
        UInt8((value * alpha + background * (255 - alpha) + 127) / 255)
    }

    func convert(_ input: UnsafePointer<UInt8>, into output: UnsafeMutablePointer<UInt8>, pixelCount: Int) {
        let inStride = source.channelCount
        let outStride = target.channelCount
        let sourceAlpha = source.hasAlpha
        let targetAlpha = target.hasAlpha
        let sourceGray = source.isGray
        let targetGray = target.isGray
        var i = input
        var o = output
        for _ in 0..<pixelCount {
            var (r, g, b) = sourceGray ? (Int(i[0]), Int(i[0]), Int(i[0])) : (Int(i[0]), Int(i[1]), Int(i[2]))
            let alpha = sourceAlpha ? Int(i[inStride - 1]) : 255
            if targetGray {
                let y = sourceGray ? r : Self.luma(r, g, b)
                (r, g, b) = (y, y, y)
            }
            if targetAlpha {
                o[outStride - 1] = UInt8(alpha)
                o[0] = UInt8(r)
                if !targetGray {
                    o[1] = UInt8(g)
                    o[2] = UInt8(b)
                }
            } else if sourceAlpha {
                o[0] = Self.composite(r, background.0, alpha: alpha)
                if !targetGray {
                    o[1] = Self.composite(g, background.1, alpha: alpha)
                    o[2] = Self.composite(b, background.2, alpha: alpha)
                }
            } else {
                o[0] = UInt8(r)
                if !targetGray {
                    o[1] = UInt8(g)
                    o[2] = UInt8(b)
                }
            }
            i += inStride
            o += outStride
        }
    }
}
