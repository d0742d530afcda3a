/// An encoded image format, always identified by the bytes themselves.
///
/// Detection is pure Swift and works in every build; decoding WebP, GIF and the HEIF family needs
/// the package trait that links their library (see ``trait``).
public enum ImageFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// JPEG (JFIF / Exif), decoded and encoded with libjpeg-turbo.
    case jpeg
    /// PNG, decoded and encoded with libpng.
    case png
    /// WebP (lossy VP8, lossless VP8L, with or without alpha), decoded and encoded with libwebp.
    case webp
    /// GIF 87a / 89a; the first frame is decoded with giflib.
    case gif
    /// HEIC: HEIF with HEVC-coded images (iPhone photos), decoded with libheif.
    case heic
    /// HEIF with another or no declared codec (brand `mif1` / `msf1`), decoded with libheif.
    case heif
    /// AVIF: HEIF with AV1-coded images, decoded (and encoded) with libheif.
    case avif

    /// Detects the format from the first bytes of an encoded image.
    ///
    /// Looks at the signature only, never at a file name or a claimed content type:
    /// `FF D8 FF` for JPEG, the 8-byte PNG signature, `GIF87a` / `GIF89a`, `RIFF` … `WEBP`, and for
    /// the HEIF family the ISO-BMFF `ftyp` box at offset 4, by its major brand and then its
    /// compatible brands (`heic` `heix` `heim` `heis` `hevc` `hevx` → HEIC, `avif` `avis` → AVIF,
    /// `mif1` `msf1` → HEIF). O(size of the `ftyp` box), at most its first 4 KiB.
    ///
    /// - Returns: `nil` when the bytes start with no known signature.
    public init?(detecting bytes: some Collection<UInt8>) {
        if let detected = bytes.withContiguousStorageIfAvailable({ Self(detecting: $0.span) }) {
            guard let detected else { return nil }
            self = detected
            return
        }
        // Another collection: its first bytes, copied one by one (never the whole collection).
        var head: [UInt8] = []
        head.reserveCapacity(Self.ftypScanLimit)
        for byte in bytes {
            head.append(byte)
            if head.count == Self.ftypScanLimit { break }
        }
        guard let format = Self(detecting: head.span) else { return nil }
        self = format
    }

    /// The format whose signature `bytes` starts with, if any.
    init?(detecting bytes: Span<UInt8>) {
        if bytes.matches(Self.jpegSignature, at: 0) {
            self = .jpeg
        } else if bytes.matches(Self.pngSignature, at: 0) {
            self = .png
        } else if bytes.matches(Self.gif87a, at: 0) || bytes.matches(Self.gif89a, at: 0) {
            self = .gif
        } else if bytes.matches(Self.riff, at: 0), bytes.matches(Self.webpTag, at: 8) {
            self = .webp
        } else if let format = Self.isoBrandFormat(bytes) {
            self = format
        } else {
            return nil
        }
    }

    /// The HEIF-family format an ISO-BMFF `ftyp` box at offset 4 declares: the major brand first,
    /// then the compatible brands (those of a box cut short by the end of `bytes` included).
    private static func isoBrandFormat(_ bytes: Span<UInt8>) -> ImageFormat? {
        guard bytes.matches(Self.ftyp, at: 4), let boxSize = bytes.uint32(at: 0) else { return nil }
        // A specific major brand decides; a generic one (`mif1`) still lets a compatible brand name
        // the codec.
        let major = brandFormat(bytes, at: 8)
        if let major, major != .heif { return major }
        // A size below 16 leaves no room for compatible brands; 0 and 1 (to the end, 64-bit size)
        // are read up to the scan limit.
        let end = min(boxSize < 16 ? max(boxSize, 16) : boxSize, bytes.count, ftypScanLimit)
        var generic = major == .heif
        for offset in stride(from: 16, to: end - 3, by: 4) {
            switch brandFormat(bytes, at: offset) {
            case .heic: return .heic
            case .avif: return .avif
            case .heif: generic = true
            default: continue
            }
        }
        return generic ? .heif : nil
    }

    private static func brandFormat(_ bytes: Span<UInt8>, at offset: Int) -> ImageFormat? {
        guard bytes.range(from: offset, count: 4) != nil else { return nil }
        let brand = (0..<4).map { bytes[offset + $0] }
        return brands[brand]
    }

    /// How a prefix too short to identify could begin, if it begins a known signature.
    static func started(by bytes: Span<UInt8>) -> ImageFormat? {
        guard !bytes.isEmpty else { return nil }
        // Whether the bytes from `start` that are there match `signature`; vacuously so when none are.
        func isPrefix(_ signature: [UInt8], from start: Int = 0) -> Bool {
            let end = min(bytes.count, start + signature.count)
            return end <= start || (start..<end).allSatisfy { bytes[$0] == signature[$0 - start] }
        }
        if bytes.count < jpegSignature.count, isPrefix(jpegSignature) { return .jpeg }
        if bytes.count < pngSignature.count, isPrefix(pngSignature) { return .png }
        if bytes.count < gif87a.count, isPrefix(gif87a) || isPrefix(gif89a) { return .gif }
        if bytes.count < 12, isPrefix(riff), isPrefix(webpTag, from: 8) { return .webp }
        // Four bytes of anything could be a box size; from the fifth on, `ftyp` must follow.
        if bytes.count > 4, bytes.count < 12, isPrefix(ftyp, from: 4) { return .heif }
        return nil
    }

    // Stored once: the probe detects a format on every call.
    private static let jpegSignature: [UInt8] = [0xFF, 0xD8, 0xFF]
    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    private static let gif87a = Array("GIF87a".utf8)
    private static let gif89a = Array("GIF89a".utf8)
    private static let riff = Array("RIFF".utf8)
    private static let webpTag = Array("WEBP".utf8)
    private static let ftyp = Array("ftyp".utf8)
    private static let ftypScanLimit = 4096
    private static let brands: [[UInt8]: ImageFormat] = {
        var brands: [[UInt8]: ImageFormat] = [:]
        for brand in ["heic", "heix", "heim", "heis", "hevc", "hevx"] { brands[Array(brand.utf8)] = .heic }
        for brand in ["avif", "avis"] { brands[Array(brand.utf8)] = .avif }
        for brand in ["mif1", "msf1"] { brands[Array(brand.utf8)] = .heif }
        return brands
    }()

    /// The first bytes of data in no known format, as ``ImagingError/unrecognizedFormat(prefix:)`` reports them.
    static func prefix(of bytes: Span<UInt8>) -> [UInt8] {
        (0..<min(bytes.count, 8)).map { bytes[$0] }
    }

    /// The content type (MIME type): `image/jpeg`, `image/png`, `image/webp`, `image/gif`,
    /// `image/heic`, `image/heif` or `image/avif`.
    ///
    /// This table and ``fileExtensions`` are the one place the package names a format's content type
    /// and extensions; Files' name-to-type guess, Bridge's file names and the `thumbnail` tool's source
    /// list are checked against or derived from them.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        case .gif: "image/gif"
        case .heic: "image/heic"
        case .heif: "image/heif"
        case .avif: "image/avif"
        }
    }

    /// Every file-name extension, lower-cased and without the dot, that names this format; the first
    /// is the usual one, ``fileExtension``.
    ///
    /// ```swift
    /// ImageFormat.jpeg.fileExtensions   // ["jpg", "jpeg", "jpe", "jfif"]
    /// ```
    public var fileExtensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg", "jpe", "jfif"]
        case .png: ["png"]
        case .webp: ["webp"]
        case .gif: ["gif"]
        case .heic: ["heic"]
        case .heif: ["heif", "hif"]
        case .avif: ["avif"]
        }
    }

    /// The usual file-name extension, without the dot: `jpg`, `png`, `webp`, `gif`, `heic`, `heif`
    /// or `avif`.
    public var fileExtension: String { fileExtensions[0] }

    /// The format one of ``fileExtensions`` names, in any case, with or without its dot: `"JPEG"` and
    /// `".jpg"` give ``jpeg``.
    ///
    /// - Returns: `nil` for an extension no image format has.
    public init?(fileExtension: some StringProtocol) {
        let bare = (fileExtension.first == "." ? fileExtension.dropFirst() : fileExtension[...]).lowercased()
        guard let format = Self.allCases.first(where: { $0.fileExtensions.contains(bare) }) else { return nil }
        self = format
    }

    /// The encoding with default settings that writes this format, or `nil` for a format this library
    /// only reads (GIF, HEIC, HEIF).
    ///
    /// ```swift
    /// ImageFormat.allCases.compactMap(\.defaultEncoding)   // JPEG, PNG, WebP, AVIF
    /// ```
    public var defaultEncoding: ImageEncoding? {
        switch self {
        case .jpeg: .jpeg()
        case .png: .png()
        case .webp: .webp()
        case .avif: .avif()
        case .gif, .heic, .heif: nil
        }
    }

    public var description: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        case .webp: "WebP"
        case .gif: "GIF"
        case .heic: "HEIC"
        case .heif: "HEIF"
        case .avif: "AVIF"
        }
    }
}
