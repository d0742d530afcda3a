#if ColorManagement
internal import CLCMS2
import Synchronization

/// A little-cms 2 transform from an embedded profile to sRGB, for one pixel format; built once
/// per profile and kept (a transform takes far longer to build than to run on a thumbnail).
///
/// Created with `cmsFLAGS_NOCACHE`, which makes `cmsDoTransform` safe to call from many threads
/// on one transform (the 1-pixel cache is the only state lcms2 would otherwise mutate).
final class ColorTransform: @unchecked Sendable {
    private let handle: cmsHTRANSFORM
    private let pixelFormat: PixelFormat

    private init(handle: cmsHTRANSFORM, pixelFormat: PixelFormat) {
        self.handle = handle
        self.pixelFormat = pixelFormat
    }

    deinit { cmsDeleteTransform(handle) }

    private struct Key: Hashable {
        var profile: ICCProfile
        var pixelFormat: PixelFormat
    }

    /// At most this many transforms are kept; a server sees a handful of distinct profiles.
    private static let cacheLimit = 32
    private static let cache = Mutex<[Key: ColorTransform]>([:])

    /// The transform from `profile` to sRGB for `pixelFormat` pixels, from the cache when built before.
    static func toSRGB(from profile: ICCProfile, pixelFormat: PixelFormat) throws(ImagingError) -> ColorTransform {
        let key = Key(profile: profile, pixelFormat: pixelFormat)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let transform = try make(from: profile, pixelFormat: pixelFormat)
        return cache.withLock { cache in
            if cache.count >= cacheLimit { cache.removeAll() }
            if let raced = cache[key] { return raced }
            cache[key] = transform
            return transform
        }
    }

    private static func make(from profile: ICCProfile, pixelFormat: PixelFormat) throws(ImagingError)
        -> ColorTransform
    {
        guard let source = profile.bytes.withUnsafeBytes({ cmsOpenProfileFromMem($0.baseAddress, UInt32($0.count)) })
        else { throw .colorConversionFailed(reason: "little-cms cannot read the profile") }
        defer { cmsCloseProfile(source) }
        guard let target = pixelFormat.isGray ? grayWithSRGBCurve() : cmsCreate_sRGBProfile() else {
            throw .colorConversionFailed(reason: "little-cms cannot build the sRGB profile")
        }
        defer { cmsCloseProfile(target) }
        let type: cmsUInt32Number =
            switch pixelFormat {
            case .gray: CLCMS2_TYPE_GRAY_8
            case .grayAlpha: CLCMS2_TYPE_GRAYA_8
            case .rgb: CLCMS2_TYPE_RGB_8
            case .rgba: CLCMS2_TYPE_RGBA_8
            }
        let flags = UInt32(cmsFLAGS_NOCACHE) | (pixelFormat.hasAlpha ? UInt32(cmsFLAGS_COPY_ALPHA) : 0)
        guard let handle = cmsCreateTransform(source, type, target, type, UInt32(INTENT_PERCEPTUAL), flags) else {
            throw .colorConversionFailed(
                reason:
                    "its \(profile.colorSpace) profile has no perceptual transform to sRGB for \(pixelFormat) pixels")
        }
        return ColorTransform(handle: handle, pixelFormat: pixelFormat)
    }

    /// A gray profile with sRGB's tone curve: where a gray image's samples go.
    private static func grayWithSRGBCurve() -> cmsHPROFILE? {
        // sRGB's piecewise curve, IEC 61966-2-1: parametric type 4 (γ, a, b, c, d).
        var parameters: [Double] = [2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045]
        guard let curve = cmsBuildParametricToneCurve(nil, 4, &parameters) else { return nil }
        defer { cmsFreeToneCurve(curve) }
        return cmsCreateGrayProfile(cmsD50_xyY(), curve)
    }

    /// `image`'s pixels in sRGB, without a profile.
    func converted(_ image: Image) -> Image {
        precondition(image.pixelFormat == pixelFormat, "a transform runs on the pixel format it was built for")
        let count = image.pixels.count
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            image.pixels.withUnsafeBufferPointer { input in
                cmsDoTransform(handle, input.baseAddress, output.baseAddress, UInt32(image.width * image.height))
            }
            initialized = count
        }
        return Image(unchecked: image.width, height: image.height, pixelFormat: pixelFormat, pixels: pixels)
    }
}
#endif
