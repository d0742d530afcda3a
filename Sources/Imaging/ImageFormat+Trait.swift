extension ImageFormat {
    /// The package trait whose library decodes this format: `WebP`, `GIF` or `HEIF` (for HEIC, HEIF
    /// and AVIF); `nil` for JPEG and PNG, which every build has.
    public var trait: String? {
        switch self {
        case .jpeg, .png: nil
        case .webp: "WebP"
        case .gif: "GIF"
        case .heic, .heif, .avif: "HEIF"
        }
    }

    /// Whether this build decodes the format: always for JPEG and PNG, for the others when the
    /// package was built with their ``trait`` (all are on by default).
    public var isCompiled: Bool {
        switch self {
        case .jpeg, .png: return true
        case .webp:
            #if WebP
            return true
            #else
            return false
            #endif
        case .gif:
            #if GIF
            return true
            #else
            return false
            #endif
        case .heic, .heif, .avif:
            #if HEIF
            return true
            #else
            return false
            #endif
        }
    }

    /// The Debian package with the library and headers ``trait`` builds against.
    var debianPackage: String {
        switch self {
        case .jpeg: "libturbojpeg0-dev"
        case .png: "libpng-dev"
        case .webp: "libwebp-dev"
        case .gif: "libgif-dev"
        case .heic, .heif, .avif: "libheif-dev"
        }
    }

    /// The error a build without this format's trait answers it with.
    var notCompiled: ImagingError { .notCompiled(self, trait: trait ?? "") }
}
