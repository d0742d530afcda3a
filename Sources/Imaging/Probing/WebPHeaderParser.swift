/// Reads a WebP file's RIFF header and its first chunk (`VP8 `, `VP8L` or `VP8X`), in pure Swift.
///
/// - `VP8 ` (lossy): the frame header's 14-bit width and height; never alpha.
/// - `VP8L` (lossless): the 14-bit sizes minus one after the `0x2F` signature, and the
///   `alpha_is_used` bit.
/// - `VP8X` (extended): the 24-bit canvas size minus one, and the alpha flag.
///
/// WebP sides are at most 16383 pixels (VP8X canvases up to 2^24, which the pixel limit rejects).
enum WebPHeaderParser {
    static func parse(_ view: Span<UInt8>) throws(ImagingError) -> ImageInfo {
        // RIFF (4) + size (4) + WEBP (4) + chunk type (4) + chunk size (4) + up to 10 header bytes.
        guard view.count >= 20 else { throw .truncated(.webp, offset: view.count) }
        let chunk = (12..<16).map { view[$0] }
        let width: Int
        let height: Int
        let hasAlpha: Bool
        switch String(decoding: chunk, as: UTF8.self) {
        case "VP8 ":
            guard let start = view.range(from: 20, count: 10) else { throw .truncated(.webp, offset: view.count) }
            guard view.matches([0x9D, 0x01, 0x2A], at: start.lowerBound + 3) else {
                throw .corrupt(.webp, reason: "the VP8 frame has no start code (not a key frame)")
            }
            width = (view.uint16(at: 26, bigEndian: false) ?? 0) & 0x3FFF
            height = (view.uint16(at: 28, bigEndian: false) ?? 0) & 0x3FFF
            hasAlpha = false
        case "VP8L":
            guard let bits = view.uint32(at: 21, bigEndian: false), view.count >= 25 else {
                throw .truncated(.webp, offset: view.count)
            }
            guard view[20] == 0x2F else { throw .corrupt(.webp, reason: "the VP8L signature byte is not 0x2F") }
            width = (bits & 0x3FFF) + 1
            height = ((bits >> 14) & 0x3FFF) + 1
            hasAlpha = (bits >> 28) & 1 == 1
        case "VP8X":
            guard view.count >= 30 else { throw .truncated(.webp, offset: view.count) }
            let flags = view[20]
            width = (Int(view[24]) | Int(view[25]) << 8 | Int(view[26]) << 16) + 1
            height = (Int(view[27]) | Int(view[28]) << 8 | Int(view[29]) << 16) + 1
            hasAlpha = flags & 0x10 != 0
        default:
            throw .corrupt(.webp, reason: "the first chunk is \(chunk), not VP8, VP8L or VP8X")
        }
        guard width > 0, height > 0 else { throw .invalidDimensions(width: width, height: height) }
        return ImageInfo(
            format: .webp, width: width, height: height, hasAlpha: hasAlpha, pixelFormat: hasAlpha ? .rgba : .rgb,
            bitDepth: 8, componentCount: hasAlpha ? 4 : 3, iccProfile: iccProfile(in: view))
    }

    /// The profile in the `ICCP` chunk of an extended (VP8X) file whose ICC flag is set, or `nil`
    /// (also for a profile that is damaged or over ``ICCProfile/maximumSize``).
    ///
    /// Walks the chunk headers only; a chunk that runs past the data ends the walk.
    static func iccProfile(in view: Span<UInt8>) -> ICCProfile? {
        guard view.matches(Array("VP8X".utf8), at: 12), let flags = view.uint8(at: 20), flags & 0x20 != 0 else {
            return nil
        }
        var offset = 12
        while let size = view.uint32(at: offset + 4, bigEndian: false), offset + 8 + size <= view.count {
            if view.matches(Array("ICCP".utf8), at: offset) {
                guard size <= ICCProfile.maximumSize else { return nil }
                return ICCProfile(
                    embedded: view.extracting(offset + 8..<offset + 8 + size).withUnsafeBufferPointer { Array($0) })
            }
            // Chunks are padded to an even size.
            offset += 8 + size + (size & 1)
        }
        return nil
    }
}
