/// The URL of a stored name, as Django's `urljoin(base_url, filepath_to_uri(name).lstrip("/"))`.
enum StorageURL {
    /// `base` with a trailing `/` added when missing (Django ticket #22717); `nil` stays `nil`.
    static func normalizedBase(_ base: String?) -> String? {
        guard let base else { return nil }
        return base.hasSuffix("/") ? base : base + "/"
    }

    /// The URL of `name` under `base`: `\` becomes `/`, leading slashes and `.` components go, and every
    /// byte but letters, digits and `_.-~/!*()'` is percent-encoded (`"a b.jpg"` → `"/media/a%20b.jpg"`).
    ///
    /// Throws when there is no base URL, and for a `..` (Django's `urljoin` would climb above the base).
    static func url(for name: String, base: String?) throws(StorageError) -> String {
        guard let base else {
            throw StorageError(
                .failed, operation: "make a URL for", name: name,
                reason: "the storage has no base URL, so the file is not accessible via a URL")
        }
        let parts = PathSyntax.components(PathSyntax.withForwardSlashes(name))
        if parts.contains(where: PathSyntax.isParent) {
            throw StorageError(
                .suspiciousName, operation: "make a URL for", name: name,
                reason: "it climbs out of the storage with \"..\"")
        }
        let kept = parts.filter { $0 != "." }
        return base + kept.map(percentEncoded).joined(separator: "/")
    }

    /// `component`'s UTF-8 bytes with everything but `[A-Za-z0-9_.~!*()'-]` as `%XX` (Python's
    /// `quote(safe="/~!*()'")`, minus the `/` the caller joins with).
    static func percentEncoded(_ component: String) -> String {
        var result = ""
        for byte in component.utf8 {
            if byte < 0x80, keptCharacters.contains(Unicode.Scalar(byte)) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0xF)])
            }
        }
        return result
    }

    private static let keptCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-~!*()'".unicodeScalars)
    private static let hexDigits = Array("0123456789ABCDEF")
}
