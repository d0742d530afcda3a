import Files
import Foundation
import Testing

@Suite("DiskStream over a file descriptor")
struct DiskStreamTests {
    @Test func writeReadSeekTellTruncate() throws {
        let scratch = try ScratchDirectory()
        let stream = try DiskStream(path: scratch.file("a.bin"), mode: "w+b")
        #expect(try stream.write(bytes("hello world")) == 11)
        #expect(try stream.tell() == 11)
        #expect(stream.knownSize == 11)
        try stream.seek(to: 6, from: .start)
        #expect(try stream.read(upTo: 100) == bytes("world"))
        #expect(try stream.read(upTo: 100).isEmpty)
        try stream.truncate(to: 5)
        try stream.seek(to: 0, from: .start)
        #expect(try stream.readAll() == bytes("hello"))
        try stream.close()
        try stream.close()
        #expect(stream.isClosed)
    }

    @Test func readOnlyStreamRefusesWrites() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("abc", to: "r.txt")
        let stream = try DiskStream(path: path)
        #expect(stream.isReadable && !stream.isWritable && stream.isSeekable)
        #expect(throws: FileError.unsupportedOperation(operation: "write", name: path)) {
            try stream.write(bytes("x"))
        }
        #expect(try stream.readAll() == bytes("abc"))
    }

    @Test func writeOnlyStreamRefusesReads() throws {
        let scratch = try ScratchDirectory()
        let stream = try DiskStream(path: scratch.file("w.txt"), mode: "w")
        #expect(!stream.isReadable && stream.isWritable)
        #expect(throws: FileError.self) { try stream.read(upTo: 1) }
    }

    @Test func appendModeStartsAtTheEndAndAppends() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("abc", to: "log.txt")
        let stream = try DiskStream(path: path, mode: "a+")
        #expect(try stream.tell() == 3)
        try stream.seek(to: 0, from: .start)
        try stream.write(bytes("d"))
        try stream.seek(to: 0, from: .start)
        #expect(try stream.readAll() == bytes("abcd"))
    }

    @Test func exclusiveCreateFailsWhenTheFileExists() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("abc", to: "x.txt")
        #expect(throws: FileError.io(operation: "open", path: path, code: EEXIST)) {
            try DiskStream(path: path, mode: "x")
        }
    }

    @Test func missingFileThrowsAnIOErrorNamingThePath() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("missing.txt")
        do {
            _ = try DiskStream(path: path)
            Issue.record("opening a missing file succeeded")
        } catch {
            #expect(error == .io(operation: "open", path: path, code: ENOENT))
            #expect(error.description == "Cannot open \"\(path)\": No such file or directory (errno 2).")
        }
    }

    @Test func invalidModeThrows() throws {
        let requested = "rw"  // a mode known only at run time is parsed, and throws
        #expect(throws: FileError.invalidMode("rw")) { try DiskStream(path: "/tmp/x", mode: FileMode(requested)) }
    }

    @Test func readOnAClosedStreamNamesThePath() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("abc", to: "c.txt")
        let stream = try DiskStream(path: path, mode: "rb")
        try stream.close()
        #expect(throws: FileError.closed(operation: "read", name: path)) { try stream.read(upTo: 1) }
    }

    @Test func pipeIsNotSeekableAndHasNoKnownSize() throws {
        let reader = try pipeStream(containing: "through a pipe")
        #expect(!reader.isSeekable)
        #expect(reader.knownSize == nil)
        #expect(throws: FileError.self) { try reader.seek(to: 0, from: .start) }
        #expect(try reader.readAll() == bytes("through a pipe"))
    }
}

@Suite("DiskStream reads without trusting the count")
struct DiskStreamReadBoundsTests {
    @Test func hugeCountReadsWhatExists() throws {
        let scratch = try ScratchDirectory()
        let stream = try DiskStream(path: try scratch.write("small", to: "s.txt"))
        #expect(try stream.read(upTo: Int.max) == bytes("small"))
        #expect(try stream.read(upTo: Int.max).isEmpty)
    }

    @Test func readsLargerThanTheBufferAreComplete() throws {
        let scratch = try ScratchDirectory()
        let data = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let path = scratch.file("big.bin")
        try data.write(to: URL(fileURLWithPath: path))
        let stream = try DiskStream(path: path, mode: "rb")
        #expect(try stream.read(upTo: 150_000) == data.prefix(150_000))
        #expect(try stream.readAll() == data.suffix(50_000))
    }
}
