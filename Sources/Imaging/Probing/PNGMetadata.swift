/// What a PNG says about its colour and orientation before the image data: the `iCCP` profile and
/// the orientation, from `eXIf`, else ImageMagick's `Raw profile type exif` text, else XMP's
/// `tiff:Orientation` — the sources and the order Pillow reads.
///
/// Compressed chunks are inflated with a limit (4 MiB for a profile, 1 MiB for text), so a chunk
/// built to inflate to gigabytes is dropped after at most that much work; a damaged one reads as
/// absent, as libpng discards it with a warning.
struct PNGMetadata {
    private(set) var iccProfile: ICCProfile?
    // Outer `nil`: no such chunk; inner `nil`: the chunk has no Orientation tag.
    private var eXIfOrientation: Orientation??
    private var rawExifOrientation: Orientation??
    private var xmpOrientation: Orientation?
    // Only the first chunk of each kind is read, so a file of many chunks that each inflate to the
    // limit costs one limit's work, not one per chunk.
    private var sawProfile = false
    private var sawRawExif = false
    private var sawXMP = false

    static let textLimit = 1024 * 1024
    private static let rawExifKeyword = Array("Raw profile type exif".utf8)
    private static let xmpKeyword = Array("XML:com.adobe.xmp".utf8)

    /// The orientation to display the image in.
    var orientation: Orientation {
        // Pillow's order: the EXIF of `eXIf` if there is one, else of the raw profile; then XMP.
        ((eXIfOrientation ?? rawExifOrientation) ?? nil) ?? xmpOrientation ?? .up
    }

    /// The chunk types this reads (the parser checks their CRC first).
    static let chunkTypes = ["iCCP", "eXIf", "tEXt", "zTXt", "iTXt"]

    /// Reads one chunk's data; `type` is its four-letter type.
    mutating func read(type: String, data: Span<UInt8>) {
        switch type {
        case "iCCP" where !sawProfile:
            // Name (1–79 bytes), NUL, compression method 0, zlib stream. Only the first one counts.
            sawProfile = true
            guard let name = data.firstIndex(of: 0), name >= 1, data.uint8(at: name + 1) == 0 else { return }
            iccProfile = Inflate.decompress(data.extracting((name + 2)...), limit: ICCProfile.maximumSize)
                .flatMap(ICCProfile.init(embedded:))
        case "eXIf" where eXIfOrientation == nil:
            eXIfOrientation = .some(Self.orientation(inEXIF: data))
        case "tEXt", "zTXt", "iTXt":
            readText(type: type, data: data)
        default:
            break
        }
    }

    private mutating func readText(type: String, data: Span<UInt8>) {
        guard let keywordEnd = data.firstIndex(of: 0) else { return }
        let isRawExif = data.matches(Self.rawExifKeyword, at: 0) && keywordEnd == Self.rawExifKeyword.count
        let isXMP = data.matches(Self.xmpKeyword, at: 0) && keywordEnd == Self.xmpKeyword.count
        guard (isRawExif && !sawRawExif) || (isXMP && !sawXMP) else { return }
        if isRawExif { sawRawExif = true } else { sawXMP = true }
        guard let text = Self.text(of: type, data: data, keywordEnd: keywordEnd) else { return }
        if isRawExif {
            rawExifOrientation = .some(Self.orientation(inRawProfile: text))
        } else {
            xmpOrientation = Self.orientation(inXMP: text)
        }
    }

    /// The text of a `tEXt`, `zTXt` or `iTXt` chunk whose keyword ends at `keywordEnd`.
    private static func text(of type: String, data: Span<UInt8>, keywordEnd: Int) -> [UInt8]? {
        switch type {
        case "tEXt":
            return data.extracting((keywordEnd + 1)...).withUnsafeBufferPointer { Array($0) }
        case "zTXt":
            guard data.uint8(at: keywordEnd + 1) == 0 else { return nil }
            return Inflate.decompress(data.extracting((keywordEnd + 2)...), limit: textLimit)
        default:
            // iTXt: compression flag, method, language tag NUL, translated keyword NUL, text.
            guard let flag = data.uint8(at: keywordEnd + 1), data.uint8(at: keywordEnd + 2) == 0,
                let language = data.firstIndex(of: 0, from: keywordEnd + 3),
                let translated = data.firstIndex(of: 0, from: language + 1)
            else { return nil }
            let body = data.extracting((translated + 1)...)
            return flag == 0 ? body.withUnsafeBufferPointer { Array($0) } : Inflate.decompress(body, limit: textLimit)
        }
    }

    /// An `eXIf` chunk is a TIFF structure; some writers keep JPEG's `Exif\0\0` before it.
    private static func orientation(inEXIF data: Span<UInt8>) -> Orientation? {
        let start = data.matches(Array("Exif\0\0".utf8), at: 0) ? 6 : 0
        return EXIFParser.orientation(inTIFF: data.extracting(start...))
    }

    /// ImageMagick's raw profile: `\nexif\n   <length>\n` then the EXIF bytes in hex, over many lines.
    private static func orientation(inRawProfile text: [UInt8]) -> Orientation? {
        var newlines = 0
        var bytes: [UInt8] = []
        var high: UInt8?
        for character in text {
            if newlines < 3 {
                if character == UInt8(ascii: "\n") { newlines += 1 }
                continue
            }
            guard let nibble = hexValue(character) else { continue }  // line breaks, spaces
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return orientation(inEXIF: bytes.span)
    }

    /// XMP's `tiff:Orientation="6"` (attribute) or `<tiff:Orientation>6<` (element).
    private static func orientation(inXMP text: [UInt8]) -> Orientation? {
        let name = Array("tiff:Orientation".utf8)
        let span = text.span
        var offset = 0
        while offset + name.count + 2 < text.count {
            if span.matches(name, at: offset) {
                let after = offset + name.count
                let digitAt =
                    span.matches(Array("=\"".utf8), at: after)
                    ? after + 2 : (text[after] == UInt8(ascii: ">") ? after + 1 : nil)
                if let digitAt, digitAt < text.count, let value = hexValue(text[digitAt]), value <= 9 {
                    return Orientation(exifValue: Int(value))
                }
            }
            offset += 1
        }
        return nil
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Span where Element == UInt8 {
    /// The offset of the first `byte` at or after `start`, if any.
    func firstIndex(of byte: UInt8, from start: Int = 0) -> Int? {
        var offset = max(start, 0)
        while offset < count {
            if self[offset] == byte { return offset }
            offset += 1
        }
        return nil
    }
}
