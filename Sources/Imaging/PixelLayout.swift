/// A pixel layout known at compile time, so that generic pixel loops (conversion, reduction,
/// convolution, premultiplication) are specialised per layout, with no per-pixel branches and
/// their per-channel inner loops fully unrolled.
protocol PixelLayout {
    static var channelCount: Int { get }
}

extension PixelLayout {
    /// Gray and gray + alpha: one colour sample.
    static var isGray: Bool { channelCount <= 2 }
    /// Gray + alpha and RGBA: the last channel is alpha.
    static var hasAlpha: Bool { channelCount == 2 || channelCount == 4 }
}

/// ``PixelFormat/gray``.
enum GrayLayout: PixelLayout { static var channelCount: Int { 1 } }
/// ``PixelFormat/grayAlpha``.
enum GrayAlphaLayout: PixelLayout { static var channelCount: Int { 2 } }
/// ``PixelFormat/rgb``.
enum RGBLayout: PixelLayout { static var channelCount: Int { 3 } }
/// ``PixelFormat/rgba``.
enum RGBALayout: PixelLayout { static var channelCount: Int { 4 } }
