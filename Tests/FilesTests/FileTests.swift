import Files
import Foundation
import Testing

/// Ports of Django's tests/files/tests.py `FileTests` and `NoNameFileTestCase`, plus closed-file edge cases.
@Suite("FileObject: the Django file proxy")
struct FileTests {
    @Test func nameComesFromTheStreamUnlessGiven() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("x", to: "a.txt")
        #expect(try FileObject(path: path).name == path)
        #expect(try FileObject(DiskStream(path: path), name: "other.txt").name == "other.txt")
        #expect(FileObject(MemoryStream(bytes("A file with no name"))).name == nil)
    }

    @Test func unicodeNamesDescribeThemselves() {
        let file = FileObject(nil, name: "djángö")
        #expect(file.description == "djángö")
        #expect(file.debugDescription == "<File: djángö>")
        #expect(FileObject(nil).debugDescription == "<File: None>")
        #expect(FileObject(nil).description == "")
    }

    @Test func hasNameIsExplicit() throws {
        #expect(!FileObject(MemoryStream()).hasName)
        #expect(!FileObject(MemoryStream(), name: "").hasName)
        #expect(FileObject(MemoryStream(), name: "a").hasName)
        let file = FileObject(MemoryStream())
        try file.setName("b.txt")
        #expect(file.name == "b.txt" && file.hasName)
    }

    @Test func useClosesTheFileAndItsStream() throws {
        let scratch = try ScratchDirectory()
        let stream = try DiskStream(path: scratch.file("t"), mode: "w+")
        let file = FileObject(stream)
        let sameFile = try file.use { inner in
            #expect(!inner.isClosed)
            return inner
        }
        #expect(sameFile === file)
        #expect(file.isClosed)
        #expect(stream.isClosed)
    }

    @Test func useClosesEvenWhenTheBodyThrows() throws {
        struct Stop: Error, Equatable {}
        let file = FileObject(MemoryStream(bytes("abc")))
        #expect(throws: ScopedFileError.body(Stop())) { try file.use { (_) throws(Stop) in throw Stop() } }
        #expect(file.isClosed)
    }

    @Test func useWithAFileErrorBodyThrowsTheFileErrorItself() throws {
        let file = FileObject(MemoryStream(bytes("abc")), name: "a.txt")
        try file.close()
        let closed = FileError.closed(operation: "read", name: "a.txt")
        #expect(throws: closed) { try file.use { (file) throws(FileError) in try file.read() } }
        do {
            _ = try file.use { (file) throws(FileError) in try file.read() }
        } catch {
            let typed: FileError = error  // the overload for FileError bodies throws FileError, unwrapped
            #expect(typed.description == "Cannot read \"a.txt\": the file is closed.")
        }
    }

    @Test func useReportsAFailureToCloseAfterTheBodyReturned() throws {
        // A descriptor nobody opened: the body runs, closing it fails with EBADF.
        let broken = { DiskStream(adoptingDescriptor: 1_000_000, mode: .read, name: "broken") }
        let failure = FileError.io(operation: "close", path: "broken", code: EBADF)
        #expect(throws: failure) { try FileObject(broken()).use { (file) throws(FileError) in file.name } }
        struct Unused: Error, Equatable {}
        #expect(throws: ScopedFileError<Unused>.file(failure)) {
            try FileObject(broken()).use { (file) throws(Unused) in file.name }
        }
        #expect(ScopedFileError<Unused>.file(failure).description == failure.description)
    }

    @Test func useWithAnUntypedBodyWrapsItsError() throws {
        struct Stop: Error {}
        let file = FileObject(MemoryStream(bytes("abc")))
        do {
            _ = try file.use { _ in throw Stop() }
            Issue.record("the body's error was lost")
        } catch {
            guard case .body(let underlying) = error else {
                Issue.record("expected the body's error, got \(error)")
                return
            }
            #expect(underlying is Stop)
        }
        #expect(file.isClosed)
    }

    @Test func withOpenReportsAFileThatCannotBeReopened() throws {
        struct Unused: Error, Equatable {}
        let file = FileObject(MemoryStream(bytes("x")), name: "memory.txt")
        try file.close()
        #expect(throws: ScopedFileError<Unused>.file(.cannotReopen(name: "memory.txt"))) {
            try file.withOpen(mode: .read) { (file) throws(Unused) in file.name }
        }
        #expect(throws: FileError.cannotReopen(name: "memory.txt")) {
            try file.withOpen(mode: .read) { (file) throws(FileError) in try file.read() }
        }
    }

    @Test func replacingTheStreamResetsTheCachedModeAndSize() throws {
        let scratch = try ScratchDirectory()
        let file = try FileObject(path: try scratch.write("on disk", to: "r.txt"), mode: .read.binary)
        #expect(file.size == 7 && file.mode == .read.binary)
        try file.close()
        file.replaceStream(MemoryStream(bytes("in memory!")))
        #expect(file.mode == nil)
        #expect(file.size == 10)
        #expect(try file.read() == bytes("in memory!"))
        file.replaceStream(nil)
        #expect(file.isClosed && file.size == nil)
    }

    @Test func openRewindsAnOpenFileAndIgnoresTheMode() throws {
        let file = FileObject(MemoryStream(bytes("content")))
        _ = try file.read()
        let content = try file.withOpen(mode: .write.binary) { (file) throws(FileError) in try file.read() }
        #expect(content == bytes("content"))
    }

    @Test func openReopensAClosedDiskFile() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("on disk", to: "reopen.txt")
        let file = try FileObject(path: path, mode: "rb")
        try file.close()
        #expect(file.isClosed)
        try file.withOpen { (reopened) throws in
            #expect(!reopened.isClosed)
            #expect(try reopened.read() == bytes("on disk"))
        }
        #expect(file.isClosed)
        try file.open(mode: "r+")
        #expect(file.isWritable)
        #expect(file.mode?.description == "r+")
    }

    @Test func reopeningWithoutAPathThrows() throws {
        let file = FileObject(MemoryStream(bytes("x")), name: "not-on-disk.txt")
        try file.close()
        #expect(throws: FileError.cannotReopen(name: "not-on-disk.txt")) { try file.open() }
        let nameless = FileObject(MemoryStream())
        try nameless.close()
        #expect(throws: FileError.cannotReopen(name: nil)) { try nameless.open() }
    }

    @Test func reopeningADeletedFileThrows() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("x", to: "gone.txt")
        let file = try FileObject(path: path)
        try file.close()
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: FileError.cannotReopen(name: path)) { try file.open() }
    }

    @Test func closedFileUsedAgainThrowsANamedError() throws {
        let file = FileObject(MemoryStream(bytes("abc")), name: "report.csv")
        try file.close()
        #expect(throws: FileError.closed(operation: "read", name: "report.csv")) { try file.read() }
        #expect(throws: FileError.closed(operation: "write", name: "report.csv")) { try file.write(bytes("x")) }
        #expect(throws: FileError.closed(operation: "seek", name: "report.csv")) { try file.seek(to: 0) }
        #expect(throws: FileError.closed(operation: "read the chunks of", name: "report.csv")) { try file.chunks() }
        #expect(throws: FileError.self) { try file.lines() }
        #expect(throws: FileError.self) { try file.tell() }
        do {
            _ = try file.read()
        } catch {
            #expect(error.description == "Cannot read \"report.csv\": the file is closed.")
        }
    }

    @Test func fileWithoutAStreamIsClosed() {
        let file = FileObject(nil, name: "x")
        #expect(file.isClosed)
        #expect(!file.isReadable && !file.isWritable && !file.isSeekable)
        #expect(file.size == nil)
    }

    @Test func readableWritableSeekable() throws {
        let scratch = try ScratchDirectory()
        let readWrite = try FileObject(path: scratch.file("rw"), mode: "w+")
        #expect(readWrite.isReadable && readWrite.isWritable && readWrite.isSeekable)
        try readWrite.close()
        #expect(!readWrite.isReadable && !readWrite.isWritable && !readWrite.isSeekable)
        let readOnly = try FileObject(path: scratch.file("rw"), mode: "rb")
        #expect(readOnly.isReadable && !readOnly.isWritable)
    }

    @Test func modeIsCopiedOnlyWhenTheStreamHasOne() throws {
        let scratch = try ScratchDirectory()
        #expect(try FileObject(path: scratch.file("m"), mode: "wb").mode?.description == "wb")
        #expect(FileObject(MemoryStream()).mode == nil)
    }

    @Test func writeThenReadBackThroughTheFile() throws {
        let scratch = try ScratchDirectory()
        let content = "vive l'été\n"
        try FileObject(path: scratch.file("io.txt"), mode: "w+").use { (file) throws in
            try file.write(content)
            try file.seek(to: 0)
            #expect(String(decoding: try file.read(), as: UTF8.self) == content)
            try file.write(content)
            try file.seek(to: 0)
            #expect(try file.read() == bytes(content + content))
            try file.truncate(to: 3)
            #expect(try file.seek(to: 0, from: .end) == 3)
        }
    }

    @Test func readWithACount() throws {
        let file = FileObject(MemoryStream(bytes("abcdef")))
        #expect(try file.read(2) == bytes("ab"))
        #expect(try file.tell() == 2)
        #expect(try file.read() == bytes("cdef"))
        #expect(try file.read(5).isEmpty)
    }

    @Test func instanceChunkSizeStartsAtTheTypeDefault() {
        #expect(FileObject.defaultChunkSize == 65536)
        let file = FileObject(MemoryStream())
        #expect(file.defaultChunkSize == 65536)
        file.defaultChunkSize = 4
        #expect(FileObject(MemoryStream()).defaultChunkSize == 65536)
    }

    @Test func aNegativeCountIsAnErrorAndNilReadsEverything() throws {
        let file = FileObject(MemoryStream(bytes("abc")), name: "a.txt")
        #expect(
            throws: FileError.invalidArgument(
                operation: "read", detail: "the count -1 is negative; pass nil to read everything")
        ) {
            try file.read(-1)
        }
        #expect(try file.read() == bytes("abc"))
    }
}
