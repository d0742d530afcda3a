import FuzzSupport
import Imaging

/// What every fuzz target asserts about the Imaging API, whatever the input.
///
/// A bug is a trap (`preconditionFailure`), which libFuzzer records with its input: an image
/// that breaks its own invariants, or a result that disagrees with another API on the same
/// bytes. (A crash, an ASan report, a hang over 1 s or 512 MB of RSS are caught by libFuzzer.)
public enum ImagingChecks {
    /// Fuzz targets decode at most 1 megapixel, as libjpeg-turbo's own fuzzers do, so that the
    /// RSS limit and the 1 s timeout flag bugs, not big valid images: a 157-byte CMYK JPEG that
    /// declares 13825 × 259 decodes (grey, with `allowTruncated`) in 60 ms in release but took
    /// over 1 s under ASan with a 4-megapixel limit.
    public static let pixelLimit = 1_048_576

    /// Decoding options chosen by the fuzzer, within the fuzzing pixel limit.
    public static func decodingOptions(_ choices: inout FuzzChoices) -> DecodingOptions {
        var options = DecodingOptions(maximumPixelCount: choices.integer(in: 1...pixelLimit))
        options.appliesOrientation = choices.bool()
        options.allowTruncated = choices.bool()
        if choices.bool() {
            options.minimumSize = Size(width: choices.integer(in: 1...600), height: choices.integer(in: 1...600))
        }
        return options
    }

    /// Decodes `bytes`; on success checks the image, on failure that the error describes itself.
    @discardableResult
    public static func decode(_ bytes: [UInt8], options: DecodingOptions) -> Image? {
        do {
            let image = try Image(decoding: bytes, options: options)
            check(image, limit: options.maximumPixelCount)
            return image
        } catch {
            precondition(!error.description.isEmpty)
            return nil
        }
    }

    /// Probes `bytes` the same way.
    @discardableResult
    public static func probe(_ bytes: [UInt8]) -> ImageInfo? {
        do {
            let info = try ImageInfo(probing: bytes)
            precondition(info.width > 0 && info.height > 0, "probe returned \(info.width)x\(info.height)")
            precondition(ImageFormat(detecting: bytes) == info.format, "probe says \(info.format)")
            return info
        } catch {
            precondition(!error.description.isEmpty)
            return nil
        }
    }

    /// An image's own invariants: positive sides, within the limit, one sample per channel and pixel.
    public static func check(_ image: Image, limit: Int) {
        precondition(image.width > 0 && image.height > 0, "decoded \(image.width)x\(image.height)")
        precondition(image.width * image.height <= limit, "decoded \(image.width)x\(image.height) over \(limit)")
        precondition(
            image.pixels.count == image.width * image.height * image.pixelFormat.channelCount,
            "\(image.pixels.count) samples for \(image.width)x\(image.height) \(image.pixelFormat)"
        )
    }
}
