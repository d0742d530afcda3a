import FilesS3
import Testing

/// The magic numbers FilesS3 recognises itself (it must not depend on Imaging), then the name, then
/// the declared type.
@Suite struct ContentTypeDetectionTests {
    @Test(
        arguments: [
            ([0xFF, 0xD8, 0xFF, 0xDB], "image/jpeg"),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png"),
            (Array("GIF89a".utf8) + [1, 0], "image/gif"),
            (Array("GIF87a".utf8), "image/gif"),
            (Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8), "image/webp"),
        ] as [([UInt8], String)])
    func imageBytesWinOverTheNameAndTheDeclaredType(_ head: [UInt8], _ expected: String) {
        #expect(ContentTypeDetection.contentType(head: head, name: "wrong.txt", declared: "text/plain") == expected)
    }

    @Test func theNameComesBeforeTheDeclaredType() {
        #expect(
            ContentTypeDetection.contentType(head: Array("a,b".utf8), name: "dir.v2/Data.CSV", declared: "text/plain")
                == "text/csv")
        #expect(
            ContentTypeDetection.contentType(head: Array("RIFF".utf8), name: "x.bin", declared: "audio/wav")
                == "audio/wav")
        #expect(
            ContentTypeDetection.contentType(head: [], name: ".bashrc", declared: nil) == "application/octet-stream")
    }
}
