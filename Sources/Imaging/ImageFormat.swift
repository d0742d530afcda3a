/// An encoded image format, always identified by the bytes themselves.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// JPEG (JFIF / Exif), decoded and encoded with libjpeg-turbo.
    case jpeg
    /// PNG, decoded and encoded with libpng.
    case png

    /// Detects the format from the first bytes of an encoded image.
    ///
    /// Looks at the signature only (`FF D8 FF` for JPEG, the 8-byte PNG
    /// signature); never at a file name or a claimed content type. O(1).
    ///
    /// - Returns: `nil` when the bytes start with neither signature.
    public init?(detecting bytes: some Collection<UInt8>) {
        if bytes.starts(with: Self.jpegSignature) {
            self = .jpeg
        } else if bytes.starts(with: Self.pngSignature) {
            self = .png
        } else {
            return nil
        }
    }

    /// The format whose signature `bytes` starts with, if any.
    init?(detecting bytes: Span<UInt8>) {
        if bytes.matches(Self.jpegSignature, at: 0) {
            self = .jpeg
        } else if bytes.matches(Self.pngSignature, at: 0) {
            self = .png
        } else {
            return nil
        }
    }

    /// The bytes every file of this format starts with.
    var signature: [UInt8] {
        switch self {
        case .jpeg: Self.jpegSignature
        case .png: Self.pngSignature
        }
    }

    // Stored once: the probe detects a format on every call.
    private static let jpegSignature: [UInt8] = [0xFF, 0xD8, 0xFF]
    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The first bytes of data in no known format, as ``ImagingError/unrecognizedFormat(prefix:)`` reports them.
    static func prefix(of bytes: Span<UInt8>) -> [UInt8] {
        (0..<min(bytes.count, 8)).map { bytes[$0] }
    }

    /// The MIME type: `image/jpeg` or `image/png`.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }

    /// The usual file-name extension, without the dot: `jpg` or `png`.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        }
    }

    public var description: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        }
    }
}
