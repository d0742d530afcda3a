/// An opaque 8-bit sRGB colour, used as the background when alpha is flattened.
public struct RGBColor: Sendable, Hashable {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8

    /// Creates a colour from its three samples.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A gray level (`red == green == blue == level`).
    public init(gray level: UInt8) {
        self.init(red: level, green: level, blue: level)
    }

    /// White, the default background for flattening.
    public static let white = RGBColor(gray: 255)
    /// Black.
    public static let black = RGBColor(gray: 0)

    /// Whether the three samples are equal, so that a gray image can stay gray over it.
    public var isGray: Bool { red == green && green == blue }
}
