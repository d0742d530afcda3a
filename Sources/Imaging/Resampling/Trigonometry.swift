/// The few trigonometric functions the filter kernels need.
///
/// `Imaging` imports neither Foundation nor the C library's `libm` module (start-up
/// cost and portability), and the standard library has no `sin`, so these are
/// evaluated here. They run only while coefficient tables are built (a few
/// thousand calls per resize), and are accurate to about 1e-15, far below the
/// 2⁻²² resolution of the fixed-point weights.
enum Trigonometry {
    /// `sin(π·x)`, exact at integers.
    static func sinPi(_ x: Double) -> Double {
        // Reduce to r in [-1, 1) with sin(π·x) = sin(π·r), then to [-0.5, 0.5].
        var r = x - 2 * (x / 2).rounded(.down)  // [0, 2)
        if r >= 1 { r -= 2 }  // [-1, 1)
        if r > 0.5 { r = 1 - r } else if r < -0.5 { r = -1 - r }
        // Taylor series of sin(t), t = π·r, |t| ≤ π/2: 14 terms reach 1e-17.
        let t = Double.pi * r
        let t2 = t * t
        var term = t
        var sum = t
        var n = 1.0
        for _ in 0..<13 {
            term *= -t2 / ((n + 1) * (n + 2))
            sum += term
            n += 2
        }
        return sum
    }

    /// `cos(π·x)`.
    static func cosPi(_ x: Double) -> Double {
        sinPi(x + 0.5)
    }

    /// The normalised sinc, `sin(π·x) / (π·x)`, 1 at 0.
    static func sinc(_ x: Double) -> Double {
        x == 0 ? 1 : sinPi(x) / (Double.pi * x)
    }
}
