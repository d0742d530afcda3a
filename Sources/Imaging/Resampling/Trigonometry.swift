/// The sine and cosine the filter kernels need.
///
/// `Imaging` imports neither Foundation nor the C library's `libm` module
/// (start-up cost, portability), and the standard library has no `sin`, so
/// they are evaluated here: Cody–Waite reduction by π (with π split in two
/// so the reduction is exact for the small arguments kernels use) and a Taylor
/// series on `[-π/2, π/2]`. They run only while coefficient tables are built and
/// agree with glibc to an ulp or so, which keeps the fixed-point weights
/// identical to Pillow's almost everywhere.
enum Trigonometry {
    /// π as the sum of a 33-bit head (exact multiples for small `k`) and a tail.
    private static let piHead = 3.1415926534682512283325195312500
    private static let piTail = 1.2154188766544394e-10

    /// `sin(t)`.
    static func sin(_ t: Double) -> Double {
        let (r, k) = reduce(t)
        let value = sinSeries(r)
        return k & 1 == 0 ? value : -value
    }

    /// `cos(t)`.
    static func cos(_ t: Double) -> Double {
        let (r, k) = reduce(t)
        let value = cosSeries(r)
        return k & 1 == 0 ? value : -value
    }

    /// `t - k·π` in `[-π/2, π/2]`, and `k`.
    private static func reduce(_ t: Double) -> (Double, Int) {
        let k = (t / Double.pi).rounded()
        return ((t - k * piHead) - k * piTail, Int(k))
    }

    private static func sinSeries(_ r: Double) -> Double {
        // Horner form of r - r³/3! + r⁵/5! - … up to r²³ (error < 1e-17 on [-π/2, π/2]).
        let r2 = r * r
        var sum = 0.0
        var n = 23.0
        while n > 1 {
            sum = (1 - sum) * r2 / (n * (n - 1))
            n -= 2
        }
        return r * (1 - sum)
    }

    private static func cosSeries(_ r: Double) -> Double {
        let r2 = r * r
        var sum = 0.0
        var n = 22.0
        while n > 0 {
            sum = (1 - sum) * r2 / (n * (n - 1))
            n -= 2
        }
        return 1 - sum
    }

    /// The normalised sinc, `sin(π·x) / (π·x)`, 1 at 0 (computed as Pillow's `sinc_filter`).
    static func sinc(_ x: Double) -> Double {
        guard x != 0 else { return 1 }
        let t = x * Double.pi
        return sin(t) / t
    }
}
