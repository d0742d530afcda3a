/// The format and settings ``Image/encoded(as:)`` writes.
///
/// ```swift
/// let jpeg = try image.encoded(as: .jpeg(quality: 85))
/// let png = try image.encoded(as: .png(PNGOptions(compressionLevel: 9)))
/// let webp = try image.encoded(as: .webp(quality: 80))
/// ```
///
/// WebP needs the `WebP` trait and AVIF the `HEIF` trait (both on by default) plus an AV1 encoder
/// plugin in libheif; without them ``Image/encoded(as:)`` throws a typed error.
public enum ImageEncoding: Sendable, Hashable {
    /// JPEG through TurboJPEG; see ``JPEGOptions``.
    case jpeg(JPEGOptions = JPEGOptions())
    /// PNG through libpng; see ``PNGOptions``.
    case png(PNGOptions = PNGOptions())
    /// WebP through libwebp, lossy or lossless, alpha kept; see ``WebPOptions``.
    case webp(WebPOptions = WebPOptions())
    /// AVIF through libheif's AV1 encoder; see ``AVIFOptions``.
    case avif(AVIFOptions = AVIFOptions())

    /// JPEG with the given quality (1–100) and the other settings' defaults unless given.
    public static func jpeg(
        quality: Int, progressive: Bool = false, subsampling: ChromaSubsampling = .s420,
        background: Color = .white
    ) -> ImageEncoding {
        .jpeg(JPEGOptions(quality: quality, progressive: progressive, subsampling: subsampling, background: background))
    }

    /// PNG with the given zlib compression level (0–9).
    public static func png(compressionLevel: Int) -> ImageEncoding {
        .png(PNGOptions(compressionLevel: compressionLevel))
    }

    /// WebP with the given quality (1–100), lossy unless `lossless`.
    public static func webp(quality: Int, lossless: Bool = false) -> ImageEncoding {
        .webp(WebPOptions(quality: quality, lossless: lossless))
    }

    /// AVIF with the given quality (1–100).
    public static func avif(quality: Int) -> ImageEncoding {
        .avif(AVIFOptions(quality: quality))
    }

    /// The encoded format.
    public var format: ImageFormat {
        switch self {
        case .jpeg: .jpeg
        case .png: .png
        case .webp: .webp
        case .avif: .avif
        }
    }
}

/// How chroma (colour) is sampled relative to luma when encoding a colour JPEG.
///
/// Gray images are always written with a single component, whatever this says.
public enum ChromaSubsampling: Sendable, Hashable, CaseIterable {
    /// 4:4:4, full-resolution colour. The corresponding TurboJPEG constant is `TJSAMP_444`.
    case s444
    /// 4:2:2, colour halved horizontally. The corresponding TurboJPEG constant is `TJSAMP_422`.
    case s422
    /// 4:2:0, colour halved both ways; the default of Pillow and libjpeg. The corresponding
    /// TurboJPEG constant is `TJSAMP_420`.
    case s420
}

/// JPEG encoding settings. The defaults are Pillow's.
///
/// TurboJPEG 2.1 also reads the environment variables `TJ_OPTIMIZE`, `TJ_ARITHMETIC`,
/// `TJ_RESTART` and `TJ_PROGRESSIVE` on every compression and changes its output when they are
/// set; this library does not set or clear them, so keep them out of a server's environment.
public struct JPEGOptions: Sendable, Hashable {
    /// Quality 1–100 (libjpeg's scale); 75 by default, as Pillow. Values above 95 grow files a lot
    /// for little gain. Out-of-range values throw ``ImagingError/invalidArgument(_:)``.
    public var quality: Int
    /// Whether to write a progressive JPEG (SOF2, optimal Huffman tables). The corresponding
    /// TurboJPEG constant is `TJFLAG_PROGRESSIVE`.
    public var progressive: Bool
    /// Chroma subsampling for colour images; 4:2:0 by default.
    public var subsampling: ChromaSubsampling
    /// The colour alpha is composited onto, since JPEG has no alpha (Pillow refuses instead:
    /// "cannot write mode RGBA as JPEG"). White by default; its own alpha is ignored.
    public var background: Color

    /// Creates JPEG settings.
    public init(
        quality: Int = 75, progressive: Bool = false, subsampling: ChromaSubsampling = .s420,
        background: Color = .white
    ) {
        self.quality = quality
        self.progressive = progressive
        self.subsampling = subsampling
        self.background = background
    }
}

/// PNG encoding settings. The defaults are Pillow's.
public struct PNGOptions: Sendable, Hashable {
    /// zlib compression level 0 (store) to 9 (smallest); 6 by default, as Pillow and libpng.
    /// Out-of-range values throw ``ImagingError/invalidArgument(_:)``.
    public var compressionLevel: Int

    /// Creates PNG settings.
    public init(compressionLevel: Int = 6) {
        self.compressionLevel = compressionLevel
    }
}
