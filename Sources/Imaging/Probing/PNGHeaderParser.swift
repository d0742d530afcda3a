/// Reads the PNG signature, IHDR and the chunks up to the first IDAT (`tRNS`, and the colour profile
/// and orientation of ``PNGMetadata``).
enum PNGHeaderParser {
    static func parse(_ view: Span<UInt8>) throws(ImagingError) -> ImageInfo {
        let truncated = ImagingError.truncated(.png, offset: view.count)
        // Signature (8) + IHDR length (4) + type (4) + data (13) + CRC (4).
        guard let ihdrRange = view.range(from: 16, count: 13), let storedCRC = view.uint32(at: 29) else {
            throw truncated
        }
        let ihdr = view.extracting(ihdrRange)
        guard view.uint32(at: 8) == 13, view.matches(Array("IHDR".utf8), at: 12) else {
            throw .corrupt(.png, reason: "the first chunk is not a 13-byte IHDR")
        }
        guard CRC32.checksum(view.extracting(12..<29)) == storedCRC else {
            throw .corrupt(.png, reason: "IHDR: CRC error")
        }
        let width = ihdr.uint32(at: 0) ?? 0
        let height = ihdr.uint32(at: 4) ?? 0
        let bitDepth = Int(ihdr.uint8(at: 8) ?? 0)
        let colorType = Int(ihdr.uint8(at: 9) ?? 0)
        let interlace = Int(ihdr.uint8(at: 12) ?? 0)
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw .invalidDimensions(width: width, height: height)
        }
        let validDepths: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard let depths = validDepths[colorType], depths.contains(bitDepth), ihdr.uint8(at: 10) == 0,
            ihdr.uint8(at: 11) == 0, interlace <= 1
        else {
            throw .corrupt(.png, reason: "invalid IHDR data (colour type \(colorType), bit depth \(bitDepth))")
        }
        let (hasTransparency, metadata) = try readChunks(view, colorType: colorType, after: 33)
        let pixelFormat: PixelFormat =
            switch colorType {
            case 0: hasTransparency ? .grayAlpha : .gray
            case 4: .grayAlpha
            case 6: .rgba
            default: hasTransparency ? .rgba : .rgb
            }
        return ImageInfo(
            format: .png, width: width, height: height, orientation: metadata.orientation,
            hasAlpha: pixelFormat.hasAlpha, pixelFormat: pixelFormat, bitDepth: bitDepth, isInterlaced: interlace == 1,
            componentCount: [1, 0, 3, 1, 2, 0, 4][colorType],
            iccProfile: metadata.iccProfile)
    }

    /// Walks the chunks from `offset` to the first IDAT: whether a `tRNS` chunk there is one libpng
    /// will use, applying libpng's own rules so the probe and the decoder always agree (a bad CRC, a
    /// wrong length for the colour type, a palette `tRNS` before `PLTE` or longer than the palette,
    /// and a second `tRNS` are all ignored, as libpng warns and discards them), and the metadata.
    private static func readChunks(
        _ view: Span<UInt8>, colorType: Int, after offset: Int
    ) throws(ImagingError) -> (hasTransparency: Bool, metadata: PNGMetadata) {
        var offset = offset
        var paletteEntries: Int?
        var found = false
        var metadata = PNGMetadata()
        while true {
            guard let length = view.uint32(at: offset), view.count >= offset + 8 else {
                throw .truncated(.png, offset: view.count)
            }
            guard length <= Int(Int32.max) else { throw .corrupt(.png, reason: "chunk length \(length) is too large") }
            if view.matches(Array("IDAT".utf8), at: offset + 4) { return (found, metadata) }
            if view.matches(Array("IEND".utf8), at: offset + 4) {
                throw .corrupt(.png, reason: "no image data (IEND before the first IDAT)")
            }
            if view.matches(Array("PLTE".utf8), at: offset + 4) {
                paletteEntries = length / 3
            } else if !found, view.matches(Array("tRNS".utf8), at: offset + 4) {
                let lengthFits =
                    switch colorType {
                    case 0: length == 2
                    case 2: length == 6
                    case 3: length > 0 && length <= (paletteEntries ?? 0)
                    default: false
                    }
                if lengthFits { found = try chunkCRCMatches(view, at: offset, length: length) }
            } else if let type = PNGMetadata.chunkTypes.first(where: { view.matches(Array($0.utf8), at: offset + 4) }) {
                guard let data = view.range(from: offset + 8, count: length) else {
                    throw .truncated(.png, offset: view.count)
                }
                if try chunkCRCMatches(view, at: offset, length: length) {
                    metadata.read(type: type, data: view.extracting(data))
                }
            }
            offset += 12 + length
        }
    }

    /// Whether the CRC of the chunk at `offset` (over its type and data) is right.
    private static func chunkCRCMatches(_ view: Span<UInt8>, at offset: Int, length: Int) throws(ImagingError) -> Bool {
        guard let stored = view.uint32(at: offset + 8 + length) else { throw .truncated(.png, offset: view.count) }
        return CRC32.checksum(view.extracting((offset + 4)..<(offset + 8 + length))) == stored
    }
}

/// The CRC-32 of PNG chunks and zlib (polynomial 0xEDB88320).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }

    static func checksum(_ bytes: Span<UInt8>) -> Int {
        var crc: UInt32 = 0xFFFF_FFFF
        for index in bytes.indices {
            crc = table[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
        }
        return Int(crc ^ 0xFFFF_FFFF)
    }
}
