import Imaging
import TestSupport
import Testing

/// Every file in `Tests/Fixtures/corpus/MANIFEST.tsv` does what its `expected` column says.
@Suite struct CorpusDecodingTests {
    static let decodable = Corpus.entries { $0.expected.hasPrefix("decode") }
    static let rejected = Corpus.entries { $0.expected.hasPrefix("error") && $0.expected != "error-or-partial" }

    @Test(arguments: decodable)
    func decodesWithDisplaySize(_ entry: Corpus.Entry) throws {
        let image = try Image(decoding: Corpus.bytes(entry.path))
        #expect(image.width == entry.displayWidth)
        #expect(image.height == entry.displayHeight)
        #expect(image.pixels.count == image.width * image.height * image.pixelFormat.channelCount)
        let stored = try Image(decoding: Corpus.bytes(entry.path), options: .init(appliesOrientation: false))
        #expect(stored.width == entry.width ?? entry.displayWidth)
        #expect(stored.height == entry.height ?? entry.displayHeight)
    }

    @Test(arguments: rejected)
    func rejectsWithTypedError(_ entry: Corpus.Entry) throws {
        let bytes = try Corpus.bytes(entry.path)
        #expect(throws: ImagingError.self) { try Image(decoding: bytes) }
        if entry.path.hasSuffix("12.jpg") {
            #expect {
                try Image(decoding: bytes)
            } throws: { error in
                if case .unsupported(.jpeg, _) = error as? ImagingError { return true }
                return false
            }
        }
    }
}
