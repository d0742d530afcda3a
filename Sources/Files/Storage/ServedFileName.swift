/// The stored name a server may serve for a URL path, as `django.views.static.serve` serves
/// `MEDIA_ROOT`: a plain relative path and nothing else.
///
/// ```swift
/// ServedFileName.fromURLPath("/photos/cat.jpg")   // "photos/cat.jpg"
/// ServedFileName.fromURLPath("/photos/../secret")  // nil
/// ```
///
/// The path is taken as already percent-decoded (decode it once, never twice). One leading `/` is
/// dropped; then an empty, `.` or `..` component, a backslash or a NUL makes it `nil`, so that a
/// traversal is refused before any storage call (the storages refuse such names too). Cost: one pass
/// over the path.
public enum ServedFileName {
    /// `path` without its leading `/` when it is a plain relative name; `nil` otherwise.
    public static func fromURLPath(_ path: String) -> String? {
        let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !name.isEmpty, !name.contains("\\"), !name.contains("\0") else { return nil }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        return name
    }
}
