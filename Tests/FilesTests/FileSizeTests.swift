import Files
import Foundation
import Testing

@Suite("FileObject.size follows Django's rules")
struct FileSizeTests {
    @Test func namelessStreamIsMeasured() {
        #expect(FileObject(MemoryStream(bytes("A file with no name"))).size == 19)
    }

    @Test(arguments: [0, 1, 5, 9, 10, 25])
    func measuringRestoresAMidwayPosition(position: Int) throws {
        let file = FileObject(MemoryStream(bytes("0123456789")))
        try file.seek(to: position)
        #expect(file.size == 10)
        #expect(try file.tell() == position)
    }

    @Test func diskFileUsesItsOwnSizeAndKeepsThePosition() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("foo bar baz quux\n", to: "s.txt")
        let file = try FileObject(path: path, mode: "rb")
        _ = try file.read(4)
        #expect(try file.requireSize() == 17)
        #expect(try file.tell() == 4)
    }

    @Test func sizeIsCachedUntilAssigned() throws {
        let stream = MemoryStream(bytes("hello"))
        let file = FileObject(stream)
        #expect(file.size == 5)
        try stream.seek(to: 0, from: .end)
        try stream.write(bytes("more"))
        #expect(file.size == 5, "Django caches the first measurement")
        file.size = 99
        #expect(try file.requireSize() == 99)
        file.size = nil
        #expect(file.size == 9, "assigning nil measures again")
    }

    @Test func emptyFileHasSizeZero() throws {
        #expect(FileObject(MemoryStream()).size == 0)
        #expect(try FileObject(MemoryStream()).multipleChunks() == false)
    }

    @Test func unseekableStreamHasNoSize() throws {
        let file = FileObject(try pipeStream(containing: "unmeasurable"), name: "pipe")
        #expect(file.size == nil)
        #expect(throws: FileError.sizeUnknown(name: "pipe")) { try file.requireSize() }
        #expect(throws: FileError.sizeUnknown(name: "pipe")) { try file.multipleChunks() }
    }

    @Test func closedFileSizeThrowsClosed() throws {
        let file = FileObject(MemoryStream(bytes("abc")), name: "c")
        try file.close()
        #expect(file.size == nil)
        #expect(throws: FileError.closed(operation: "measure the size of", name: "c")) { try file.requireSize() }
    }

    @Test func multipleChunksIsStrictlyGreater() throws {
        let exact = FileObject(MemoryStream(Data(count: 65536)))
        #expect(try exact.multipleChunks() == false)
        let over = FileObject(MemoryStream(Data(count: 65537)))
        #expect(try over.multipleChunks() == true)
        #expect(try over.multipleChunks(size: 0) == true, "0 means the default")
        #expect(try over.multipleChunks(size: 65537) == false)
        over.defaultChunkSize = 100_000
        #expect(try over.multipleChunks() == false, "the instance default is used")
    }
}
