/// Conversion between straight and premultiplied alpha, with Pillow's rounding.
///
/// Resampling straight-alpha pixels would let the colour of fully transparent
/// pixels bleed into their visible neighbours (dark or coloured fringes);
/// Pillow therefore resamples `RGBA` as `RGBa` and `LA` as `La`, and so do we.
enum Premultiplication {
    /// Multiplies every colour sample by its pixel's alpha / 255, in place.
    ///
    /// `alpha * colour / 255` rounded to nearest, computed as Pillow's `MULDIV255`
    /// (exact for alpha 255, so opaque pixels need no test and the loop has no branch).
    static func premultiply(_ samples: UnsafeMutableBufferPointer<UInt8>, channels: Int) {
        switch channels {
        case 2: premultiply(GrayAlphaLayout.self, samples)
        case 4: premultiply(RGBALayout.self, samples)
        default: break  // no alpha channel
        }
    }

    private static func premultiply<Channels: PixelLayout>(
        _: Channels.Type, _ samples: UnsafeMutableBufferPointer<UInt8>
    ) {
        guard let base = samples.baseAddress else { return }
        let channels = Channels.channelCount
        for offset in stride(from: 0, to: samples.count - channels + 1, by: channels) {
            let pixel = base + offset
            let alpha = UInt32(pixel[channels - 1])
            for channel in 0..<(channels - 1) {
                let product = UInt32(pixel[channel]) &* alpha &+ 128
                pixel[channel] = UInt8(truncatingIfNeeded: ((product >> 8) &+ product) >> 8)
            }
        }
    }

    /// Divides every colour sample by its pixel's alpha / 255, in place.
    ///
    /// Truncating division clamped to 255, as Pillow; fully transparent and
    /// fully opaque pixels are left as they are. Runs on output images only, so
    /// it is not tuned.
    static func unpremultiply(_ samples: UnsafeMutableBufferPointer<UInt8>, channels: Int) {
        guard var pixel = samples.baseAddress else { return }
        let alphaIndex = channels - 1
        for _ in 0..<(samples.count / channels) {
            let alpha = UInt32(pixel[alphaIndex])
            if alpha != 255 && alpha != 0 {
                for channel in 0..<alphaIndex {
                    let quotient = 255 * UInt32(pixel[channel]) / alpha
                    pixel[channel] = UInt8(truncatingIfNeeded: min(quotient, 255))
                }
            }
            pixel += channels
        }
    }
}
