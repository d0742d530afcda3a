import FuzzSupport
import Imaging

/// What every fuzz target asserts about the Imaging API, whatever the input.
///
/// A bug is a trap (`preconditionFailure`), which libFuzzer records with its input:
/// an error that is not an ``ImagingError``, an image that breaks its own invariants,
/// or a result that disagrees with another API on the same bytes.
public enum ImagingChecks {
    /// Fuzz targets decode at most 4 megapixels (libjpeg-turbo's own fuzzers stop at 1 MP),
    /// so that the 512 MB RSS limit and the 1 s timeout flag bugs, not big valid images.
    public static let pixelLimit = 4_000_000

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

    /// Decodes `bytes`; on success checks the image, on failure checks the error is typed.
    @discardableResult
    public static func decode(_ bytes: [UInt8], options: DecodingOptions) -> Image? {
        do {
            let image = try Image(decoding: bytes, options: options)
            check(image, limit: options.maximumPixelCount)
            return image
        } catch let error as ImagingError {
            precondition(!error.description.isEmpty)
            return nil
        } catch {
            preconditionFailure("decode threw a non-ImagingError: \(error)")
        }
    }

    /// Probes `bytes` the same way.
    @discardableResult
    public static func probe(_ bytes: [UInt8]) -> ImageInfo? {
        do {
            let info = try ImageInfo(probing: bytes)
            precondition(info.width > 0 && info.height > 0, "probe returned \(info.width)x\(info.height)")
            return info
        } catch let error as ImagingError {
            precondition(!error.description.isEmpty)
            return nil
        } catch {
            preconditionFailure("probe threw a non-ImagingError: \(error)")
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
