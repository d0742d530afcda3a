import Foundation
import TestSupport
import Testing

@testable import Imaging

/// Progressive JPEGs at 1/8 rewritten as baseline files (`JPEGEighthScaleRewriter`): the DC values
/// (and the AC coefficients of the components libjpeg scales up by IDCT) in one baseline scan,
/// decoded by libjpeg without its whole-image coefficient buffer. The pixels must be the whole file's.
@Suite struct ProgressiveBaselineRewriteTests {
    typealias Fixtures = ProgressiveDCDecodingTests

    /// The generated files the rewrite declines, and why: libjpeg smooths their blocks, or they are
    /// arithmetic-coded.
    static let declined: [String: String] = [
        "progressive/scans-incomplete-1x1.jpg": "libjpeg's block smoothing would run on its scan script",
        "progressive/scans-incomplete-2x2.jpg": "libjpeg's block smoothing would run on its scan script",
        "progressive/arithmetic-2x2.jpg": "it has a marker 0xca the rewrite does not take",
    ]

    /// The generated fixtures the rewrite must take.
    static let rewritable: [String] = Corpus.nonEmpty(
        Fixtures.progressiveFixtures.filter { $0.hasPrefix("progressive/") && declined[$0] == nil }
    ) { $0 }

    static let eighthScale = DecodingOptions(appliesOrientation: false, minimumSize: Size(square: 1))

    static func decode(_ bytes: [UInt8]) -> Result<Image, ImagingError> {
        Result { () throws(ImagingError) in
            try JPEGDecoder.decode(bytes.span, options: eighthScale, droppingUnreadScans: false)
        }
    }

    /// Why the rewrite declines `bytes`, or `nil` when it takes them.
    static func refusal(_ bytes: [UInt8]) -> JPEGRewriteRefusal? {
        bytes.withUnsafeBufferPointer { data in
            do throws(JPEGRewriteRefusal) {
                _ = try JPEGEighthScaleRewriter.rewrite(data)
                return nil
            } catch {
                return error
            }
        }
    }

    /// Every progressive file of the fixtures (corpus, hostile inputs, generated set): rewritten or
    /// not, and when rewritten, the baseline file decodes to the whole file's image at 1/8.
    @Test(arguments: Fixtures.progressiveFixtures)
    func theBaselineFileDecodesToTheWholeFilesImage(_ path: String) throws {
        let bytes = try Fixtures.bytes(path)
        let rewritten = bytes.withUnsafeBufferPointer { JPEGEighthScaleRewriter.baseline(of: $0) }
        guard let rewritten else { return }
        let reference = Self.decode(bytes)
        #expect(Self.decode(rewritten) == reference, "\(path)")
        #expect((try? reference.get()) != nil, "\(path): the rewrite took a file libjpeg rejects")
    }

    /// The path of `FileObject.thumbnail` and `Image(thumbnailReading:)`: the file read in pieces through
    /// the scan filter, then rewritten (or, declined, decoded as filtered). The image of the
    /// streamed decode before the rewrite, which is the whole file's but for one known case: damage
    /// in a file libjpeg smooths (Documentation/Imaging.md), which the rewrite declines.
    @Test(arguments: Fixtures.progressiveFixtures)
    func theStreamedPathGivesTheWholeFilesImage(_ path: String) throws {
        let bytes = try Fixtures.bytes(path)
        guard case .success(let reference) = Self.decode(bytes) else { return }
        func pieces() -> (Int) -> [UInt8] {
            var offset = 0
            return { count in
                let end = min(bytes.count, offset + min(count, 1000))
                defer { offset = end }
                return Array(bytes[offset..<end])
            }
        }
        let eighth = JPEGScale(numerator: 1, denominator: 8)
        var source = StreamedImage<Never>(read: pieces())
        let info = try source.probe()
        let decoded = try source.decodeJPEG(scale: eighth, options: Self.eighthScale, info: info)
        var before = try JPEGByteStream<Never>(prefix: [], ended: false, read: pieces())
            .decode(scale: eighth, options: Self.eighthScale)
        before.iccProfile = info.iccProfile?.kept(for: before.pixelFormat)
        #expect(decoded == before, "\(path)")
        if path != "hostile/regressions/progressive-damaged-restarts-incomplete-scans.jpg" {
            #expect(decoded == reference, "\(path)")
        }
    }

    @Test(arguments: rewritable)
    func theGeneratedFilesAreRewritten(_ path: String) throws {
        let bytes = try Fixtures.bytes(path)
        let result = bytes.withUnsafeBufferPointer { data in
            Result { () throws(JPEGRewriteRefusal) in try JPEGEighthScaleRewriter.rewrite(data) }
        }
        let rewritten = try result.get()
        // One baseline frame, one scan.
        #expect(rewritten.starts(with: [0xFF, 0xD8]))
        #expect(Self.markers(rewritten).filter { $0 == 0xC0 }.count == 1)
        #expect(Self.markers(rewritten).filter { $0 == 0xDA }.count == 1)
        #expect(!Self.markers(rewritten).contains(0xC2))
        #expect(Self.decode(rewritten) == Self.decode(bytes))
    }

