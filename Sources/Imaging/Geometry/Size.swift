/// A size in whole pixels.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates a size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// A square size, `side` × `side`.
    public init(square side: Int) {
        self.init(width: side, height: side)
    }

    /// `width * height`, or `nil` when that overflows `Int`.
    public var pixelCount: Int? {
        let (product, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow ? nil : product
    }

    public var description: String { "\(width)×\(height)" }
}
