/// POSIX path helpers with Python's exact semantics (`os.path.basename`, `os.path.splitext`).
///
/// They work on Unicode scalars (Python's code points), never on `Character`s: a combining mark after
/// a `/` forms one `Character` with it, and a grapheme-based search would miss that separator.
/// `package` so that `Bridge` and the `thumbnail` tool name derived files with the same rules.
package enum PathSyntax {
    /// Everything after the last `/` (Python's `posixpath.basename`).
    package static func basename(_ path: String) -> String {
        basename(path, separators: ["/"])
    }

    /// Everything after the last of any of `separators`.
    static func basename(_ path: String, separators: Set<Unicode.Scalar>) -> String {
        let scalars = path.unicodeScalars
        guard let last = scalars.lastIndex(where: { separators.contains($0) }) else { return path }
        return String(scalars[scalars.index(after: last)...])
    }

    /// Whether `path` contains a `/`.
    static func hasSeparator(_ path: String) -> Bool {
        path.unicodeScalars.contains("/")
    }

    /// Whether `name` is exactly `""`, `"."` or `".."`, compared scalar by scalar.
    static func isDotOrEmpty(_ name: some StringProtocol) -> Bool {
        let scalars = Array(name.unicodeScalars)
        return scalars.count <= 2 && scalars.allSatisfy { $0 == "." }
    }

    /// Whether `component` is exactly `..`, compared scalar by scalar.
    static func isParent(_ component: String) -> Bool {
        component.unicodeScalars.elementsEqual("..".unicodeScalars)
    }

    /// The path's components split on `/`, empty ones dropped (as `PurePosixPath.parts` sees them).
    static func components(_ path: String) -> [String] {
        path.unicodeScalars.split(separator: "/").map { String($0) }
    }

    /// Splits off the last extension, dot included, as Python's `os.path.splitext` does, in scalars.
    ///
    /// Leading dots do not start an extension: `.bashrc` and `...` have none; `a.tar.gz` has `.gz`;
    /// `a.` has `.`.
    package static func splitExtension(_ name: String) -> (root: [Unicode.Scalar], extension: [Unicode.Scalar]) {
        let scalars = Array(name.unicodeScalars)
        let filenameStart = (scalars.lastIndex(of: "/") ?? -1) + 1
        guard let dot = scalars.lastIndex(of: "."), dot >= filenameStart,
            scalars[filenameStart..<dot].contains(where: { $0 != "." })
        else { return (scalars, []) }
        return (Array(scalars[..<dot]), Array(scalars[dot...]))
    }

    /// The file name without directories and without its last extension (`splitext(basename(path))[0]`):
    /// `photos/a.tar.gz` → `a.tar`, `.bashrc` → `.bashrc`.
    package static func stem(_ path: String) -> String {
        String(scalars: splitExtension(basename(path)).root)
    }
}

extension String {
    /// A string made of exactly these scalars.
    package init(scalars: some Sequence<Unicode.Scalar>) {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        self = String(view)
    }

    init(_ scalars: Substring.UnicodeScalarView) {
        self.init(scalars: scalars)
    }

    init(_ scalars: Slice<String.UnicodeScalarView>) {
        self.init(scalars: scalars)
    }
}