    @Test(arguments: declined.keys.sorted())
    func filesLibjpegSmoothsOrCodesArithmeticallyAreDeclined(_ path: String) throws {
        let bytes = try Fixtures.bytes(path)
        #expect(Self.refusal(bytes) == JPEGRewriteRefusal(Self.declined[path]!))
        // The decoder still gives the whole file's image through the scan filter or the whole file.
        #expect(Fixtures.eighth(bytes, dropping: true) == Fixtures.eighth(bytes, dropping: false))
    }

    /// A 4:2:0 photo-like file: the luma reduced to its DC values, the chroma kept whole, so the
    /// baseline file is smaller than the progressive one.
    @Test func theBaselineFileIsSmall() throws {
        for path in ["progressive/default-2x2.jpg", "progressive/default-1x1.jpg", "progressive/gray-default.jpg"] {
            let bytes = try Fixtures.bytes(path)
            let rewritten = try #require(bytes.withUnsafeBufferPointer { JPEGEighthScaleRewriter.baseline(of: $0) })
            #expect(rewritten.count < bytes.count, "\(path): \(rewritten.count) of \(bytes.count)")
        }
    }

    /// The AC table of the rewrite codes every run/size symbol a baseline block up to size 10 needs.
    @Test func theACTableCodesEverySymbol() {
        var expected: Set<UInt8> = [0x00, 0xF0]
        for run in 0..<16 { for size in 1...10 { expected.insert(UInt8(run << 4 | size)) } }
        let table = JPEGEighthScaleRewriter.acTable
        #expect(Set(table.symbols) == expected)
        #expect(table.symbols.count == expected.count)
        #expect(Set(table.codes().keys) == expected)
    }

    /// 2000 × 2000 with a few hundred bytes of scans: declined before its DC values are allocated.
    @Test func aFrameLargerThanItsDataIsDeclinedBeforeAllocating() {
        let hostile = Fixtures.shortScansOverALargeFrame(scanCount: 20)
        #expect(Self.refusal(hostile) == JPEGRewriteRefusal("its frame is larger than its data"))
    }

    /// Scans are bounded: many empty AC scans would each cost a pass over a component's blocks.
    @Test func tooManyScansAreDeclined() throws {
        let count = JPEGEighthScaleRewriter.maximumScanCount
        let within = Self.grayFile(acScanCount: count - 1)
        let beyond = Self.grayFile(acScanCount: count)
        #expect(Self.refusal(within) == nil)
        #expect(Self.refusal(beyond) == JPEGRewriteRefusal("it has too many scans"))
        let rewritten = try #require(within.withUnsafeBufferPointer { JPEGEighthScaleRewriter.baseline(of: $0) })
        #expect(Self.decode(rewritten) == Self.decode(within))
    }

    /// Damage anywhere in a rewritable file: the rewrite declines, or its image is the whole file's
    /// whenever the whole file decodes (the decoder-level check is in ProgressiveDCDecodingTests).
    @Test(arguments: rewritable)
    func damagedFilesAreDeclinedOrIdentical(_ path: String) throws {
        let bytes = try Fixtures.bytes(path)
        var random = SplitMix64(seed: "rewrite " + path)
        for _ in 0..<60 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let offset = Int.random(in: 2..<damaged.count, using: &random)
                damaged[offset] = UInt8.random(in: 0...255, using: &random)
            }
            guard let rewritten = damaged.withUnsafeBufferPointer({ JPEGEighthScaleRewriter.baseline(of: $0) }),
                case .success(let whole) = Self.decode(damaged)
            else { continue }
            #expect(Self.decode(rewritten) == .success(whole), "\(path)")
        }
    }

    /// 16 × 16 gray progressive: a DC scan, then `acScanCount` complete AC scans of zeros (an
    /// end-of-band run covering all 4 blocks).
    static func grayFile(acScanCount: Int) -> [UInt8] {
        func segment(_ marker: UInt8, _ body: [UInt8]) -> [UInt8] {
            [0xFF, marker, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
        }
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += segment(0xDB, [0x00] + [UInt8](repeating: 1, count: 64))
        bytes += segment(0xC2, [8, 0, 16, 0, 16, 1, 1, 0x11, 0])
        // DC table 0: symbol 0 coded "0". AC table 0: EOB run class 2 (symbol 0x20) coded "0".
        bytes += segment(0xC4, [0x00, 1] + [UInt8](repeating: 0, count: 15) + [0])
        bytes += segment(0xC4, [0x10, 1] + [UInt8](repeating: 0, count: 15) + [0x20])
        bytes += segment(0xDA, [1, 1, 0x00, 0, 0, 0]) + [0x0F]
        // The run of 4 blocks: "0" then the 2 extra bits 00.
        for _ in 0..<acScanCount {
            bytes += segment(0xDA, [1, 1, 0x00, 1, 63, 0]) + [0x1F]
        }
        return bytes + [0xFF, 0xD9]
    }

    /// The marker codes of `bytes`' segments up to the first scan's data, and the scans after.
    static func markers(_ bytes: [UInt8]) -> [UInt8] {
        var markers: [UInt8] = []
        var at = 2
        while at + 4 <= bytes.count, bytes[at] == 0xFF {
            let marker = bytes[at + 1]
            markers.append(marker)
            if marker == 0xD9 { break }
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            at += 2 + length
            if marker == 0xDA {
                guard let end = bytes.withUnsafeBufferPointer({ JPEGEntropyReader.endOfScan($0, from: at) }) else {
                    break
                }
                at = end
            }
        }
        return markers
    }
}
