// libFuzzer target: the ICC path. The input is taken as a profile: validated, attached to a small
// image, written into a JPEG (APP2 chunks) and a PNG (iCCP), read back, and converted to sRGB by
// little-cms (which parses the whole hostile profile). A profile that validates must come back
// byte for byte from the JPEG; conversion may fail, but only with a typed error.
import FuzzSupport
import Imaging
import ImagingChecks

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    guard let profile = try? ICCProfile(bytes) else { return 0 }
    let gray = profile.colorSpace == .gray
    guard
        var image = try? Image(
            width: 5, height: 3, pixelFormat: gray ? .gray : .rgb,
            pixels: (0..<(gray ? 15 : 45)).map { UInt8(truncatingIfNeeded: $0 &* 37) })
    else { preconditionFailure("a 5x3 image must build") }
    guard profile.colorSpace == .gray || profile.colorSpace == .rgb else {
        precondition(
            (try? Image(width: 1, height: 1, pixelFormat: .rgb, pixels: [0, 0, 0], iccProfile: profile)) == nil)
        return 0
    }
    image.iccProfile = profile
    do {
        let jpeg = try image.encoded(as: .jpeg())
        let back = try Image(decoding: jpeg)
        precondition(back.iccProfile == profile, "the JPEG lost or changed the profile")
        let png = try image.encoded(as: .png())
        let fromPNG = try Image(decoding: png)
        // libpng may refuse a profile it finds inconsistent (and writes none), never a different one.
        precondition(fromPNG.iccProfile == nil || fromPNG.iccProfile == profile, "the PNG changed the profile")
        do throws(ImagingError) {
            let converted = try Image(decoding: jpeg, options: DecodingOptions(colorProfile: .convertToSRGB))
            precondition(converted.iccProfile == nil && converted.size == image.size)
        } catch {
            precondition(!error.description.isEmpty)
        }
    } catch {
        preconditionFailure("encoding or decoding a valid image failed: \(error)")
    }
    return 0
}
