/// Returns `name` unchanged if it is a safe file name, else throws
/// ``FileError/suspiciousFileOperation(_:)`` with Django's message.
///
/// ```swift
/// try validateFileName("photo.jpg")                          // "photo.jpg"
/// try validateFileName("a/b.txt", allowRelativePath: true)   // "a/b.txt"
/// try validateFileName("../a.txt", allowRelativePath: true)  // throws "Detected path traversal attempt in '../a.txt'"
/// ```
///
/// - A name whose last path component is empty, `.` or `..` throws
///   `Could not derive file name from '<name>'`.
/// - With `allowRelativePath`, backslashes count as separators; an absolute path or any `..` component
///   throws `Detected path traversal attempt in '<name>'`.
/// - Without it, any `/` throws `File name '<name>' includes path elements` (a backslash is an ordinary
///   character here, as on POSIX).
///
/// Cost: O(n) in the name's length.
///
/// The corresponding Django API is `django.core.files.utils.validate_file_name(name, allow_relative_path=False)`.
@discardableResult
public func validateFileName(_ name: String, allowRelativePath: Bool = false) throws(FileError) -> String {
    if PathSyntax.isDotOrEmpty(PathSyntax.basename(name)) {
        throw .suspiciousFileOperation("Could not derive file name from '\(name)'")
    }
    if allowRelativePath {
        let path = String(scalars: name.unicodeScalars.map { $0 == "\\" ? "/" : $0 })
        let isAbsolute = path.unicodeScalars.first == "/"
        let climbs = PathSyntax.components(path).contains { $0.unicodeScalars.elementsEqual("..".unicodeScalars) }
        if isAbsolute || climbs {
            throw .suspiciousFileOperation("Detected path traversal attempt in '\(name)'")
        }
    } else if PathSyntax.hasSeparator(name) {
        throw .suspiciousFileOperation("File name '\(name)' includes path elements")
    }
    return name
}
