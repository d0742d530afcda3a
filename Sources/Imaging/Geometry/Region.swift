/// A rectangle in source-pixel coordinates whose edges may fall inside pixels.
///
/// Used to resample part of an image in one pass (Pillow's `resize(box=)`):
/// cropping and resizing together, `ImageOps.fit`-style cover crops, and
/// DCT-scaled JPEG decodes whose last row and column are only partly covered.
/// Coordinates are continuous: pixel `(0, 0)` covers `[0, 1) × [0, 1)`.
///
/// ```swift
/// // The middle third of a 900-pixel-wide image, scaled to 150 wide.
/// let strip = try image.resized(
///     to: Size(width: 150, height: 100),
///     from: Region(x: 300, y: 0, width: 300, height: 200))
/// ```
public struct Region: Sendable, Hashable, CustomStringConvertible {
    /// The left edge.
    public var x: Double
    /// The top edge.
    public var y: Double
    /// The width; must be positive.
    public var width: Double
    /// The height; must be positive.
    public var height: Double

    /// Creates a region from its top-left corner and size.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The region covering exactly the pixels of `rect`.
    public init(_ rect: Rect) {
        self.init(x: Double(rect.x), y: Double(rect.y), width: Double(rect.width), height: Double(rect.height))
    }

    /// The region covering a whole image of `size`.
    public init(size: Size) {
        self.init(Rect(size: size))
    }

    /// The right edge, `x + width`.
    public var maxX: Double { x + width }
    /// The bottom edge, `y + height`.
    public var maxY: Double { y + height }

    public var description: String { "\(width)×\(height) at (\(x), \(y))" }
}
