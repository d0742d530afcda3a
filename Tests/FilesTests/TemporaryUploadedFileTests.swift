import Files
import Foundation
import Testing

@Suite("TemporaryUploadedFile lives on disk and never leaks")
struct TemporaryUploadedFileTests {
    @Test(arguments: [
        ("test.txt", ".upload.txt"), ("x.tar.gz", ".upload.gz"), ("test", ".upload"), (".bashrc", ".upload"),
        ("a.", ".upload."), ("../evil/photo.JPG", ".upload.JPG"),
    ])
    func temporaryNameKeepsTheExtension(name: String, suffix: String) throws {
        let scratch = try ScratchDirectory()
        let upload = try TemporaryUploadedFile(
            name: name, contentType: "text/plain", size: 1, charset: "utf8", directory: scratch.path)
        #expect(upload.temporaryFilePath.hasSuffix(suffix))
        #expect(upload.temporaryFilePath.hasPrefix(scratch.path + "/tmp"))
        #expect(exists(upload.temporaryFilePath))
        try upload.close()
    }

    @Test func tooLongExtensionIsDroppedFromTheTemporaryName() throws {
        let scratch = try ScratchDirectory()
        let upload = try TemporaryUploadedFile(
            name: "a." + String(repeating: "é", count: 200), size: 0,
            directory: scratch.path)
        #expect(upload.temporaryFilePath.hasSuffix(".upload"))
        #expect(upload.name?.unicodeScalars.count == 202)
    }

    @Test func usesTheSystemTemporaryDirectoryByDefault() throws {
        let upload = try TemporaryUploadedFile(name: "d.txt", size: nil)
        let directory = TemporaryUploadedFile.systemTemporaryDirectory
        #expect(upload.temporaryFilePath.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/"))
        #expect(exists(upload.temporaryFilePath))
        try upload.close()
        #expect(!exists(upload.temporaryFilePath))
    }

    @Test func removedOnCloseAndClosingTwiceIsFine() throws {
        let scratch = try ScratchDirectory()
        let upload = try TemporaryUploadedFile(
            name: "x.bin", size: 0, directory: scratch.path)
        try upload.write(bytes("data"))
        let path = upload.temporaryFilePath
        #expect(!upload.isClosed)
        try upload.close()
        #expect(upload.isClosed)
        #expect(!exists(path))
        try upload.close()
        #expect(try scratch.entries().isEmpty)
        #expect(throws: FileError.cannotReopen(name: "x.bin")) { try upload.open() }
    }

    @Test func removedWhenDeinitialisedWithoutClosing() throws {
        let scratch = try ScratchDirectory()
        var path = ""
        do {
            let upload = try TemporaryUploadedFile(
                name: "forgotten.txt", size: 0, directory: scratch.path)
            try upload.write(bytes("never closed"))
            path = upload.temporaryFilePath
            #expect(exists(path))
        }
        #expect(!exists(path))
        #expect(try scratch.entries().isEmpty)
    }

    @Test func alreadyRemovedFileIsFine() throws {
        let scratch = try ScratchDirectory()
        let upload = try TemporaryUploadedFile(
            name: "moved.txt", size: 0, directory: scratch.path)
        try FileManager.default.removeItem(atPath: upload.temporaryFilePath)
        try upload.close()
        #expect(upload.isClosed)
    }

    @Test func declaredSizeWinsButChunksReadEverything() throws {
        let scratch = try ScratchDirectory()
        let upload = try TemporaryUploadedFile(
            name: "d.txt", contentType: "text/plain", size: 3, directory: scratch.path)
        try upload.write("hello world")
        #expect(upload.size == 3)
        #expect(try upload.multipleChunks(size: 2) == true)
        #expect(try upload.multipleChunks(size: 3) == false)
        #expect(try upload.allChunks(size: 4) == [bytes("hell"), bytes("o wo"), bytes("rld")])
    }

    @Test func metadataAndMode() throws {
        let scratch = try ScratchDirectory()
        let upload = try TemporaryUploadedFile(
            name: "C:\\Users\\me\\photo.png", contentType: "image/png", size: 10,
            contentTypeExtra: ["a": "b"], directory: scratch.path)
        #expect(upload.name == "photo.png")
        #expect(upload.contentType == "image/png")
        #expect(upload.contentTypeExtra == ["a": "b"])
        #expect(upload.mode?.description == "w+b")
        #expect(upload.temporaryFilePath.hasSuffix(".upload.png"))
    }

    @Test func invalidNameCreatesNoFile() throws {
        let scratch = try ScratchDirectory()
        #expect(throws: FileError.suspiciousFileOperation("Could not derive file name from '..'")) {
            try TemporaryUploadedFile(name: "../..", size: 0, directory: scratch.path)
        }
        #expect(try scratch.entries().isEmpty)
    }

    @Test func missingDirectoryThrowsAnIOError() {
        let expected = FileError.io(operation: "create a temporary file in", path: "/nonexistent-dir-x", code: ENOENT)
        #expect(throws: expected) {
            try TemporaryUploadedFile(
                name: "a", size: 0, directory: "/nonexistent-dir-x")
        }
    }
}
