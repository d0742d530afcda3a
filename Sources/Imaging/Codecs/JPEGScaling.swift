internal import CTurboJPEG

/// A DCT scaling factor `numerator / denominator` that libjpeg-turbo applies while decoding.
struct JPEGScale: Sendable, Hashable {
    var numerator: Int
    var denominator: Int

    static let one = JPEGScale(numerator: 1, denominator: 1)

    /// TurboJPEG's downscaling factors (≤ 1), largest first: 1, 7/8, 3/4, 5/8, 1/2, 3/8, 1/4, 1/8.
    static let downscalingFactors: [JPEGScale] = {
        var count: Int32 = 0
        guard let factors = tjGetScalingFactors(&count), count > 0 else { return [.one] }
        return UnsafeBufferPointer(start: factors, count: Int(count))
            .map { JPEGScale(numerator: Int($0.num), denominator: Int($0.denom)) }
            .filter { $0.numerator <= $0.denominator }
            .sorted { $0.numerator * $1.denominator > $1.numerator * $0.denominator }
    }()

    /// A side scaled by this factor, rounded up exactly as `TJSCALED` and libjpeg round it.
    func scaled(_ side: Int) -> Int {
        (side * numerator + denominator - 1) / denominator
    }

    func scaled(_ size: Size) -> Size {
        Size(width: scaled(size.width), height: scaled(size.height))
    }

    /// The smallest factor whose output of a `stored`-size image is still at least `minimum` on
    /// both axes (`minimum` in stored orientation); 1 when there is no hint or nothing smaller fits.
    static func smallest(for stored: Size, covering minimum: Size?) -> JPEGScale {
        guard let minimum else { return .one }
        return downscalingFactors.last { factor in
            let size = factor.scaled(stored)
            return size.width >= minimum.width && size.height >= minimum.height
        } ?? .one
    }
}
