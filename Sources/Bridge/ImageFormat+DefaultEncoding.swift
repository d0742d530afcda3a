import Files

extension ImageFormat {
    /// The encoding a thumbnail of an image in this format gets when the caller names none.
    ///
    /// JPEG stays JPEG and PNG stays PNG. The formats browsers do not all show, or that are
    /// animations (GIF, WebP), become PNG when they have alpha, so transparency survives, and JPEG
    /// otherwise. The HEIF family (camera photos) becomes JPEG.
    package func defaultThumbnailEncoding(hasAlpha: Bool) -> ImageEncoding {
        switch self {
        case .jpeg: .jpeg()
        case .png: .png()
        case .webp, .gif: hasAlpha ? .png() : .jpeg()
        case .heic, .heif, .avif: .jpeg()
        }
    }
}
