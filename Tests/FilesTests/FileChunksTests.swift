import Files
import Foundation
import Testing

@Suite("FileObject.chunks rewinds and splits")
struct FileChunksTests {
    @Test func splitsIntoPiecesWithAShortLastOne() throws {
        let file = FileObject(MemoryStream(bytes("abcdefghij")))
        #expect(try file.allChunks(size: 4) == [bytes("abcd"), bytes("efgh"), bytes("ij")])
        #expect(try file.allChunks(size: 5) == [bytes("abcde"), bytes("fghij")])
        #expect(try file.allChunks(size: 100) == [bytes("abcdefghij")])
    }

    @Test func nilAndZeroMeanTheInstanceDefault() throws {
        let file = FileObject(MemoryStream(bytes("abcdefg")))
        file.defaultChunkSize = 3
        #expect(try file.allChunks() == [bytes("abc"), bytes("def"), bytes("g")])
        #expect(try file.allChunks(size: 0) == [bytes("abc"), bytes("def"), bytes("g")])
    }

    @Test func defaultChunkIs64KiB() throws {
        let file = FileObject(MemoryStream(Data(repeating: 7, count: 65536 * 2 + 1)))
        #expect(try file.allChunks().map(\.count) == [65536, 65536, 1])
    }

    @Test func negativeSizeThrows() {
        let file = FileObject(MemoryStream(bytes("abc")))
        #expect(throws: FileError.self) { try file.chunks(size: -1) }
    }

    @Test func emptyFileYieldsNothing() throws {
        #expect(try FileObject(MemoryStream()).allChunks().isEmpty)
    }

    @Test func aFileAtItsEndStillYieldsEverything() throws {
        let file = FileObject(MemoryStream(bytes("all of it")))
        _ = try file.read()
        #expect(try file.tell() == 9)
        #expect(try file.allChunks(size: 4) == [bytes("all "), bytes("of i"), bytes("t")])
    }

    @Test func aPartlyReadFileIsRewound() throws {
        let scratch = try ScratchDirectory()
        let file = try FileObject(path: try scratch.write("0123456789", to: "c.txt"))
        _ = try file.read(7)
        #expect(try file.allChunks(size: 6) == [bytes("012345"), bytes("6789")])
    }

    @Test func unseekableStreamIsReadFromWhereItIs() throws {
        let file = FileObject(try pipeStream(containing: "abc"))
        #expect(try file.read(1) == bytes("a"))
        #expect(try file.allChunks() == [bytes("bc")])
    }

    @Test func closingMidwayThrowsFromNext() throws {
        let file = FileObject(MemoryStream(bytes("abcdef")), name: "m")
        var chunks = try file.chunks(size: 2)
        #expect(try chunks.next() == bytes("ab"))
        try file.close()
        #expect(throws: FileError.closed(operation: "read", name: "m")) { try chunks.next() }
    }
}
