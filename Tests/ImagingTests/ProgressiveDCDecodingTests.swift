import Foundation
import TestSupport
import Testing

@testable import Imaging

/// DC-only decoding of progressive JPEGs at 1/8: the AC scans the 1/8 output never reads are
/// replaced by empty ones (`JPEGDCScanFilter`), and the pixels must be those of the whole file.
@Suite struct ProgressiveDCDecodingTests {
    /// Every progressive JPEG under Tests/Fixtures: the generated set in `progressive/` (every
    /// subsampling, restart intervals, scan scripts, grayscale, CMYK and YCCK; `make.sh` there) and
    /// the progressive files of the corpus and of the hostile inputs.
    static let progressiveFixtures: [String] = {
        let root = Corpus.repositoryRoot.appendingPathComponent("Tests/Fixtures")
        let paths = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        let progressive = paths.filter { path in
            guard path.hasSuffix(".jpg"), let bytes = try? [UInt8](Data(contentsOf: root.appendingPathComponent(path)))
            else { return false }
            return (try? ImageInfo(probing: bytes))?.isProgressive == true
        }
        return Corpus.nonEmpty(progressive.sorted()) { $0 }
    }()

    /// The generated fixtures, each of which has AC scans to replace (all but the arithmetic-coded one).
    static let generatedFixtures: [String] = Corpus.nonEmpty(
        progressiveFixtures.filter { $0.hasPrefix("progressive/") && !$0.contains("arithmetic") }
    ) { $0 }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Corpus.fixture(path)))
    }

    /// A 1/8 decode of `bytes`, as an image or the error it threw.
    static func eighth(
        _ bytes: [UInt8], dropping: Bool, allowTruncated: Bool = false
    ) -> Result<Image, ImagingError> {
        let options = DecodingOptions(allowTruncated: allowTruncated, minimumSize: Size(square: 1))
        return Result { () throws(ImagingError) in
            try JPEGDecoder.decode(bytes.span, options: options, droppingUnreadScans: dropping)
        }
    }

    @Test(arguments: progressiveFixtures)
    func oneEighthIsIdenticalToTheWholeFileDecode(_ path: String) throws {
        let bytes = try Self.bytes(path)
        for allowTruncated in [false, true] {
            let reference = Self.eighth(bytes, dropping: false, allowTruncated: allowTruncated)
            let decoded = Self.eighth(bytes, dropping: true, allowTruncated: allowTruncated)
            #expect(decoded == reference, "\(path), allowTruncated \(allowTruncated)")
        }
    }

    @Test(arguments: generatedFixtures)
    func theGeneratedFilesHaveScansToSkip(_ path: String) throws {
        let bytes = try Self.bytes(path)
        var filter = JPEGDCScanFilter(allowingTruncation: false)
        var kept: [UInt8] = []
        bytes.withUnsafeBufferPointer { filter.process($0, into: &kept) }
        // Tiny files can grow by the two tables a replaced scan carries; the data left out is real.
        #expect(filter.droppedByteCount > bytes.count / 10)
        #expect(!filter.exceededBudget)
        // The reference decode works, so the identity above compares pixels, not two errors.
        #expect((try? Self.eighth(bytes, dropping: false).get()) != nil)
    }

    @Test(arguments: generatedFixtures)
    func streamedInSmallPiecesIsIdenticalToo(_ path: String) throws {
        let bytes = try Self.bytes(path)
        let reference = try Self.eighth(bytes, dropping: false).get()
        for pieceSizes in [[1], [3, 1000, 7], [65_536]] {
            var source = PieceSource(bytes, pieceSizes: pieceSizes)
            let stream = JPEGByteStream<Never>(prefix: [], ended: false) { source.read($0) }
            let options = DecodingOptions(minimumSize: Size(square: 1))
            let streamed = try stream.decode(scale: JPEGScale(numerator: 1, denominator: 8), options: options)
            #expect(streamed == reference, "\(path) in pieces of \(pieceSizes)")
        }
    }

    @Test(arguments: generatedFixtures)
    func theFilterGivesTheSameBytesWhateverThePieces(_ path: String) throws {
        let bytes = try Self.bytes(path)
        var wholeFilter = JPEGDCScanFilter(allowingTruncation: false)
        var whole: [UInt8] = []
        bytes.withUnsafeBufferPointer { wholeFilter.process($0, into: &whole) }
        #expect(wholeFilter.droppedByteCount > 0)
        var filter = JPEGDCScanFilter(allowingTruncation: false)
        var pieces: [UInt8] = []
        for byte in bytes {
            [byte].withUnsafeBufferPointer { filter.process($0, into: &pieces) }
        }
        #expect(pieces == whole)
    }

    @Test func otherScalesAndBaselineFilesAreLeftAlone() throws {
        #expect(JPEGDCScanFilter.applies(to: JPEGScale(numerator: 1, denominator: 8)))
        for factor in JPEGScale.downscalingFactors where factor.numerator * 8 > factor.denominator {
            #expect(!JPEGDCScanFilter.applies(to: factor), "\(factor)")
        }
        for baseline in ["libjpeg-turbo/testorig.jpg", "generated/gray_testorig.jpg", "jpeg-misc/ycck.jpg"] {
            let bytes = try Corpus.bytes(baseline)
            #expect(bytes.withUnsafeBufferPointer { JPEGDCScanFilter.filtered($0, allowingTruncation: false) } == nil)
            // Decided at the frame header: the rest of a baseline file is never filtered.
            var filter = JPEGDCScanFilter(allowingTruncation: false)
            var output: [UInt8] = []
            bytes.withUnsafeBufferPointer { filter.process($0, into: &output) }
            #expect(filter.leavesTheFileAlone, "\(baseline)")
            #expect(output == bytes, "\(baseline)")
        }
        // A scan script that leaves coefficients imprecise turns libjpeg's smoothing on: in memory
        // the whole file is decoded then (damage would show in it differently).
        for incomplete in ["progressive/scans-incomplete-1x1.jpg", "progressive/scans-incomplete-2x2.jpg"] {
            let bytes = try Self.bytes(incomplete)
            #expect(bytes.withUnsafeBufferPointer { JPEGDCScanFilter.filtered($0, allowingTruncation: false) } == nil)
        }
        // Allowing truncation turns the filter off.
        let progressive = try Self.bytes("progressive/default-2x2.jpg")
        #expect(progressive.withUnsafeBufferPointer { JPEGDCScanFilter.filtered($0, allowingTruncation: true) } == nil)
    }

    /// Damaged progressive files: a typed error or an image, and the image of the whole-file decode
    /// whenever that decode gives one.
    @Test(arguments: generatedFixtures)
    func damagedFilesAreSafe(_ path: String) throws {
        let bytes = try Self.bytes(path)
        var random = SplitMix64(seed: path)
        var variants: [[UInt8]] = []
        for fraction in [0.1, 0.3, 0.5, 0.7, 0.9, 0.99] {
            variants.append(Array(bytes[..<Int(Double(bytes.count) * fraction)]))
        }
        for _ in 0..<40 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let offset = Int.random(in: 2..<damaged.count, using: &random)
                damaged[offset] = UInt8.random(in: 0...255, using: &random)
            }
            variants.append(damaged)
        }
        for (index, variant) in variants.enumerated() {
            let decoded = Self.eighth(variant, dropping: true)
            guard case .success(let image) = Self.eighth(variant, dropping: false) else { continue }
            #expect(decoded == .success(image), "\(path) variant \(index)")
        }
    }

    /// A hostile file of empty-looking AC scans over a large frame with a restart interval of one
    /// block: replacing its scans would write 3 bytes a block. The filter refuses to outgrow the file.
    @Test func scansFarShorterThanTheirFrameAreNotExpanded() throws {
        let hostile = Self.shortScansOverALargeFrame(scanCount: 20)
        let replaced = hostile.withUnsafeBufferPointer { JPEGDCScanFilter.filtered($0, allowingTruncation: false) }
        #expect(replaced == nil)
        var filter = JPEGDCScanFilter(allowingTruncation: false)
        var output: [UInt8] = []
        hostile.withUnsafeBufferPointer { filter.process($0, into: &output) }
        #expect(filter.exceededBudget)
        #expect(output.count < 4 * hostile.count + 65_536)
        // In memory the whole file is decoded as before; streamed, a typed error.
        #expect(Self.eighth(hostile, dropping: true) == Self.eighth(hostile, dropping: false))
        var source = PieceSource(hostile)
        let stream = JPEGByteStream<Never>(prefix: [], ended: false) { source.read($0) }
        let error = #expect(throws: ThumbnailReadingError<Never>.self) {
            try stream.decode(
                scale: JPEGScale(numerator: 1, denominator: 8), options: DecodingOptions(minimumSize: Size(square: 1)))
        }
        #expect(error?.imagingError == JPEGDCScanFilter.budgetExceeded)
    }

    /// A fuzzer find: the budget must count the bytes read up to a scan, however they arrive.
    @Test func theBudgetDoesNotDependOnThePieces() throws {
        let bytes = try Self.bytes("hostile/regressions/progressive-short-scans-split.jpg")
        func filtered(pieceSize: Int) -> (output: [UInt8], exceeded: Bool) {
            var filter = JPEGDCScanFilter(allowingTruncation: false)
            var output: [UInt8] = []
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + pieceSize)
                bytes[start..<end].withUnsafeBufferPointer { filter.process($0, into: &output) }
                start = end
            }
            return (output, filter.exceededBudget)
        }
        let whole = filtered(pieceSize: bytes.count)
        #expect(whole.exceeded)
        for pieceSize in [1, 7, 4096] {
            let pieces = filtered(pieceSize: pieceSize)
            #expect(pieces.output == whole.output && pieces.exceeded == whole.exceeded, "pieces of \(pieceSize)")
        }
    }

    /// 2000 × 2000 gray progressive, a DC scan, then `scanCount` AC scans of one byte each.
    static func shortScansOverALargeFrame(scanCount: Int) -> [UInt8] {
        func segment(_ marker: UInt8, _ body: [UInt8]) -> [UInt8] {
            [0xFF, marker, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
        }
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += segment(0xDB, [0x00] + [UInt8](repeating: 1, count: 64))
        bytes += segment(0xC2, [8, 0x07, 0xD0, 0x07, 0xD0, 1, 1, 0x11, 0])
        // DC table 0 and AC table 0: one symbol (0) each, coded "0".
        bytes += segment(0xC4, [0x00, 1] + [UInt8](repeating: 0, count: 15) + [0])
        bytes += segment(0xC4, [0x10, 1] + [UInt8](repeating: 0, count: 15) + [0])
        bytes += segment(0xDD, [0, 1])
        bytes += segment(0xDA, [1, 1, 0x00, 0, 0, 0]) + [0x00]
        for _ in 0..<scanCount {
            bytes += segment(0xDA, [1, 1, 0x00, 1, 63, 0]) + [0x00]
        }
        return bytes + [0xFF, 0xD9]
    }
}
