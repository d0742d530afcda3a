import Files
import Foundation
import Testing

@Suite("InMemoryUploadedFile and SimpleUploadedFile")
struct InMemoryUploadedFileTests {
    @Test func openRewinds() throws {
        let upload = try InMemoryUploadedFile(
            MemoryStream(bytes("1")), fieldName: "", name: "test", contentType: "text/plain", size: 1, charset: "utf8")
        _ = try upload.read()
        #expect(try upload.withOpen { try $0.read() } == bytes("1"))
    }

    @Test func openDoesNotReopenAClosedStream() throws {
        let upload = try InMemoryUploadedFile(
            MemoryStream(bytes("1")), fieldName: "f", name: "t.txt", size: 1)
        try upload.close()
        #expect(throws: FileError.closed(operation: "reopen", name: "t.txt")) { try upload.open() }
    }

    @Test(arguments: [nil, 0, 1, 2, 65536])
    func chunksYieldTheWholeContentOnceFromTheStart(size: Int?) throws {
        let upload = try InMemoryUploadedFile(
            MemoryStream(bytes("abcdef")), fieldName: "f", name: "a.txt", size: 6)
        _ = try upload.read(4)
        #expect(try upload.allChunks(size: size) == [bytes("abcdef")])
        #expect(upload.multipleChunks(size: size) == false)
    }

    @Test func emptyContentYieldsOneEmptyChunk() throws {
        let upload = try SimpleUploadedFile(name: "empty.txt", content: Data())
        #expect(try upload.allChunks() == [Data()])
        #expect(try upload.allLines().isEmpty)
    }

    @Test func hugeDeclaredSizeStillIsOneChunk() throws {
        let upload = try InMemoryUploadedFile(
            MemoryStream(bytes("x")), name: "x", size: 10_000_000)
        #expect(upload.multipleChunks() == false)
    }

    @Test func linesComeFromTheSingleChunk() throws {
        let upload = try SimpleUploadedFile(name: "l.txt", content: bytes("a\r\nb\rc\n"))
        #expect(try upload.allLines() == [bytes("a\r\n"), bytes("b\r"), bytes("c\n")])
    }

    @Test func fieldNameAndMetadata() throws {
        let upload = try InMemoryUploadedFile(
            MemoryStream(bytes("{}")), fieldName: "payload", name: "../d.json", contentType: "application/json",
            size: 2, charset: "utf-8", contentTypeExtra: ["q": "1"])
        #expect(upload.fieldName == "payload")
        #expect(upload.name == "d.json")
        #expect(upload.size == 2)
        #expect(upload.debugDescription == "<InMemoryUploadedFile: d.json (application/json)>")
    }

    @Test func simpleUploadedFileDefaults() throws {
        let upload = try SimpleUploadedFile(name: "mode_test.txt", content: bytes("content"))
        #expect(upload.mode == nil, "ticket #14681: no mode")
        #expect(upload.contentType == "text/plain")
        #expect(upload.size == 7)
        #expect(upload.fieldName == nil && upload.charset == nil && upload.contentTypeExtra == nil)
        #expect(upload.debugDescription == "<SimpleUploadedFile: mode_test.txt (text/plain)>")
        #expect(upload.hasName)
        #expect(try SimpleUploadedFile(name: "n", content: nil).size == 0)
        #expect(try SimpleUploadedFile(name: "n", content: nil, contentType: nil).contentType == nil)
    }

    @Test func fromDictionary() throws {
        let upload = try SimpleUploadedFile.fromDictionary([
            "filename": "dir/x.bin", "content": .data(Data([1, 2, 3])), "content-type": "application/octet-stream",
        ])
        #expect(upload.name == "x.bin")
        #expect(try upload.read() == Data([1, 2, 3]))
        #expect(upload.contentType == "application/octet-stream")
        let defaulted = try SimpleUploadedFile.fromDictionary(["filename": "a.txt", "content": "text"])
        #expect(defaulted.contentType == "text/plain")
        #expect(try defaulted.read() == bytes("text"))
    }

    @Test func fromDictionaryErrors() {
        #expect(throws: FileError.missingKey("filename")) {
            try SimpleUploadedFile.fromDictionary(["content": "x"])
        }
        #expect(throws: FileError.missingKey("content")) {
            try SimpleUploadedFile.fromDictionary(["filename": "a"])
        }
        #expect(throws: FileError.invalidValue(key: "filename", expected: "text")) {
            try SimpleUploadedFile.fromDictionary(["filename": .data(Data()), "content": "x"])
        }
        #expect(throws: FileError.invalidValue(key: "content-type", expected: "text")) {
            try SimpleUploadedFile.fromDictionary(["filename": "a", "content": "x", "content-type": .data(Data())])
        }
        #expect(throws: FileError.self) { try SimpleUploadedFile.fromDictionary(["filename": "..", "content": "x"]) }
    }
}
