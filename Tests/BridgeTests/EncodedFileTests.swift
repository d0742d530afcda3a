import Bridge
import Files
import Foundation
import TestSupport
import Testing

/// A small RGBA image with a gradient, so encoders have something to compress.
func gradient(width: Int = 40, height: Int = 30, format: PixelFormat = .rgb) throws -> Image {
    var pixels: [UInt8] = []
    pixels.reserveCapacity(width * height * format.channelCount)
    for y in 0..<height {
        for x in 0..<width {
            let samples: [UInt8] = [UInt8(x * 255 / width), UInt8(y * 255 / height), 128, UInt8(255 - x)]
            switch format {
            case .gray: pixels.append(samples[0])
            case .grayAlpha: pixels += [samples[0], samples[3]]
            case .rgb: pixels += samples[0..<3]
            case .rgba: pixels += samples
            }
        }
    }
    return try Image(width: width, height: height, pixelFormat: format, pixels: pixels)
}

@Suite("Encoding an Image into a file object")
struct EncodedFileTests {
    @Test func inMemoryUploadedFileDescribesItsContent() throws {
        let upload = try InMemoryUploadedFile(image: gradient(), format: .jpeg(quality: 85), fieldName: "avatar")
        let bytes = try upload.read()
        #expect(upload.name == "image.jpg")
        #expect(upload.contentType == "image/jpeg")
        #expect(upload.size == bytes.count)
        #expect(bytes.starts(with: [0xFF, 0xD8, 0xFF]))
        #expect(upload.fieldName == "avatar")
        #expect(upload.charset == nil)
        #expect(upload.multipleChunks() == false)
    }

    @Test func streamStartsAtZero() throws {
        let upload = try InMemoryUploadedFile(image: gradient(), format: .png())
        #expect(try upload.tell() == 0)
        #expect(try Image(decoding: upload.read()) == gradient())
    }

    @Test(arguments: [
        ("photo.png", ImageEncoding.jpeg(), "photo.jpg"),
        ("photo.jpeg", .jpeg(), "photo.jpeg"),
        ("photo.JPG", .jpeg(), "photo.JPG"),
        ("photo.jpg", .png(), "photo.png"),
        ("scan", .png(), "scan.png"),
        ("notes.v2", .jpeg(), "notes.v2.jpg"),
        ("../../etc/passwd", .png(), "passwd.png"),
        ("archive.tar.gif", .png(), "archive.tar.png"),
    ])
    func givenNamesGetTheFormatsExtension(given: String, format: ImageEncoding, expected: String) throws {
        let upload = try InMemoryUploadedFile(image: gradient(), format: format, name: given)
        #expect(upload.name == expected)
        #expect(upload.contentType == format.format.mimeType)
    }

    @Test func defaultNamesFollowTheFormat() throws {
        #expect(try InMemoryUploadedFile(image: gradient(), format: .png()).name == "image.png")
        #expect(try SimpleUploadedFile(image: gradient(), format: .png()).name == "image.png")
        #expect(try ContentFile(image: gradient()).name == "image.jpg")
    }

    @Test func contentFileKeepsDirectoriesAndCountsEncodedBytes() throws {
        let file = try ContentFile(image: gradient(format: .rgba), format: .png(), name: "avatars/me")
        #expect(file.name == "avatars/me.png")
        let bytes = try file.read()
        #expect(file.size == bytes.count)
        #expect(try Image(decoding: bytes).pixelFormat == .rgba)
    }

    @Test func simpleUploadedFileIsAnImageUpload() throws {
        let file = try SimpleUploadedFile(image: gradient(format: .gray), format: .png(), name: "g.png")
        #expect(file.contentType == "image/png")
        #expect(try Image(decoding: file.read()).pixelFormat == .gray)
    }

    @Test func invalidEncodingSettingsNameTheFile() throws {
        #expect {
            try InMemoryUploadedFile(image: gradient(), format: .jpeg(quality: 0), name: "x.jpg")
        } throws: { error in
            guard let error = error as? ImageFileError else { return false }
            return error.fileName == "x.jpg" && error.operation == "encode"
                && error.imagingError.map { if case .invalidArgument = $0 { true } else { false } } == true
        }
    }
}
