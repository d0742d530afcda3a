/// The content type a file name's extension suggests: Python's `mimetypes.guess_type`, for the common
/// web types.
///
/// ```swift
/// MIMETypes.guessType(of: "photos/IMG_1234.JPG")   // "image/jpeg"
/// MIMETypes.guessType(of: "notes")                 // nil
/// ```
///
/// The one name-to-type table of the package: storages that must send a `Content-Type` (S3), Bridge's
/// file names and the example apps' media serving all ask it. The image entries agree with Imaging's
/// `ImageFormat.fileExtensions` and `mimeType` (a Bridge test checks every one). A name says nothing
/// certain about its bytes; where the bytes are at hand, a storage checks their signature first.
public enum MIMETypes {
    /// The type of `name`'s last extension, compared without regard to case, or `nil` when the name
    /// has no extension or one not in the table. Directories are ignored; a leading dot starts no
    /// extension (`.bashrc` has none), as in Python's `os.path.splitext`. O(length of the name).
    public static func guessType(of name: String) -> String? {
        let dotted = PathSyntax.splitExtension(PathSyntax.basename(name)).extension
        guard dotted.count > 1 else { return nil }
        return type(forExtension: String(scalars: dotted.dropFirst()))
    }

    /// The type of one extension, given without its dot, in any case: `"PNG"` gives `image/png`.
    public static func type(forExtension fileExtension: String) -> String? {
        types[fileExtension.lowercased()]
    }

    /// Every extension the table knows (lower case, no dot) with its content type, for a server that
    /// keeps its own table (Hummingbird's `FileMiddleware`) and should answer as ``guessType(of:)`` does.
    public static var typesByExtension: [String: String] { types }

    /// Extension (lower case, no dot) → content type. The values are Python's `mimetypes` answers.
    private static let types: [String: String] = [
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "jpe": "image/jpeg", "jfif": "image/jpeg", "png": "image/png",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "heic": "image/heic", "heif": "image/heif",
        "hif": "image/heif", "svg": "image/svg+xml", "ico": "image/vnd.microsoft.icon", "bmp": "image/bmp",
        "tif": "image/tiff", "tiff": "image/tiff",
        "txt": "text/plain", "html": "text/html", "htm": "text/html", "css": "text/css", "csv": "text/csv",
        "js": "text/javascript", "mjs": "text/javascript", "json": "application/json", "xml": "application/xml",
        "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip", "tar": "application/x-tar",
        "mp4": "video/mp4", "webm": "video/webm", "mov": "video/quicktime", "mp3": "audio/mpeg",
        "wav": "audio/x-wav", "ogg": "audio/ogg", "woff": "font/woff", "woff2": "font/woff2",
        "md": "text/markdown", "wasm": "application/wasm",
    ]
}
