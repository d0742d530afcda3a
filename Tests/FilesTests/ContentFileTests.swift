import Files
import Foundation
import Testing

/// Ports of Django's `ContentFileTestCase`, plus emptiness and text sizing.
@Suite("ContentFile: in-memory content")
struct ContentFileTests {
    @Test func defaultNameIsNilAndACustomNameIsKept() {
        #expect(ContentFile(bytes("content")).name == nil)
        let name = "I can have a name too!"
        #expect(ContentFile(bytes("content"), name: name).name == name)
    }

    @Test func dataAndTextReadBackAsBytes() throws {
        #expect(try ContentFile(bytes("content")).read() == bytes("content"))
        #expect(try ContentFile("español").read() == bytes("español"))
    }

    @Test func textSizeCountsUTF8Bytes() {
        #expect(ContentFile("español").size == 8)
        #expect(ContentFile("e\u{301}").size == 3)
        #expect(ContentFile(bytes("español")).size == 8)
    }

    @Test func openRewindsEveryTime() throws {
        let file = ContentFile(bytes("content"))
        #expect(try file.withOpen { try $0.read() } == bytes("content"))
        #expect(try file.withOpen { try $0.read() } == bytes("content"))
        #expect(!file.isClosed, "close() does nothing")
    }

    @Test func closeIsANoOp() throws {
        let file = ContentFile(bytes("still here"), name: "x.txt")
        file.close()
        #expect(!file.isClosed)
        #expect(try file.read() == bytes("still here"))
    }

    @Test func sizeChangesAfterWriting() throws {
        let file = ContentFile("")
        #expect(file.size == 0)
        try file.write("Test ")
        try file.write("string")
        #expect(file.size == 11)
        #expect(try file.withOpen { try $0.read() } == bytes("Test string"))
    }

    @Test func writeOverwritesAtTheCurrentPosition() throws {
        let file = ContentFile(bytes("hello"))
        #expect(file.size == 5)
        try file.write(bytes("XY"))
        try file.seek(to: 0)
        #expect(try file.read() == bytes("XYllo"))
        #expect(file.size == 5)
    }

    @Test func emptyContentStillCountsAsAFile() throws {
        let file = ContentFile(Data())
        #expect(file.size == 0)
        #expect(try file.allChunks().isEmpty)
        #expect(try file.allLines().isEmpty)
        #expect(!file.hasName)
    }

    @Test func descriptions() {
        #expect(ContentFile(bytes("x")).description == "Raw content")
        #expect(ContentFile(bytes("x")).debugDescription == "<ContentFile: None>")
        #expect(ContentFile(bytes("x"), name: "n.txt").debugDescription == "<ContentFile: n.txt>")
    }

    @Test func aContentFileNeverReopensFromDisk() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("disk", to: "same-name.txt")
        let file = ContentFile(bytes("memory"), name: path)
        try file.stream?.close()
        #expect(throws: FileError.closed(operation: "seek", name: path)) { try file.open() }
    }
}
