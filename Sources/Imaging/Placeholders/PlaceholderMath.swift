// The placeholder hashes must equal the reference implementations bit for bit, and those evaluate
// `cos` and `pow` with the C library's libm; Imaging's own Trigonometry agrees only to an ulp, which
// can flip a quantised coefficient. So these few files, unlike the rest of Imaging, call libm.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// libm's functions, and the rounding and pixel reading the ThumbHash and BlurHash coders share.
enum PlaceholderMath {
    static func cosine(_ x: Double) -> Double { cos(x) }

    static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }

    /// Python's `round`: to the nearest integer, ties to even (the reference packages are Python's).
    static func pythonRound(_ x: Double) -> Int { Int(x.rounded(.toNearestOrEven)) }

    /// `copysign(pow(|value|, exponent), value)`.
    static func signedPower(_ value: Double, _ exponent: Double) -> Double {
        let magnitude = pow(Swift.abs(value), exponent)
        return value.sign == .minus ? -magnitude : magnitude
    }

    /// Every pixel's red, green, blue and alpha samples in row order (gray repeated; alpha 255 when absent).
    static func rgba(of image: Image) -> [UInt8] {
        let count = image.width * image.height
        let channels = image.pixelFormat.channelCount
        if channels == 4 { return image.pixels }
        var output = [UInt8](repeating: 255, count: count * 4)
        image.pixels.withUnsafeBufferPointer { samples in
            for index in 0..<count {
                let base = index * channels
                switch image.pixelFormat {
                case .gray:
                    output[index * 4] = samples[base]
                    output[index * 4 + 1] = samples[base]
                    output[index * 4 + 2] = samples[base]
                case .grayAlpha:
                    output[index * 4] = samples[base]
                    output[index * 4 + 1] = samples[base]
                    output[index * 4 + 2] = samples[base]
                    output[index * 4 + 3] = samples[base + 1]
                case .rgb, .rgba:
                    output[index * 4] = samples[base]
                    output[index * 4 + 1] = samples[base + 1]
                    output[index * 4 + 2] = samples[base + 2]
                }
            }
        }
        return output
    }
}
