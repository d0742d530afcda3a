extension PathSyntax {
    /// Splits `path` at its last `/` into the directory and the file name, as Python's `os.path.split`:
    /// the directory loses its trailing slashes unless it is only slashes (`"/a"` → `("/", "a")`).
    static func split(_ path: String) -> (directory: String, file: String) {
        let scalars = Array(path.unicodeScalars)
        guard let slash = scalars.lastIndex(of: "/") else { return ("", path) }
        var head = scalars[...slash]
        if head.contains(where: { $0 != "/" }) {
            while head.last == "/" { head = head.dropLast() }
        }
        return (String(scalars: head), String(scalars: scalars[(slash + 1)...]))
    }

    /// `file` inside `directory`, as Python's `os.path.join(directory, file)` for a relative `file`.
    static func join(_ directory: String, _ file: String) -> String {
        if directory.isEmpty || directory.unicodeScalars.last == "/" { return directory + file }
        return directory + "/" + file
    }

    /// Every extension of a file name, joined: `a.tar.gz` → `.tar.gz`, `a.b.c.d` → `.b.c.d`; none for a
    /// name ending in `.` and none from leading dots (`.test` → `""`), as `"".join(PurePath(name).suffixes)`.
    static func allExtensions(_ fileName: String) -> String {
        let scalars = Array(fileName.unicodeScalars)
        guard scalars.last != "." else { return "" }
        let stem = scalars.drop { $0 == "." }
        guard let firstDot = stem.firstIndex(of: ".") else { return "" }
        return String(scalars: stem[firstDot...])
    }

    /// `path` with `.` components, repeated slashes and `..` resolved textually, as Python's
    /// `os.path.normpath`: `"some/./path/./x"` → `"some/path/x"`, `"a//b.txt"` → `"a/b.txt"`, `""` → `"."`.
    static func normalized(_ path: String) -> String {
        let scalars = Array(path.unicodeScalars)
        let leadingSlashes = scalars.prefix { $0 == "/" }.count
        // POSIX keeps exactly two leading slashes (they may mean something); one or three-plus become one.
        let prefix = leadingSlashes == 0 ? "" : (leadingSlashes == 2 ? "//" : "/")
        var kept: [String] = []
        for component in components(path) where component != "." {
            if isParent(component) {
                if let last = kept.last, !isParent(last) {
                    kept.removeLast()
                } else if prefix.isEmpty {
                    kept.append(component)
                }
            } else {
                kept.append(component)
            }
        }
        let joined = prefix + kept.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// `path` with every `\` turned into `/`.
    static func withForwardSlashes(_ path: String) -> String {
        String(scalars: path.unicodeScalars.map { $0 == "\\" ? "/" : $0 })
    }
}
