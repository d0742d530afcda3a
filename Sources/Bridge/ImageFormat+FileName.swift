import Files

extension ImageFormat {
    /// `name` with the extension this format's content calls for.
    ///
    /// - `nil` or empty gives `image.jpg` / `image.png`.
    /// - A name whose extension already names this format is kept as it is (`a.JPEG` stays).
    /// - Another image extension, by Files' ``MIMETypes``, is replaced (`photo.png` → `photo.jpg`).
    /// - Anything else gets the extension appended (`scan` → `scan.jpg`).
    func fileName(correcting name: String?) -> String {
        guard let name, !name.isEmpty else { return "image.\(fileExtension)" }
        // Python's splitext: a leading dot starts a hidden name, not an extension.
        let (root, dottedExtension) = PathSyntax.splitExtension(name)
        let ext = String(scalars: dottedExtension.dropFirst()).lowercased()
        if fileExtensions.contains(ext) { return name }
        // Any extension Files' table calls an image (`bmp`, `tiff` and `svg` as well as Imaging's).
        if MIMETypes.type(forExtension: ext)?.hasPrefix("image/") == true {
            return "\(String(scalars: root)).\(fileExtension)"
        }
        return "\(name).\(fileExtension)"
    }
}
