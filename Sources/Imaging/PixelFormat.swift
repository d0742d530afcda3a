/// The channels of one pixel, each an 8-bit sample, in memory order.
public enum PixelFormat: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// One luminance sample (Pillow's mode `L`).
    case gray
    /// Luminance then straight alpha (Pillow's mode `LA`).
    case grayAlpha
    /// Red, green, blue (Pillow's mode `RGB`).
    case rgb
    /// Red, green, blue, then straight alpha (Pillow's mode `RGBA`).
    case rgba

    /// The number of 8-bit samples per pixel.
    public var channelCount: Int {
        switch self {
        case .gray: 1
        case .grayAlpha: 2
        case .rgb: 3
        case .rgba: 4
        }
    }

    /// Whether the last channel is alpha.
    public var hasAlpha: Bool { self == .grayAlpha || self == .rgba }

    /// Whether the colour channels are a single luminance sample.
    public var isGray: Bool { self == .gray || self == .grayAlpha }

    public var description: String {
        switch self {
        case .gray: "gray"
        case .grayAlpha: "gray+alpha"
        case .rgb: "RGB"
        case .rgba: "RGBA"
        }
    }
}
