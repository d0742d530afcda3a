/// Puts an ICC profile into a WebP file as libwebp's simple encoder wrote it: the extended layout
/// (RIFF spec, "Extended File Format") with a `VP8X` header whose ICC flag is set, then `ICCP`,
/// then the image chunks unchanged. Pure byte work, so libwebpmux is not needed.
enum WebPICCChunk {
    /// `webp` with `profile` added; `hasAlpha` sets the `VP8X` alpha flag when a header is made.
    static func inserting(_ profile: ICCProfile, into webp: [UInt8], width: Int, height: Int, hasAlpha: Bool)
        -> [UInt8]
    {
        guard webp.count >= 20, webp[0..<4].elementsEqual("RIFF".utf8), webp[8..<12].elementsEqual("WEBP".utf8)
        else { return webp }
        let iccp = chunk("ICCP", profile.bytes)
        var body: [UInt8] = Array("WEBP".utf8)
        if webp[12..<16].elementsEqual("VP8X".utf8), webp.count >= 30 {
            // Already extended (lossy with alpha): set the ICC flag, the profile right after VP8X.
            var header = Array(webp[12..<30])
            header[8] |= 0x20
            body += header + iccp + webp[30...]
        } else {
            var flags: UInt8 = 0x20
            if hasAlpha { flags |= 0x10 }
            let canvas = littleEndian24(width - 1) + littleEndian24(height - 1)
            body += chunk("VP8X", [flags, 0, 0, 0] + canvas) + iccp + webp[12...]
        }
        return Array("RIFF".utf8) + littleEndian(body.count) + body
    }

    /// A RIFF chunk: four-letter type, little-endian size, data, a pad byte when the size is odd.
    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        Array(type.utf8) + littleEndian(data.count) + data + (data.count % 2 == 1 ? [0] : [])
    }

    private static func littleEndian24(_ value: Int) -> [UInt8] {
        Array(littleEndian(value).prefix(3))
    }

    private static func littleEndian(_ value: Int) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8((value >> 24) & 0xFF)]
    }
}
