/// An ICC colour profile, as an image file embeds it: the profile's own bytes, validated.
///
/// Decoding keeps the source's profile on ``Image/iccProfile`` (JPEG `APP2` segments, PNG `iCCP`)
/// and every transform carries it, so encoding writes it back and the thumbnail shows the colours
/// the photo had. ``DecodingOptions/colorProfile`` converts to sRGB or drops it instead.
///
/// ```swift
/// let photo = try Image(decoding: bytes)
/// photo.iccProfile?.colorSpace   // .rgb
/// photo.iccProfile?.count        // 560 for a Display P3 profile
/// ```
public struct ICCProfile: Sendable, Hashable {
    /// The data colour space a profile describes (header bytes 16–19).
    public enum ColorSpace: Sendable, Hashable {
        /// `GRAY`: one luminance channel.
        case gray
        /// `RGB `: red, green and blue.
        case rgb
        /// `CMYK`: printing inks (a CMYK JPEG's profile).
        case cmyk
        /// Any other signature (Lab, XYZ, n-colour), as its four characters.
        case other(String)
    }

    /// The profile's bytes, exactly as embedded.
    public let bytes: [UInt8]

    /// The largest profile accepted: 4 MiB. Real profiles are a few kilobytes (sRGB 3 KB, Display P3
    /// 0.5 KB, a printer's CMYK profile up to 2 MB); anything larger is treated as hostile.
    public static let maximumSize = 4 * 1024 * 1024

    /// The size of the header every profile starts with.
    static let headerSize = 128

    /// A profile from its bytes.
    ///
    /// Checks the header only (what every reader needs before trusting the bytes): at least 128
    /// bytes, no more than ``maximumSize``, a declared size within the data, and the `acsp`
    /// signature. Bytes after the declared size are dropped, as readers ignore them.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` naming what is wrong.
    public init(_ bytes: [UInt8]) throws(ImagingError) {
        guard bytes.count >= Self.headerSize else {
            throw .invalidArgument("an ICC profile has a 128-byte header, got \(bytes.count) bytes")
        }
        guard bytes.count <= Self.maximumSize else {
            throw .invalidArgument("ICC profile of \(bytes.count) bytes is over the 4 MiB limit")
        }
        let declared = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard declared >= Self.headerSize, declared <= bytes.count else {
            throw .invalidArgument(
                "ICC profile declares \(declared) bytes but \(bytes.count) were embedded")
        }
        guard bytes[36...39].elementsEqual("acsp".utf8) else {
            throw .invalidArgument("ICC profile lacks the 'acsp' signature")
        }
        self.bytes = declared == bytes.count ? bytes : Array(bytes[..<declared])
    }

    /// The number of bytes.
    public var count: Int { bytes.count }

    /// The colour space of the data the profile describes.
    public var colorSpace: ColorSpace {
        switch signature(at: 16) {
        case "GRAY": .gray
        case "RGB ": .rgb
        case "CMYK": .cmyk
        case let other: .other(other)
        }
    }

    /// Whether the profile can describe pixels of `format` (gray profiles gray images, RGB ones RGB).
    func describes(_ format: PixelFormat) -> Bool {
        colorSpace == (format.isGray ? .gray : .rgb)
    }

    private func signature(at offset: Int) -> String {
        String(decoding: bytes[offset..<offset + 4], as: Unicode.ASCII.self)
    }
}

extension ICCProfile {
    /// A profile as found in a file: `nil` when the embedded bytes are not a usable profile, which
    /// decoders then treat as no profile (as browsers do).
    init?(embedded bytes: [UInt8]) {
        guard let profile = try? ICCProfile(bytes) else { return nil }
        self = profile
    }

    /// The profile kept on an image of `format`, or `nil` when it cannot describe those pixels
    /// (a CMYK profile once CMYK is converted to RGB, an RGB profile on a gray JPEG).
    func kept(for format: PixelFormat) -> ICCProfile? {
        describes(format) ? self : nil
    }
}
