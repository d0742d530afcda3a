import Files

/// Turns storage names into S3 keys: backslashes become `/`, `.` and empty components go, `..` is
/// resolved, and the result is put under the storage's `location`.
///
/// ```swift
/// let keys = ObjectKey(location: "media")
/// try keys.key(for: "photos/./a.jpg", operation: "open")   // "media/photos/a.jpg"
/// try keys.key(for: "../secret", operation: "open")        // throws: leads outside the storage
/// ```
///
/// The corresponding django-storages APIs are `clean_name` and `S3Storage._normalize_name` (`safe_join`).
struct ObjectKey: Sendable {
    /// The location's components, cleaned.
    let locationComponents: [Substring]

    init(location: String) {
        locationComponents = Self.components(location.replacing("\\", with: "/"))
    }

    /// The normalised name (`sub/./x.txt` → `sub/x.txt`), which is what `save` returns.
    func cleanName(_ name: String, operation: String) throws(StorageError) -> String {
        let cleaned = name.replacing("\\", with: "/")
        var resolved: [Substring] = []
        for component in Self.rawComponents(cleaned) {
            if component == ".." {
                guard resolved.popLast() != nil else {
                    throw StorageError(
                        .suspiciousName, operation: operation, name: name, reason: "the name leads outside the storage")
                }
            } else {
                resolved.append(component)
            }
        }
        var result = resolved.joined(separator: "/")
        if cleaned.hasSuffix("/"), !result.isEmpty { result += "/" }
        return result
    }

    /// The key of `name`: the location, then the cleaned name, joined with `/`, never starting with `/`.
    func key(for name: String, operation: String) throws(StorageError) -> String {
        let cleaned = try cleanName(name, operation: operation)
        guard !locationComponents.isEmpty else { return cleaned }
        return cleaned.isEmpty
            ? locationComponents.joined(separator: "/") : locationComponents.joined(separator: "/") + "/" + cleaned
    }

    /// The prefix to list `path` with: its key and a trailing `/`, or the location's for the root.
    func listingPrefix(for path: String) throws(StorageError) -> String {
        let key = try key(for: path, operation: "list")
        return key.isEmpty || key.hasSuffix("/") ? key : key + "/"
    }

    private static func rawComponents(_ path: String) -> [Substring] {
        path.split(separator: "/").filter { $0 != "." }
    }

    private static func components(_ path: String) -> [Substring] {
        rawComponents(path).filter { $0 != ".." }
    }
}
