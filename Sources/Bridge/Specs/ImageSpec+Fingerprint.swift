import Files

extension ImageSpec {
    /// A short, stable digest of the spec's parameters (shape, box, format and encoder settings,
    /// filter, crop; not the name): 8 lowercase hex digits.
    ///
    /// ```swift
    /// try ImageSpec("small", fitting: Size(square: 256), format: .jpeg(quality: 85)).fingerprint  // "bb0f55a3"
    /// ```
    ///
    /// It is the 64-bit FNV-1a hash of ``canonicalDescription``, folded to 32 bits, so it is the same on
    /// every machine, in every run and in every version of this library that keeps the description;
    /// changing any parameter changes it.
    public var fingerprint: String { FNV1a.hexDigest(of: canonicalDescription) }

    /// The text the fingerprint is computed from: every parameter, in a fixed order and spelling.
    ///
    /// ```swift
    /// // "v1;fit;256x256;jpeg;quality=85;progressive=0;subsampling=420;background=255,255,255,255;filter=bicubic"
    /// ```
    public var canonicalDescription: String {
        let shape =
            switch shape {
            case .fitting(let box): "fit;\(box.width)x\(box.height)"
            case .filling(let box): "fill;\(box.width)x\(box.height)"
            }
        let encoding =
            switch format {
            case .jpeg(let options):
                "jpeg;quality=\(options.quality);progressive=\(options.progressive ? 1 : 0)"
                    + ";subsampling=\(options.subsampling.canonicalName);background=\(options.background.canonicalName)"
            case .png(let options): "png;level=\(options.compressionLevel)"
            case .webp(let options): "webp;quality=\(options.quality);lossless=\(options.lossless ? 1 : 0)"
            case .avif(let options): "avif;quality=\(options.quality)"
            }
        // The centre adds nothing, so that specs made before crops existed keep their variant names.
        let crop = crop == .centre ? "" : ";crop=\(crop)"
        return "v1;\(shape);\(encoding);filter=\(filter)\(crop)"
    }
}

extension ChromaSubsampling {
    /// `444`, `422` or `420`.
    var canonicalName: String {
        switch self {
        case .s444: "444"
        case .s422: "422"
        case .s420: "420"
        }
    }

    init?(canonicalName: String) {
        guard let match = Self.allCases.first(where: { $0.canonicalName == canonicalName }) else { return nil }
        self = match
    }
}

extension Color {
    /// `r,g,b,a` in decimal.
    var canonicalName: String { "\(red),\(green),\(blue),\(alpha)" }
}

/// The 64-bit FNV-1a hash (Fowler, Noll, Vo): tiny, fixed, and identical everywhere, which is all a
/// name needs; it is not a cryptographic hash.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    static func hash(_ text: String) -> UInt64 {
        var hash = offsetBasis
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* prime
        }
        return hash
    }

    /// The hash folded to 32 bits (high half XOR low half), as 8 lowercase hex digits.
    static func hexDigest(of text: String) -> String {
        let hash = hash(text)
        let folded = UInt32(truncatingIfNeeded: hash >> 32) ^ UInt32(truncatingIfNeeded: hash)
        let digits = String(folded, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
