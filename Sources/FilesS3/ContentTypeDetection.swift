/// The true `Content-Type` of an object: from its first bytes for the image formats, else from the
/// name's extension, else the type the upload declared, else `application/octet-stream`.
///
/// ```swift
/// ContentTypeDetection.contentType(head: jpegBytes, name: "photo.png", declared: "image/png")  // "image/jpeg"
/// ```
///
/// The magic numbers are checked here so that this module needs no image library.
/// django-storages guesses from the name (`mimetypes.guess_type`) after the declared type; the bytes win
/// here because a browser's declared type and a file's extension are often wrong.
package enum ContentTypeDetection {
    package static func contentType(head: some Collection<UInt8>, name: String, declared: String?) -> String {
        if let sniffed = sniff(Array(head.prefix(12))) { return sniffed }
        if let fromName = typeForExtension(of: name) { return fromName }
        if let declared, !declared.isEmpty { return declared }
        return "application/octet-stream"
    }

    /// JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`, GIF `GIF87a`/`GIF89a`, WebP `RIFF....WEBP`.
    static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return "image/gif" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WEBP".utf8) {
            return "image/webp"
        }
        return nil
    }

    /// The type Python's `mimetypes` gives the name's last extension, for the common web types.
    static func typeForExtension(of name: String) -> String? {
        let base = name.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return nil }
        return types[base[base.index(after: dot)...].lowercased()]
    }

    private static let types: [String: String] = [
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "jpe": "image/jpeg", "png": "image/png", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "heic": "image/heic", "svg": "image/svg+xml",
        "ico": "image/vnd.microsoft.icon", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
        "txt": "text/plain", "html": "text/html", "htm": "text/html", "css": "text/css", "csv": "text/csv",
        "js": "text/javascript", "mjs": "text/javascript", "json": "application/json", "xml": "application/xml",
        "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip", "tar": "application/x-tar",
        "mp4": "video/mp4", "webm": "video/webm", "mov": "video/quicktime", "mp3": "audio/mpeg",
        "wav": "audio/x-wav", "ogg": "audio/ogg", "woff": "font/woff", "woff2": "font/woff2",
        "md": "text/markdown", "wasm": "application/wasm",
    ]
}
