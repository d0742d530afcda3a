import Imaging
import TestSupport
import Testing

/// Our decodes against Pillow's, from fixtures made once by `make_references.py`.
@Suite struct PillowReferenceTests {
    struct PNGReference: Sendable, CustomStringConvertible {
        var path: String
        var width: Int
        var height: Int
        var pixelFormat: String
        var hash: String
        var description: String { path }
    }

    struct JPEGReference: Sendable, CustomStringConvertible {
        var path: String
        var width: Int
        var height: Int
        var block: Int
        var means: [Double]
        var description: String { path }
    }

    static let pngReferences = Corpus.nonEmpty(
        fixtureRows("png-references.tsv").compactMap { row -> PNGReference? in
            guard row.count == 5, let width = Int(row[1]), let height = Int(row[2]) else { return nil }
            return PNGReference(path: row[0], width: width, height: height, pixelFormat: row[3], hash: row[4])
        }
    ) { PNGReference(path: $0, width: 0, height: 0, pixelFormat: "", hash: "") }

    static let jpegReferences = Corpus.nonEmpty(
        fixtureRows("jpeg-block-means.tsv").compactMap { row -> JPEGReference? in
            guard row.count == 5, let width = Int(row[1]), let height = Int(row[2]), let block = Int(row[3]) else {
                return nil
            }
            return JPEGReference(
                path: row[0], width: width, height: height, block: block,
                means: row[4].split(separator: ",").compactMap { Double($0) })
        }
    ) { JPEGReference(path: $0, width: 0, height: 0, block: 0, means: []) }

    @Test func fixturesArePresent() {
        #expect(Self.pngReferences.count == 164)
        #expect(Self.jpegReferences.count == 7)
    }

    /// Every valid PngSuite image (and the corpus' other PNGs) equals Pillow's decode exactly,
    /// gamma files included: like Pillow, we ignore gAMA.
    @Test(arguments: pngReferences)
    func pngPixelsEqualPillow(_ reference: PNGReference) throws {
        let image = try Image(decoding: Corpus.bytes(reference.path))
        #expect(image.width == reference.width)
        #expect(image.height == reference.height)
        #expect(image.pixelFormat.fixtureName == reference.pixelFormat)
        #expect(fnv1a64(image.pixels) == reference.hash)
    }

    /// CMYK, YCCK, gray and YCbCr JPEGs have Pillow's colours (tile means within 1.5 levels).
    @Test(arguments: jpegReferences)
    func jpegColoursMatchPillow(_ reference: JPEGReference) throws {
        let image = try Image(decoding: Corpus.bytes(reference.path), options: .init(appliesOrientation: false))
        #expect(image.width == reference.width)
        #expect(image.height == reference.height)
        let means = blockMeans(image, block: reference.block)
        try #require(means.count == reference.means.count)
        let worst = zip(means, reference.means).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1.5, "largest tile mean difference \(worst)")
    }
}
