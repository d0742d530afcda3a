import Bridge
import Files
import Foundation
import TestSupport
import Testing

/// A file holding a corpus image, in memory, positioned mid-way so tests see whether it is restored.
func upload(_ corpusPath: String, name: String? = nil, contentType: String = "image/jpeg") throws
    -> InMemoryUploadedFile
{
    let bytes = Data(try Corpus.bytes(corpusPath))
    let file = try InMemoryUploadedFile(
        MemoryStream(bytes), fieldName: "photo", name: name ?? corpusPath, contentType: contentType,
        size: bytes.count, charset: "utf-8")
    try file.seek(to: 7)
    return file
}

@Suite("Reading images from files")
struct FileImageTests {
    @Test func decodesFromTheStartAndRestoresThePosition() throws {
        let file = try upload("libjpeg-turbo/testorig.jpg")
        let image = try Image(file: file)
        #expect(image.size == Size(width: 227, height: 149))
        #expect(try file.tell() == 7)
    }

    @Test func decodesDiskFilesAndTemporaryUploads() throws {
        let disk = try FileObject(path: Corpus.url("pngsuite/basn6a08.png").path, mode: "rb")
        defer { try? disk.close() }
        #expect(try Image(file: disk).pixelFormat == .rgba)

        let temporary = try TemporaryUploadedFile(name: "x.png", contentType: "image/png", size: nil)
        defer { try? temporary.close() }
        try temporary.write(Data(try Corpus.bytes("pngsuite/basn0g08.png")))
        #expect(try Image(file: temporary).pixelFormat == .gray)
        #expect(try temporary.tell() > 0)  // restored to where writing left it
    }

    @Test func notAnImageThrowsAnErrorNamingTheFile() throws {
        let file = try SimpleUploadedFile(name: "notes.jpg", content: Data("hello".utf8), contentType: "image/jpeg")
        #expect {
            try Image(file: file)
        } throws: { error in
            guard let error = error as? ImageFileError, case .imaging(.unrecognizedFormat) = error.cause else {
                return false
            }
            return error.fileName == "notes.jpg" && error.description.contains("\"notes.jpg\"")
        }
    }

    @Test func closedFileThrowsAFileError() throws {
        let file = try upload("libjpeg-turbo/testorig.jpg")
        try file.close()
        #expect {
            try Image(file: file)
        } throws: { error in
            (error as? ImageFileError)?.fileError != nil
        }
    }

    @Test func imageDimensionsReadTheHeaderAndRestoreThePosition() throws {
        let file = try upload("exif-orientation/Landscape_6.jpg")
        let dimensions = try #require(imageDimensions(of: file))
        #expect(dimensions.width == 1800 && dimensions.height == 1200)  // displayed, orientation applied
        #expect(try file.tell() == 7)
        #expect(try file.imageInfo().size == Size(width: 1200, height: 1800))  // stored
    }

    @Test func imageDimensionsOfNonImagesAreNil() throws {
        let text = try SimpleUploadedFile(name: "a.txt", content: Data("123\n".utf8))
        #expect(imageDimensions(of: text) == nil)
        let empty = try SimpleUploadedFile(name: "e.png", content: Data())
        #expect(imageDimensions(of: empty) == nil)
        #expect(try text.tell() == 0)
    }

    @Test func headersBeyondTheFirstKilobyteAreFoundByReadingMore() throws {
        // A JPEG whose frame header sits after a 5000-byte comment segment.
        let original = try Corpus.bytes("libjpeg-turbo/testorig.jpg")
        let comment: [UInt8] = [0xFF, 0xFE, 0x13, 0x8A] + [UInt8](repeating: 0x41, count: 5000 - 2)
        let padded = Data(Array(original[0..<2]) + comment + Array(original[2...]))
        let file = ContentFile(padded, name: "padded.jpg")
        #expect(imageDimensions(of: file)?.width == 227)
    }

    @Test func imageFileCachesItsDimensions() throws {
        let file = ImageFile(MemoryStream(Data(try Corpus.bytes("pngsuite/basn2c08.png"))), name: "a.png")
        #expect(file.width == 32)
        #expect(file.height == 32)
        try file.truncate(to: 0)
        #expect(file.width == 32)  // cached for the object's lifetime, as Django
        let notImage = ImageFile(MemoryStream(Data("no".utf8)), name: "b.png")
        #expect(notImage.width == nil && notImage.height == nil)
    }
}
