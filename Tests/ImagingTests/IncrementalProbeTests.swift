import Imaging
import TestSupport
import Testing

/// `IncrementalProbe`: the header read in doubling pieces, shared by `FileObject.imageInfo()` and
/// `Image(thumbnailReading:)`.
@Suite struct IncrementalProbeTests {
    /// Hands out `bytes` front to back, at most as many as asked, and records what was asked.
    final class Source {
        let bytes: [UInt8]
        private(set) var asked: [Int] = []
        private var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        func read(_ count: Int) -> ArraySlice<UInt8> {
            asked.append(count)
            let end = min(offset + count, bytes.count)
            defer { offset = end }
            return bytes[offset..<end]
        }
    }

    struct ReadFailed: Error, Equatable {}

    /// `testorig.jpg` with a 60,000-byte APP2 segment before its frame header.
    static func jpegWithLargeHeader() throws -> [UInt8] {
        let original = try Corpus.bytes("libjpeg-turbo/testorig.jpg")
        let length = 60_002
        let segment: [UInt8] =
            [0xFF, 0xE2, UInt8(length >> 8), UInt8(length & 0xFF)] + [UInt8](repeating: 0x41, count: length - 2)
        return Array(original.prefix(2)) + segment + original.dropFirst(2)
    }

    @Test func readsDoublingPiecesUntilTheHeaderIsComplete() throws {
        let source = Source(try Self.jpegWithLargeHeader())
        var probe = IncrementalProbe()
        let info = try probe.probe(firstCount: 1024, read: source.read).get()
        #expect(info.size == Size(width: 227, height: 149))
        // 1 KiB, then each piece twice the last, as Django's get_image_dimensions; the frame
        // header ends past 60,000 bytes, inside the 63 KiB the sixth piece completes.
        #expect(source.asked == [1024, 2048, 4096, 8192, 16384, 32768])
        #expect(probe.bytes == Array(source.bytes.prefix(probe.bytes.count)))
        #expect(probe.bytes.count < source.bytes.count)
        #expect(!probe.ended)
        #expect(probe.readToEnd(read: source.read) == source.bytes)
    }

    @Test func dataEndingInsideTheHeaderIsTruncated() throws {
        let source = Source(Array(try Self.jpegWithLargeHeader().prefix(30_000)))
        var probe = IncrementalProbe()
        let result = probe.probe(firstCount: 1024, read: source.read)
        #expect(throws: ImagingError.truncated(.jpeg, offset: 30_000)) { try result.get() }
        #expect(probe.ended)
        #expect(probe.bytes == source.bytes)
    }

    @Test func aReadErrorIsThrownAsItWasThrown() {
        var probe = IncrementalProbe()
        #expect(throws: ReadFailed()) {
            _ = try probe.probe(firstCount: 1024) { (_: Int) throws(ReadFailed) -> [UInt8] in throw ReadFailed() }
        }
    }
}
