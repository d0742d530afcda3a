import Imaging
import TestSupport
import Testing

/// Hands out `bytes` in pieces of the sizes `pieceSizes` cycles through (never more than asked).
struct PieceSource {
    let bytes: [UInt8]
    var pieceSizes: [Int]
    private(set) var offset = 0
    private var turn = 0
    private(set) var largestRequest = 0

    init(_ bytes: [UInt8], pieceSizes: [Int] = [65_536]) {
        self.bytes = bytes
        self.pieceSizes = pieceSizes
    }

    mutating func read(_ maximumCount: Int) -> [UInt8] {
        largestRequest = max(largestRequest, maximumCount)
        let size = min(maximumCount, pieceSizes[turn % pieceSizes.count], bytes.count - offset)
        turn += 1
        defer { offset += size }
        return Array(bytes[offset..<(offset + size)])
    }
}

struct ReadFailure: Error, Equatable {}

/// `Image(thumbnailReading:fitting:)`: the same thumbnails as from whole bytes, from pieces.
@Suite struct ThumbnailReadingTests {
    @Test(arguments: Corpus.entries { $0.expected == "decode" })
    func piecesGiveTheSameThumbnailAsWholeBytes(_ entry: Corpus.Entry) throws {
        let bytes = try Corpus.bytes(entry.path)
        let box = Size(width: 70, height: 50)
        var source = PieceSource(bytes, pieceSizes: [1000, 3, 65_536, 17])
        let streamed = try Image(thumbnailReading: { source.read($0) }, fitting: box)
        #expect(streamed == (try Image(thumbnailOf: bytes, fitting: box)))
        #expect(source.offset == bytes.count || entry.format == "jpeg")
    }

    @Test(arguments: ["exif-orientation/Portrait_5.jpg", "jpeg-misc/ycck.jpg", "pngsuite/basn6a08.png"])
    func fillingFromPiecesMatchesWholeBytes(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        var source = PieceSource(bytes)
        let streamed = try Image(thumbnailReading: { source.read($0) }, filling: Size(width: 40, height: 30))
        #expect(streamed == (try Image(thumbnailOf: bytes, filling: Size(width: 40, height: 30))))
    }

    @Test func aJPEGIsReadInBoundedPieces() throws {
        // The decoder asks for at most its 64 KiB buffer at a time, never for the whole file.
        let bytes = try Corpus.bytes("exif-orientation/Landscape_1.jpg")
        var source = PieceSource(bytes, pieceSizes: [1 << 30])
        _ = try Image(thumbnailReading: { source.read($0) }, fitting: Size(square: 64))
        #expect(source.largestRequest <= 65_536)
        #expect(source.offset > bytes.count / 2)
    }

    @Test func readErrorsComeThroughAsThrown() throws {
        let bytes = try Corpus.bytes("exif-orientation/Landscape_1.jpg")
        var source = PieceSource(bytes)
        // Failing mid-JPEG: the read's own error, not what libjpeg makes of the missing data.
        #expect(throws: ThumbnailReadingError.reading(ReadFailure())) {
            try Image(
                thumbnailReading: { count throws(ReadFailure) in
                    if source.offset > 100_000 { throw ReadFailure() }
                    return source.read(count)
                }, fitting: Size(square: 64))
        }
        // Failing during the header probe, too.
        #expect(throws: ThumbnailReadingError.reading(ReadFailure())) {
            try Image(thumbnailReading: { _ throws(ReadFailure) in throw ReadFailure() }, fitting: Size(square: 64))
        }
        // And before a PNG is read whole.
        var png = PieceSource(try Corpus.bytes("libjpeg-turbo/testorig.png"), pieceSizes: [4096])
        #expect(throws: ThumbnailReadingError.reading(ReadFailure())) {
            try Image(
                thumbnailReading: { count throws(ReadFailure) in
                    if png.offset >= 4096 { throw ReadFailure() }
                    return png.read(count)
                }, filling: Size(square: 8))
        }
    }

    @Test func aReadThatCannotFailGivesThePlainImagingError() throws {
        var text = PieceSource(Array("hello, not an image".utf8))
        let error = try #require(throws: ThumbnailReadingError<Never>.self) {
            try Image(thumbnailReading: { text.read($0) }, fitting: Size(square: 8))
        }
        #expect(error.imagingError == .unrecognizedFormat(prefix: Array("hello, n".utf8)))
        #expect(error.description == error.imagingError.description)
        let reading = ThumbnailReadingError<ReadFailure>.reading(ReadFailure())
        #expect(reading.description == "Cannot read the image data: ReadFailure().")
    }

    @Test func truncatedAndForeignDataAreTypedErrors() throws {
        var truncated = PieceSource(try Corpus.bytes("generated/truncated_testorig.jpg"))
        #expect(throws: ThumbnailReadingError<Never>.imaging(.truncated(.jpeg, offset: nil))) {
            try Image(thumbnailReading: { truncated.read($0) }, fitting: Size(square: 64))
        }
        var partial = PieceSource(try Corpus.bytes("generated/truncated_testorig.jpg"))
        let image = try Image(
            thumbnailReading: { partial.read($0) }, fitting: Size(square: 64), options: .init(allowTruncated: true))
        #expect(image.size == Size(width: 64, height: 42))
        var text = PieceSource(Array("hello, not an image".utf8))
        #expect(throws: ThumbnailReadingError<Never>.imaging(.unrecognizedFormat(prefix: Array("hello, n".utf8)))) {
            try Image(thumbnailReading: { text.read($0) }, fitting: Size(square: 8))
        }
        #expect(throws: ThumbnailReadingError<Never>.imaging(.unrecognizedFormat(prefix: []))) {
            try Image(thumbnailReading: { _ in [] }, fitting: Size(square: 8))
        }
    }

    @Test func limitsAreCheckedFromTheHeader() throws {
        var source = PieceSource(try Corpus.bytes("exif-orientation/Landscape_1.jpg"))
        #expect(throws: ThumbnailReadingError<Never>.imaging(.tooManyPixels(width: 1800, height: 1200, limit: 1000))) {
            try Image(
                thumbnailReading: { source.read($0) }, fitting: Size(square: 10),
                options: .init(maximumPixelCount: 1000))
        }
    }
}
