/// Which part of an image a fill (a crop to another aspect ratio) keeps.
///
/// ```swift
/// let avatar = try photo.filled(to: Size(square: 128), crop: .attention)
/// let hero = try photo.filled(to: Size(width: 1200, height: 400), crop: .focalPoint(x: 0.7, y: 0.3))
/// ```
///
/// - ``centre``: the middle (Pillow's `ImageOps.fit`), the default.
/// - ``focalPoint(x:y:)``: the window centred as nearly as it can be on a point the user chose
///   (Wagtail's and django-versatileimagefield's stored focal point), relative to the displayed image.
/// - ``entropy``: easy-thumbnails' `crop="smart"` rule: from the image scaled to cover the box,
///   repeatedly remove the edge slice whose histogram has less entropy until the box fits.
/// - ``attention``: libvips' `vips_smartcrop` with `interesting=attention`: on a 32×32 reduction,
///   score edges (Laplacian of luminance), skin tones and saturation (Lab `a*`), blur by the window's
///   size, and centre the window on the maximum.
///
/// The content-aware rules look at the image already reduced to cover the box (from the DCT-scaled
/// decode), so they add a small resize and a pass over a few thousand pixels to a thumbnail's cost.
public struct CropStrategy: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case centre
        case focalPoint(x: Double, y: Double)
        case entropy
        case attention
    }

    let kind: Kind

    /// The middle of the image.
    public static let centre = CropStrategy(kind: .centre)
    /// easy-thumbnails' entropy rule.
    public static let entropy = CropStrategy(kind: .entropy)
    /// libvips' attention rule.
    public static let attention = CropStrategy(kind: .attention)

    /// The window centred on (`x`, `y`), each 0…1 across the displayed (EXIF-oriented) image, moved
    /// only as far as it must to stay inside the image.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when a coordinate is outside 0…1 or not a number.
    public static func focalPoint(x: Double, y: Double) throws(ImagingError) -> CropStrategy {
        guard (0...1).contains(x), (0...1).contains(y) else {
            throw .invalidArgument("the focal point (\(x), \(y)) is outside 0…1")
        }
        return CropStrategy(kind: .focalPoint(x: x, y: y))
    }

    /// The focal point, when this is ``focalPoint(x:y:)``.
    public var focalPoint: (x: Double, y: Double)? {
        if case .focalPoint(let x, let y) = kind { (x, y) } else { nil }
    }

    /// Whether the window depends on the pixels (entropy, attention), not on the header alone.
    var looksAtPixels: Bool { kind == .entropy || kind == .attention }

    /// `centre`, `entropy`, `attention` or `focal(x,y)`, the spelling of fingerprints and configuration.
    public var description: String {
        switch kind {
        case .centre: "centre"
        case .entropy: "entropy"
        case .attention: "attention"
        case .focalPoint(let x, let y): "focal(\(x),\(y))"
        }
    }
}
