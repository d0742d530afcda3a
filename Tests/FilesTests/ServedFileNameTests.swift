import Files
import Testing

/// The names a server serves under `/media/`: plain relative paths only, decided before any storage call.
@Suite struct ServedFileNameTests {
    @Test(arguments: [
        "", "/", "//", "a//b", "./a", "a/.", "/./a", "../a", "/../a", "a/../b", "a/..", "a\\b", "..\\a", "a\0b",
        "//etc/passwd", "a/",
    ])
    func aNameThatIsNotPlainIsRefused(_ path: String) {
        #expect(ServedFileName.fromURLPath(path) == nil)
    }

    @Test(arguments: [
        ("/photos/cat.jpg", "photos/cat.jpg"), ("photos/cat.small.jpg", "photos/cat.small.jpg"),
        ("/中文 名.jpg", "中文 名.jpg"), ("/a..b.jpg", "a..b.jpg"), ("/.hidden", ".hidden"),
    ])
    func aPlainNameLosesOnlyItsLeadingSlash(_ path: String, _ name: String) {
        #expect(ServedFileName.fromURLPath(path) == name)
    }

    /// Decoding is the caller's, once: an encoded traversal is a plain (and harmless) name here.
    @Test func thePathIsNotDecodedAgain() {
        #expect(ServedFileName.fromURLPath("/%2e%2e/x") == "%2e%2e/x")
    }
}
