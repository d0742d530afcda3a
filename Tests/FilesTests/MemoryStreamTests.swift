import Files
import Foundation
import Testing

@Suite("MemoryStream behaves like io.BytesIO")
struct MemoryStreamTests {
    @Test func readsInPiecesAndReturnsEmptyAtTheEnd() throws {
        let stream = MemoryStream(bytes("hello"))
        #expect(try stream.read(upTo: 2) == bytes("he"))
        #expect(try stream.read(upTo: 10) == bytes("llo"))
        #expect(try stream.read(upTo: 10).isEmpty)
        #expect(try stream.readAll().isEmpty)
    }

    @Test func readBeyondTheEndAfterSeekingIsEmpty() throws {
        let stream = MemoryStream(bytes("abc"))
        try stream.seek(to: 100, from: .start)
        #expect(try stream.read(upTo: 5).isEmpty)
        #expect(try stream.tell() == 100)
    }

    @Test func negativeCountReadsEverything() throws {
        let stream = MemoryStream(bytes("abc"))
        #expect(try stream.read(upTo: -1) == bytes("abc"))
    }

    @Test func writeOverwritesAtThePositionAndGrows() throws {
        let stream = MemoryStream(bytes("hello"))
        #expect(try stream.write(bytes("XY")) == 2)
        #expect(stream.contents == bytes("XYllo"))
        try stream.seek(to: 3, from: .start)
        try stream.write(bytes("1234"))
        #expect(stream.contents == bytes("XYl1234"))
        #expect(try stream.tell() == 7)
    }

    @Test func writingPastTheEndZeroFills() throws {
        let stream = MemoryStream(bytes("ab"))
        try stream.seek(to: 2, from: .end)
        try stream.write(bytes("c"))
        #expect(stream.contents == Data([0x61, 0x62, 0, 0, 0x63]))
    }

    @Test func seekOrigins() throws {
        let stream = MemoryStream(bytes("0123456789"))
        #expect(try stream.seek(to: 4, from: .start) == 4)
        #expect(try stream.seek(to: 2, from: .current) == 6)
        #expect(try stream.seek(to: -3, from: .end) == 7)
        #expect(try stream.read(upTo: 1) == bytes("7"))
    }

    @Test func negativeSeekThrows() throws {
        let stream = MemoryStream(bytes("abc"))
        #expect(throws: FileError.self) { try stream.seek(to: -1, from: .start) }
        #expect(throws: FileError.self) { try stream.seek(to: -4, from: .end) }
        #expect(try stream.tell() == 0)
    }

    @Test func truncateShrinksWithoutMovingThePosition() throws {
        let stream = MemoryStream(bytes("abcdef"))
        try stream.seek(to: 5, from: .start)
        #expect(try stream.truncate(to: 2) == 2)
        #expect(stream.contents == bytes("ab"))
        #expect(try stream.tell() == 5)
        try stream.truncate(to: 10)
        #expect(stream.contents == bytes("ab"), "BytesIO never grows on truncate")
        try stream.seek(to: 1, from: .start)
        try stream.truncate(to: nil)
        #expect(stream.contents == bytes("a"))
    }

    @Test func closedStreamThrowsClosed() throws {
        let stream = MemoryStream(bytes("abc"))
        stream.close()
        #expect(stream.isClosed)
        #expect(!stream.isReadable && !stream.isWritable && !stream.isSeekable)
        #expect(throws: FileError.closed(operation: "read", name: nil)) { try stream.read(upTo: 1) }
        #expect(throws: FileError.closed(operation: "write", name: nil)) { try stream.write(bytes("x")) }
        #expect(throws: FileError.self) { try stream.tell() }
    }

    @Test func hasNoNameModeOrKnownSize() {
        let stream = MemoryStream("text")
        #expect(stream.name == nil)
        #expect(stream.mode == nil)
        #expect(stream.knownSize == nil)
        #expect(stream.contents == bytes("text"))
    }
}

@Suite("MemoryStream refuses unbounded growth")
struct MemoryStreamBoundsTests {
    @Test func writingFarPastTheEndThrowsInsteadOfAllocating() throws {
        let stream = MemoryStream(bytes("ab"))
        try stream.seek(to: Int.max - 1, from: .start)
        #expect(throws: FileError.self) { try stream.write(bytes("xyz")) }
        try stream.seek(to: 1 << 40, from: .start)
        #expect(throws: FileError.self) { try stream.write(bytes("x")) }
        #expect(stream.contents == bytes("ab"))
    }

    @Test func maximumSizeIsConfigurable() throws {
        let stream = MemoryStream(maximumSize: 4)
        try stream.write(bytes("abcd"))
        #expect(throws: FileError.self) { try stream.write(bytes("e")) }
        #expect(stream.contents == bytes("abcd"))
    }
}
