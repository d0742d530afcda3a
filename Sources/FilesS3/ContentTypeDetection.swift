import Files

/// The true `Content-Type` of an object: from its first bytes for the image formats, else from the
/// name's extension, else the type the upload declared, else `application/octet-stream`.
///
/// ```swift
/// ContentTypeDetection.contentType(head: jpegBytes, name: "photo.png", declared: "image/png")  // "image/jpeg"
/// ```
///
/// The signatures are checked here so that this module needs no image library; they are those of
/// Imaging's `ImageFormat(detecting:)`, which a Bridge test holds them to. The name's type is Files'
/// ``MIMETypes`` guess, the package's one extension table. django-storages guesses from the name
/// (`mimetypes.guess_type`) after the declared type; the bytes win here because a browser's declared
/// type and a file's extension are often wrong.
package enum ContentTypeDetection {
    /// How many leading bytes ``sniff(_:)`` looks at: enough for a HEIF `ftyp` box's first compatible
    /// brands; a caller with fewer still gets every format whose signature fits (the HEIF family from
    /// its major brand, in the first 12).
    package static let headLength = 64

    package static func contentType(head: some Collection<UInt8>, name: String, declared: String?) -> String {
        if let sniffed = sniff(Array(head.prefix(headLength))) { return sniffed }
        if let fromName = MIMETypes.guessType(of: name) { return fromName }
        if let declared, !declared.isEmpty { return declared }
        return "application/octet-stream"
    }

    /// JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`, GIF `GIF87a`/`GIF89a`, WebP `RIFF....WEBP`, and
    /// the HEIF family (HEIC, AVIF, HEIF) by the brands of an ISO-BMFF `ftyp` box at offset 4.
    package static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return "image/gif" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WEBP".utf8) {
            return "image/webp"
        }
        return heifFamilyType(bytes)
    }

    /// The type an ISO-BMFF `ftyp` box declares: a specific major brand decides; otherwise a compatible
    /// brand names the codec, and a generic brand (`mif1`, `msf1`) anywhere gives `image/heif`.
    private static func heifFamilyType(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 12, bytes[4..<8].elementsEqual("ftyp".utf8) else { return nil }
        let major = brandType(bytes[8..<12])
        if let major, major != "image/heif" { return major }
        let boxSize = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        // 0 and 1 mean "to the end" and "64-bit size": read what is there.
        let end = min(boxSize < 16 ? bytes.count : boxSize, bytes.count)
        var generic = major
        for offset in stride(from: 16, to: end - 3, by: 4) {
            switch brandType(bytes[offset..<offset + 4]) {
            case "image/heif": generic = "image/heif"
            case let specific?: return specific
            case nil: continue
            }
        }
        return generic
    }

    private static func brandType(_ brand: ArraySlice<UInt8>) -> String? {
        heifBrands[String(decoding: brand, as: UTF8.self)]
    }

    private static let heifBrands: [String: String] = [
        "heic": "image/heic", "heix": "image/heic", "heim": "image/heic", "heis": "image/heic",
        "hevc": "image/heic", "hevx": "image/heic", "avif": "image/avif", "avis": "image/avif",
        "mif1": "image/heif", "msf1": "image/heif",
    ]
}
