import Imaging
import TestSupport

/// The committed Pillow references in `Tests/Fixtures/imaging/resample/`
/// (made by `make_resize_references.py`), as `Image`s.
enum ResampleFixtures {
    /// Loads a Netpbm fixture as an image of the matching pixel format.
    static func image(_ name: String) throws -> Image {
        let pixmap = try PortablePixmap.fixture("imaging/resample/" + name)
        let format: PixelFormat = [1: .gray, 2: .grayAlpha, 3: .rgb, 4: .rgba][pixmap.channels]!
        return try Image(width: pixmap.width, height: pixmap.height, pixelFormat: format, pixels: pixmap.samples)
    }

    /// The 450×300 photograph every reference was resized from.
    static func source() throws -> Image { try image("source.ppm") }

    /// The source converted to gray with Pillow's `RGB` → `L` weights.
    static func graySource() throws -> Image {
        let rgb = try source()
        var gray = [UInt8]()
        gray.reserveCapacity(rgb.width * rgb.height)
        for index in stride(from: 0, to: rgb.pixels.count, by: 3) {
            gray.append(
                Color(red: rgb.pixels[index], green: rgb.pixels[index + 1], blue: rgb.pixels[index + 2]).luminance)
        }
        return try Image(width: rgb.width, height: rgb.height, pixelFormat: .gray, pixels: gray)
    }

    /// `image` with the generator's synthetic alpha appended: 0 on the left
    /// quarter, a ramp over the middle half, 255 on the right quarter.
    static func withAlpha(_ image: Image) throws -> Image {
        let channels = image.pixelFormat.channelCount
        var samples = [UInt8]()
        samples.reserveCapacity(image.width * image.height * (channels + 1))
        for y in 0..<image.height {
            for x in 0..<image.width {
                let start = (y * image.width + x) * channels
                samples.append(contentsOf: image.pixels[start..<(start + channels)])
                let ramp = (x - image.width / 4) * 255
                let alpha = ramp < 0 ? 0 : ramp / (image.width / 2)  // Python's // floors; ramp ≥ 0 here
                samples.append(UInt8(min(alpha, 255)))
            }
        }
        return try Image(
            width: image.width, height: image.height, pixelFormat: channels == 1 ? .grayAlpha : .rgba,
            pixels: samples)
    }

    /// Asserts `actual` has the reference's size and format, and returns the PSNR.
    static func psnr(_ actual: Image, _ reference: Image) -> Double {
        guard actual.size == reference.size, actual.pixelFormat == reference.pixelFormat else { return -.infinity }
        return TestSupport.psnr(actual.pixels, reference.pixels)
    }
}
