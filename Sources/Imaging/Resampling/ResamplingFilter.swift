/// The reconstruction filter a resize uses, with Pillow's kernels and supports.
///
/// Downscaling quality rises (and speed falls) in this order:
/// ``nearest`` < ``box`` ≈ ``bilinear`` < ``hamming`` < ``bicubic`` < ``lanczos``.
/// Every filter except ``nearest`` is applied as a separable convolution whose
/// kernel is stretched by the downscale factor, so each source pixel under an
/// output pixel contributes (anti-aliasing). Upscaling uses the plain kernel.
///
/// ```swift
/// let small = try photo.resized(to: Size(width: 320, height: 240), filter: .lanczos)
/// ```
public enum ResamplingFilter: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Picks the source pixel under each output pixel's centre; no averaging.
    ///
    /// The fastest filter and the only one that invents no new colours, at the
    /// price of aliasing when downscaling. The corresponding Pillow constant is
    /// `Image.Resampling.NEAREST`.
    case nearest
    /// Averages the source pixels an output pixel covers (support 0.5).
    ///
    /// The corresponding Pillow constant is `Image.Resampling.BOX`.
    case box
    /// Triangle filter: linear interpolation when upscaling (support 1).
    ///
    /// The corresponding Pillow constant is `Image.Resampling.BILINEAR`.
    case bilinear
    /// Hamming-windowed sinc (support 1): sharper than ``bilinear`` at the same cost.
    ///
    /// The corresponding Pillow constant is `Image.Resampling.HAMMING`.
    case hamming
    /// Keys cubic convolution with `a = -0.5` (support 2). The default.
    ///
    /// The corresponding Pillow constant is `Image.Resampling.BICUBIC`.
    case bicubic
    /// Lanczos-3 windowed sinc, `sinc(x)·sinc(x/3)` (support 3): the sharpest
    /// and slowest filter, best for downscaling photographs.
    ///
    /// The corresponding Pillow constant is `Image.Resampling.LANCZOS`.
    case lanczos

    /// The kernel's radius in source pixels at scale 1; a downscale by `s`
    /// widens it to `support * s`.
    public var support: Double {
        switch self {
        case .nearest: 0
        case .box: 0.5
        case .bilinear, .hamming: 1
        case .bicubic: 2
        case .lanczos: 3
        }
    }

    /// The kernel's weight at distance `x` (in kernel units) from the centre.
    ///
    /// Weights are normalised per output pixel afterwards, so only their ratios matter.
    func weight(at x: Double) -> Double {
        switch self {
        case .nearest, .box:
            // Half-open so that a pixel boundary is owned by exactly one side.
            return x > -0.5 && x <= 0.5 ? 1 : 0
        case .bilinear:
            let distance = abs(x)
            return distance < 1 ? 1 - distance : 0
        case .hamming:
            let distance = abs(x)
            if distance == 0 { return 1 }
            if distance >= 1 { return 0 }
            let t = distance * Double.pi
            return Trigonometry.sin(t) / t * (0.54 + 0.46 * Trigonometry.cos(t))
        case .bicubic:
            let a = -0.5
            let distance = abs(x)
            if distance < 1 { return ((a + 2) * distance - (a + 3)) * distance * distance + 1 }
            if distance < 2 { return (((distance - 5) * distance + 8) * distance - 4) * a }
            return 0
        case .lanczos:
            guard x >= -3, x < 3 else { return 0 }
            return Trigonometry.sinc(x) * Trigonometry.sinc(x / 3)
        }
    }

    public var description: String {
        switch self {
        case .nearest: "nearest"
        case .box: "box"
        case .bilinear: "bilinear"
        case .hamming: "hamming"
        case .bicubic: "bicubic"
        case .lanczos: "lanczos"
        }
    }
}
