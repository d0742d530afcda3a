import Files
import Foundation
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
        let parsed = try ["rb", "w", "x", "a+", "r+"].map { (string) throws(FileError) in try FileMode(string) }
        #expect(parsed.map(\.access) == [.read, .write, .exclusiveCreate, .append, .read])
        #expect(parsed.map(\.isBinary) == [true, false, false, false, false])
    }
}

@Suite("FileMode's typed values open files as their Python strings do")
struct FileModeValueTests {
    /// Each value, its Python string, its `open(2)` flags, and whether it reads and writes.
    static let values: [(FileMode, String, Int32, Bool, Bool)] = [
        (.read, "r", O_RDONLY, true, false),
        (.write, "w", O_WRONLY | O_CREAT | O_TRUNC, false, true),
        (.append, "a", O_WRONLY | O_CREAT | O_APPEND, false, true),
        (.exclusiveCreate, "x", O_WRONLY | O_CREAT | O_EXCL, false, true),
        (.read.updating, "r+", O_RDWR, true, true),
        (.write.updating, "w+", O_RDWR | O_CREAT | O_TRUNC, true, true),
        (.append.updating, "a+", O_RDWR | O_CREAT | O_APPEND, true, true),
        (.exclusiveCreate.updating, "x+", O_RDWR | O_CREAT | O_EXCL, true, true),
        (.read.binary, "rb", O_RDONLY, true, false),
        (.write.binary, "wb", O_WRONLY | O_CREAT | O_TRUNC, false, true),
        (.append.binary, "ab", O_WRONLY | O_CREAT | O_APPEND, false, true),
        (.exclusiveCreate.binary, "xb", O_WRONLY | O_CREAT | O_EXCL, false, true),
        (.read.updating.binary, "r+b", O_RDWR, true, true),
        (.write.binary.updating, "w+b", O_RDWR | O_CREAT | O_TRUNC, true, true),
        (FileMode(.append, updating: true, binary: true), "a+b", O_RDWR | O_CREAT | O_APPEND, true, true),
        (FileMode(.exclusiveCreate, updating: true, binary: true), "x+b", O_RDWR | O_CREAT | O_EXCL, true, true),
    ]

    /// 4 accesses × updating or not × binary or not, each once (two spelled with the memberwise init).
    @Test func everyCombinationIsListed() {
        #expect(Set(Self.values.map(\.0)).count == 16)
    }

    @Test(arguments: FileModeValueTests.values)
    func value(mode: FileMode, python: String, flags: Int32, readable: Bool, writable: Bool) throws {
        #expect(mode.description == python)
        #expect(mode.openFlags == flags)
        #expect(mode.isReadable == readable)
        #expect(mode.isWritable == writable)
        let parsed = try FileMode(python)
        #expect(parsed == mode)
        #expect(parsed.openFlags == flags)
    }

    @Test func aLiteralIsTheParsedString() throws {
        let literal: FileMode = "br+"
        let runtime = "br+"
        #expect(literal == .read.binary.updating)
        #expect(literal.description == "br+")
        #expect(try FileMode(runtime).description == "br+")
    }

    @Test func equalityIsAboutHowTheFileOpensNotTheSpelling() throws {
        let spellings = ["rb", "br"]
        let parsed = try spellings.map { (string) throws(FileError) in try FileMode(string) }
        #expect(parsed[0] == parsed[1])
        #expect(Set(parsed).count == 1)
        #expect(parsed.map(\.description) == spellings)
        #expect(FileMode.read != .read.binary)
        #expect(FileMode.read != .read.updating)
    }

    @Test func typedValuesOpenRealFiles() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("typed.bin")
        try FileObject(path: path, mode: .write.binary).use { (file) throws(FileError) in _ = try file.write("one") }
        try FileObject(path: path, mode: .append).use { (file) throws(FileError) in _ = try file.write("two") }
        let appended = try FileObject(path: path, mode: .read.updating)
        #expect(appended.mode == .read.updating)
        #expect(try appended.read() == bytes("onetwo"))
        try appended.close()
        #expect(throws: FileError.io(operation: "open", path: path, code: EEXIST)) {
            try FileObject(path: path, mode: .exclusiveCreate)
        }
    }
}
