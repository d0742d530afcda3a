import Files
import Foundation
import Testing

@Suite("UploadedFile sanitises its name")
struct UploadedFileNameTests {
    static let long = String(repeating: "f", count: 300)

    /// Django's verified truncation results (reference §1.4).
    static let truncations: [(String, String)] = [
        (long + ".txt", String(repeating: "f", count: 251) + ".txt"),
        ("foo." + long, "." + String(repeating: "f", count: 254)),
        (long, String(repeating: "f", count: 255)),
        ("." + long, "." + String(repeating: "f", count: 254)),
        (long + "." + long, "." + String(repeating: "f", count: 254)),
        (String(repeating: "a", count: 250) + ".tar.gz", String(repeating: "a", count: 250) + ".t.gz"),
        (String(repeating: "a", count: 251) + ".txt", String(repeating: "a", count: 251) + ".txt"),
        (String(repeating: "é", count: 300) + ".txt", String(repeating: "é", count: 251) + ".txt"),
        (String(repeating: "a.", count: 200), String(repeating: "a.", count: 127) + "."),
        (String(repeating: "b", count: 256), String(repeating: "b", count: 255)),
        (String(repeating: "n", count: 250) + ".a.b.c", String(repeating: "n", count: 250) + ".a..c"),
        ("x.y.z", "x.y.z"),
        (String(repeating: ".", count: 300), String(repeating: ".", count: 255)),
    ]

    @Test(arguments: truncations)
    func truncatesLikeDjango(input: String, expected: String) throws {
        let upload = try UploadedFile(name: input)
        #expect(upload.name == expected)
        #expect(upload.name?.unicodeScalars.count ?? 0 <= 255)
    }

    static let hostile: [(String, String)] = [
        ("../../etc/passwd", "passwd"),
        ("/etc/passwd", "passwd"),
        ("C:\\x\\y.jpg", "y.jpg"),
        ("..\\..\\x.txt", "x.txt"),
        ("dir/x.bin", "x.bin"),
        ("a\u{0}b.txt", "ab.txt"),
        ("line\nbreak\r.txt", "linebreak.txt"),
        ("tab\there.txt", "tabhere.txt"),
        ("nb\u{A0}sp\u{200B}.txt", "nbsp.txt"),
        ("a b.txt", "a b.txt"),
        ("¿Cómo?", "¿Cómo?"),
        ("中文 名.jpg", "中文 名.jpg"),
        ("...", "..."),
        ("....", "...."),
        ("a/\u{301}b", "\u{301}b"),
    ]

    @Test(arguments: hostile)
    func hostileNamesBecomeSafeBaseNames(input: String, expected: String) throws {
        #expect(try UploadedFile(name: input).name == expected)
        #expect(try UploadedFile.sanitizedName(input) == expected)
    }

    static let underivable: [(String, String)] = [
        ("", ""), (".", "."), ("..", ".."), ("/tmp/", ""), ("/tmp/..", ".."), ("x/.", "."),
        ("C:\\dir\\", ""), ("\u{0}", ""), ("\u{0}..\u{7}", ".."), ("a\\..", ".."),
    ]

    @Test(arguments: underivable)
    func namesWithNoBaseThrow(input: String, shown: String) {
        #expect(throws: FileError.suspiciousFileOperation("Could not derive file name from '\(shown)'")) {
            try UploadedFile(name: input)
        }
    }

    @Test func thousandCharacterUnicodeName() throws {
        let name = String(repeating: "日本", count: 500) + ".png"
        let upload = try UploadedFile(name: name)
        #expect(upload.name?.unicodeScalars.count == 255)
        #expect(upload.name == String(repeating: "日本", count: 125) + "日.png", "251 scalars of root, then .png")
    }

    @Test func noExtensionAtTheLimit() throws {
        #expect(try UploadedFile(name: String(repeating: "x", count: 1000)).name == String(repeating: "x", count: 255))
    }

    @Test func nilNameStaysNil() throws {
        let upload = try UploadedFile()
        #expect(upload.name == nil)
        #expect(!upload.hasName)
        #expect(upload.debugDescription == "<UploadedFile: None (None)>")
    }

    @Test func settingTheNameSanitisesAgain() throws {
        let upload = try UploadedFile(name: "a.txt", contentType: "text")
        try upload.setName("../../b.txt")
        #expect(upload.name == "b.txt")
        #expect(throws: FileError.self) { try upload.setName("..") }
        #expect(upload.name == "b.txt", "a rejected name leaves the old one")
        try upload.setName(nil)
        #expect(upload.name == nil)
    }

    @Test func nameFromTheStreamIsSanitisedToo() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("x", to: "on-disk.txt")
        #expect(try UploadedFile(stream: DiskStream(path: path)).name == "on-disk.txt")
    }

    @Test func metadataAndDescription() throws {
        let upload = try UploadedFile(
            stream: MemoryStream(bytes("abc")), name: "¿Cómo?", contentType: "text", charset: "utf-8",
            contentTypeExtra: ["boundary": "x"])
        #expect(upload.contentType == "text")
        #expect(upload.charset == "utf-8")
        #expect(upload.contentTypeExtra == ["boundary": "x"])
        #expect(upload.debugDescription == "<UploadedFile: ¿Cómo? (text)>")
        #expect(upload.description == "¿Cómo?")
        #expect(upload.hasName)
    }

    @Test func declaredSizeOverridesTheMeasurement() throws {
        let unknown = try UploadedFile(stream: MemoryStream(bytes("abc")))
        #expect(unknown.size == nil)
        #expect(throws: FileError.sizeUnknown(name: nil)) { try unknown.requireSize() }
        let declared = try UploadedFile(stream: MemoryStream(bytes("abc")), size: 42)
        #expect(declared.size == 42)
    }
}
