/// Finds the Orientation tag in the TIFF structure of an APP1 Exif segment.
///
/// Only IFD0 is read (that is where Orientation lives), so there is no IFD chain to loop on;
/// every offset is bounds-checked and anything malformed counts as no tag.
enum EXIFParser {
    static let orientationTag = 0x0112

    /// The Orientation tag's value, or `nil` when the structure has none (or is malformed).
    static func orientation(inTIFF tiff: Span<UInt8>) -> Orientation? {
        let bigEndian: Bool
        if tiff.matches([0x4D, 0x4D, 0x00, 0x2A], at: 0) {
            bigEndian = true
        } else if tiff.matches([0x49, 0x49, 0x2A, 0x00], at: 0) {
            bigEndian = false
        } else {
            return nil
        }
        guard let ifd = tiff.uint32(at: 4, bigEndian: bigEndian),
            let entryCount = tiff.uint16(at: ifd, bigEndian: bigEndian)
        else { return nil }
        for index in 0..<entryCount {
            let entry = ifd + 2 + 12 * index
            guard let tag = tiff.uint16(at: entry, bigEndian: bigEndian),
                let type = tiff.uint16(at: entry + 2, bigEndian: bigEndian)
            else { return nil }
            guard tag == orientationTag else { continue }
            // SHORT (3) as the standard says; LONG (4) from sloppy writers. Left-justified in the field.
            let value =
                type == 4
                ? tiff.uint32(at: entry + 8, bigEndian: bigEndian) : tiff.uint16(at: entry + 8, bigEndian: bigEndian)
            return Orientation(exifValue: value ?? 1)
        }
        return nil
    }
}
