/// Everything that can go wrong while probing, decoding, transforming or
/// encoding an image.
///
/// Each case carries what happened; ``reason`` is a clause that also says what the caller can do
/// about it, and ``description`` the sentence made of it. An error that wraps this one and names the
/// file (Bridge's `ImageFileError`) ends its own sentence with ``reason``.
public enum ImagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are in no format ``ImageFormat`` knows. `prefix` holds up to the first 8 bytes.
    case unrecognizedFormat(prefix: [UInt8])
    /// The image uses a feature this build cannot decode (12-bit or lossless JPEG, …).
    case unsupported(ImageFormat, feature: String)
    /// The data ends before the image does. `offset` is the number of bytes
    /// that were available, when known.
    case truncated(ImageFormat, offset: Int?)
    /// The data is damaged or inconsistent; `reason` is the codec's own message.
    case corrupt(ImageFormat, reason: String)
    /// The header declares more pixels than the configured limit allows.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// A width or height is zero, negative or beyond what the format allows.
    case invalidDimensions(width: Int, height: Int)
    /// An argument is out of range (a quality of 0, a crop outside the image, …).
    case invalidArgument(String)
    /// The encoder failed; `reason` is the codec's own message.
    case encodingFailed(ImageFormat, reason: String)
    /// The format was recognised, but this build was made without the package trait (`trait`) that
    /// links its library, so it can be neither decoded nor encoded.
    case notCompiled(ImageFormat, trait: String)
    /// ``ColorProfileHandling/convertToSRGB`` met a profile, in a build without the package trait
    /// `ColorManagement`.
    case colorManagementNotCompiled
    /// little-cms could not build a transform from the image's profile to sRGB; `reason` says why.
    case colorConversionFailed(reason: String)

    /// The reason as one sentence: capitalised, with a final period.
    public var description: String {
        reason.prefix(1).uppercased() + reason.dropFirst() + "."
    }

    /// What went wrong, as a clause without subject, capital or final period:
    /// `truncated JPEG data: the image ends early after 3000 bytes; …`.
    public var reason: String {
        switch self {
        case .unrecognizedFormat(let prefix):
            let hex = prefix.prefix(8).map { byte in
                let digits = String(byte, radix: 16, uppercase: true)
                return digits.count == 1 ? "0" + digits : digits
            }
            let start = hex.isEmpty ? "the data is empty" : "it starts with \(hex.joined(separator: " "))"
            return
                "not a recognised image (\(start)); JPEG, PNG, WebP, GIF, HEIC, HEIF and AVIF can be decoded"
        case .unsupported(let format, let feature) where format == .jpeg || format == .png:
            return
                "unsupported \(format) image: \(feature); convert it to 8-bit baseline or progressive \(format) first"
        case .unsupported(let format, let feature):
            return "unsupported \(format) image: \(feature)"
        case .truncated(let format, let offset):
            let at = offset.map { " after \($0) bytes" } ?? ""
            return
                "truncated \(format) data: the image ends early\(at); re-upload the complete file, or set allowTruncated to accept a partial image"
        case .corrupt(let format, let reason):
            return "corrupt \(format) data: \(reason)"
        case .tooManyPixels(let width, let height, let limit):
            return
                "image of \(width)×\(height) pixels exceeds the limit of \(limit) pixels (possible decompression bomb); raise maximumPixelCount if the image is trusted"
        case .invalidDimensions(let width, let height):
            return "invalid image dimensions \(width)×\(height): both sides must be at least 1"
        case .invalidArgument(let message):
            return "invalid argument: \(message)"
        case .encodingFailed(let format, let reason):
            return "cannot encode \(format): \(reason)"
        case .notCompiled(let format, let trait):
            return
                "\(format) support is not compiled in; enable the package trait \(trait) (Debian package \(format.debianPackage))"
        case .colorManagementNotCompiled:
            return
                "converting an ICC profile to sRGB is not compiled in; enable the package trait ColorManagement (Debian package liblcms2-dev), or keep or drop the profile instead"
        case .colorConversionFailed(let reason):
            return "cannot convert the image's ICC profile to sRGB: \(reason)"
        }
    }
}
