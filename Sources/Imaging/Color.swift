/// An 8-bit sRGB colour with straight (not premultiplied) alpha.
///
/// Used as the background of ``Image/padded(to:filter:background:centering:)``
/// and wherever transparent pixels must be flattened. On gray images the colour
/// is reduced to its luminance with Pillow's ITU-R 601-2 weights
/// (`L = R·299/1000 + G·587/1000 + B·114/1000`).
public struct Color: Sendable, Hashable, CustomStringConvertible {
    /// Red, 0 ... 255.
    public var red: UInt8
    /// Green, 0 ... 255.
    public var green: UInt8
    /// Blue, 0 ... 255.
    public var blue: UInt8
    /// Opacity, 0 (transparent) ... 255 (opaque).
    public var alpha: UInt8

    /// Creates a colour from its samples; opaque unless `alpha` says otherwise.
    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A gray level, opaque unless `alpha` says otherwise.
    public init(gray: UInt8, alpha: UInt8 = 255) {
        self.init(red: gray, green: gray, blue: gray, alpha: alpha)
    }

    /// Opaque white.
    public static let white = Color(red: 255, green: 255, blue: 255)
    /// Opaque black.
    public static let black = Color(red: 0, green: 0, blue: 0)
    /// Fully transparent black (Pillow's default fill for `RGBA` canvases).
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)

    /// Whether the three colour samples are equal, so that a gray image can stay gray over it.
    public var isGray: Bool { red == green && green == blue }

    /// The luminance, as Pillow converts `RGB` to `L`.
    public var luminance: UInt8 {
        // Pillow: (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16.
        let weighted = UInt32(red) * 19595 + UInt32(green) * 38470 + UInt32(blue) * 7471 + 0x8000
        return UInt8(truncatingIfNeeded: weighted >> 16)
    }

    /// The samples of one pixel of this colour in `format`.
    package func samples(in format: PixelFormat) -> [UInt8] {
        switch format {
        case .gray: [luminance]
        case .grayAlpha: [luminance, alpha]
        case .rgb: [red, green, blue]
        case .rgba: [red, green, blue, alpha]
        }
    }

    public var description: String { "rgba(\(red), \(green), \(blue), \(alpha))" }
}
