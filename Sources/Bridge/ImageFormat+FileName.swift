extension ImageFormat {
    /// Every extension, lower-cased, that already names this format.
    var knownExtensions: Set<String> {
        switch self {
        case .jpeg: ["jpg", "jpeg", "jpe", "jfif"]
        case .png: ["png"]
        case .webp: ["webp"]
        case .gif: ["gif"]
        case .heic: ["heic"]
        case .heif: ["heif", "hif"]
        case .avif: ["avif"]
        }
    }

    /// Extensions of image formats, whose presence means the name describes an image and should be
    /// corrected rather than extended: `photo.png` becomes `photo.jpg`, `notes.v2` becomes `notes.v2.jpg`.
    static let imageExtensions: Set<String> = [
        "jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "webp", "tif", "tiff", "heic", "heif", "hif", "avif",
    ]

    /// `name` with the extension this format's content calls for.
    ///
    /// - `nil` or empty gives `image.jpg` / `image.png`.
    /// - A name whose extension already names this format is kept as it is (`a.JPEG` stays).
    /// - Another image extension is replaced (`photo.png` → `photo.jpg`).
    /// - Anything else gets the extension appended (`scan` → `scan.jpg`).
    func fileName(correcting name: String?) -> String {
        guard let name, !name.isEmpty else { return "image.\(fileExtension)" }
        // Python's splitext: a leading dot starts a hidden name, not an extension.
        let (root, dottedExtension) = PathSyntax.splitExtension(name)
        let ext = String(scalars: dottedExtension.dropFirst()).lowercased()
        if knownExtensions.contains(ext) { return name }
        if Self.imageExtensions.contains(ext) { return "\(String(scalars: root)).\(fileExtension)" }
        return "\(name).\(fileExtension)"
    }
}
