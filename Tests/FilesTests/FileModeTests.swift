import Files
import Testing

@Suite("FileMode parses Python mode strings")
struct FileModeTests {
    @Test(arguments: [
        ("r", true, false), ("rb", true, false), ("rt", true, false), ("r+", true, true), ("rb+", true, true),
        ("w", false, true), ("wb", false, true), ("w+", true, true), ("x", false, true), ("xb+", true, true),
        ("a", false, true), ("ab", false, true), ("a+", true, true), ("br", true, false),
    ])
    func validModes(mode: String, readable: Bool, writable: Bool) throws {
        let parsed = try FileMode(mode)
        #expect(parsed.isReadable == readable)
        #expect(parsed.isWritable == writable)
        #expect(parsed.description == mode)
    }

    @Test(arguments: ["", "rw", "rr", "q", "b", "+", "rbt", "r++", "wa", "R", "rU"])
    func invalidModesThrow(mode: String) {
        #expect(throws: FileError.invalidMode(mode)) { try FileMode(mode) }
    }

    @Test func accessLetters() throws {
        #expect(try FileMode("rb").access == .read)
        #expect(try FileMode("w").access == .write)
        #expect(try FileMode("x").access == .exclusiveCreate)
        #expect(try FileMode("a+").access == .append)
        #expect(try FileMode("rb").isBinary)
        #expect(try !FileMode("r+").isBinary)
    }
}
