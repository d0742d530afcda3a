import Bridge
import Files
import Foundation
import TestSupport
import Testing

/// An error that wraps another says one sentence that names the file once.
@Suite("ImageFileError messages name the file once")
struct ImageFileErrorTests {
    @Test func decodingAClosedFile() throws {
        let file = try upload("libjpeg-turbo/testorig.jpg", name: "a.jpg")
        try file.close()
        #expect(message { try Image(file: file) } == "Cannot read \"a.jpg\": the file is closed.")
    }

    @Test func thumbnailingAClosedFile() throws {
        let file = try upload("libjpeg-turbo/testorig.jpg", name: "a.jpg")
        try file.close()
        #expect(
            message { try file.thumbnail(fitting: Size(square: 32)) } == "Cannot read \"a.jpg\": the file is closed.")
        #expect(
            message { try file.thumbnail(filling: Size(square: 32)) } == "Cannot read \"a.jpg\": the file is closed.")
    }

    @Test func thumbnailingAFileWhoseReadsFail() throws {
        // A directory opens and seeks, but every read fails: the read's own error comes out, as the
        // file error it is, from the streaming thumbnail path.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "unreadable-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try FileObject(path: directory.path)
        defer { try? file.close() }
        let expected = ImageFileError(
            operation: "read", fileName: directory.path,
            cause: .file(.io(operation: "read", path: directory.path, code: EISDIR)))
        #expect(throws: expected) { try file.thumbnail(fitting: Size(square: 8)) }
        #expect(throws: expected) { try file.thumbnail(filling: Size(square: 8)) }
        #expect(
            message { try file.thumbnail(fitting: Size(square: 8)) }
                == "Cannot read \"\(directory.path)\": Is a directory (errno 21).")
    }

    @Test func probingAClosedFile() throws {
        let file = try upload("libjpeg-turbo/testorig.jpg", name: "a.jpg")
        try file.close()
        #expect(message { try file.imageInfo() } == "Cannot read \"a.jpg\": the file is closed.")
    }

    @Test func decodingSomethingThatIsNotAnImage() throws {
        let file = try SimpleUploadedFile(name: "notes.jpg", content: Data("hello".utf8), contentType: "image/jpeg")
        let expected =
            "Cannot decode \"notes.jpg\": not a recognised image (it starts with 68 65 6C 6C 6F); "
            + "JPEG, PNG, WebP, GIF, HEIC, HEIF and AVIF can be decoded."
        #expect(message { try Image(file: file) } == expected)
        let thumbnailing = "Cannot thumbnail \"notes.jpg\": " + expected.drop { $0 != ":" }.dropFirst(2)
        #expect(message { try file.thumbnail(fitting: Size(square: 8)) } == thumbnailing)
    }

    @Test func encodingWithInvalidSettings() throws {
        let image = try gradient()
        do {
            _ = try InMemoryUploadedFile(image: image, format: .jpeg(quality: 0), name: "x.jpg")
            Issue.record("a quality of 0 was accepted")
        } catch {
            let imaging = try #require(error.imagingError)
            #expect(error.description == "Cannot encode \"x.jpg\": \(imaging.reason).")
        }
    }

    @Test(arguments: [
        (
            ImageFileError(
                operation: "read", fileName: "pipe.jpg",
                cause: .file(.unsupportedOperation(operation: "seek", name: "pipe.jpg"))),
            "Cannot seek \"pipe.jpg\": the stream does not support it."
        ),
        (
            ImageFileError(
                operation: "read", fileName: "a.jpg", cause: .file(.io(operation: "read", path: "/tmp/tmp1", code: EIO))
            ),
            "Cannot read \"a.jpg\": Input/output error (errno 5)."
        ),
        (
            ImageFileError(
                operation: "name", fileName: "x.jpg",
                cause: .file(.suspiciousFileOperation("Could not derive file name from '..'"))),
            "Cannot name \"x.jpg\": could not derive file name from '..'."
        ),
        (
            ImageFileError(operation: "read", fileName: nil, cause: .file(.sizeUnknown(name: nil))),
            "Cannot read an unnamed file: its size cannot be determined."
        ),
        (
            ImageFileError(
                operation: "encode", fileName: "x.png", cause: .imaging(.encodingFailed(.png, reason: "out of memory"))),
            "Cannot encode \"x.png\": the PNG encoder failed: out of memory."
        ),
        (
            ImageFileError(operation: "decode", fileName: "big.jpg", cause: .imaging(.truncated(.jpeg, offset: 3000))),
            "Cannot decode \"big.jpg\": \(ImagingError.truncated(.jpeg, offset: 3000).reason)."
        ),
    ])
    func wrappedMessage(error: ImageFileError, expected: String) {
        #expect(error.description == expected)
    }

    /// The description of the `ImageFileError` `body` throws, or `nil` when it throws none or another error.
    private func message<T>(_ body: () throws -> T) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? ImageFileError)?.description
        }
    }
}
