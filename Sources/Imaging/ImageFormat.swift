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
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else {
            return nil
        }
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
