import Testing

@testable import Files

/// The pure path rules the storages share, checked against Python's `os.path` and `pathlib`.
@Suite("FileStorage naming helpers")
struct StorageNamingTests {
    @Test(arguments: [
        ("a.b.c.d", ".b.c.d"), (".test", ""), ("..a.b", ".b"), ("a..b", "..b"), ("a.", ""), ("a.tar.gz", ".tar.gz"),
        ("...", ""), ("a. b.c", ". b.c"), ("noext", ""),
    ])
    func allExtensionsAreThoseOfPathlib(name: String, expected: String) {
        #expect(PathSyntax.allExtensions(name) == expected)
    }

    @Test(arguments: [
        ("a/b.txt", "a", "b.txt"), ("b.txt", "", "b.txt"), ("/a", "/", "a"), ("a//b", "a", "b"), ("a/", "a", ""),
        ("//x", "//", "x"), ("./q.txt", ".", "q.txt"),
    ])
    func splitIsOSPathSplit(path: String, directory: String, file: String) {
        let split = PathSyntax.split(path)
        #expect(split.directory == directory)
        #expect(split.file == file)
    }

    @Test(arguments: [
        ("././x_y", "x_y"), ("some/./path/./x", "some/path/x"), ("a//b.txt", "a/b.txt"), ("/abs/x.txt", "/abs/x.txt"),
        ("", "."), ("a/..", "."), ("../a", "../a"), ("/../a", "/a"), ("//a", "//a"), ("///a", "/a"),
    ])
    func normalizedIsNormpath(path: String, expected: String) {
        #expect(PathSyntax.normalized(path) == expected)
    }

    @Test func validFileNameKeepsUnicodeLettersAndDigits() {
        #expect(validFileName("x²y.txt") == "x²y.txt")
        #expect(validFileName("Ⅻ.txt") == "Ⅻ.txt")
        #expect(validFileName("a\u{a0}b.txt") == "ab.txt")
        #expect(validFileName(" \u{2003}x\u{2003} ") == "x")
        #expect(validFileName("..") == nil)
        #expect(validFileName("") == nil)
    }

    @Test func alternativeSuffixesAreSevenAlphanumerics() {
        let suffixes = (0..<200).map { _ in InMemoryStorage.randomSuffix() }
        #expect(suffixes.allSatisfy { $0.count == 7 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        #expect(Set(suffixes).count > 190)
    }
}
