import Foundation
import Imaging
import TestSupport
import Testing

/// `Size.thumbnailSize(fitting:)` against Pillow's `Image.thumbnail`, case by case.
@Suite("Thumbnail size rule")
struct ThumbnailSizeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var image: Size
        var box: Size
        var expected: Size
        var testDescription: String { "\(image) into \(box) → \(expected)" }
    }

    /// Every row of `thumbnail_sizes.tsv` (made by `make_thumbnail_sizes.py` with Pillow 13).
    static let pillowCases: [Case] = {
        let url = Corpus.fixture("imaging/thumbnail_sizes.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let cases = text.split(separator: "\n").dropFirst().compactMap { line -> Case? in
            let v = line.split(separator: "\t").compactMap { Int($0) }
            guard v.count == 6 else { return nil }
            return Case(
                image: Size(width: v[0], height: v[1]), box: Size(width: v[2], height: v[3]),
                expected: Size(width: v[4], height: v[5]))
        }
        // An impossible row when the fixture is missing: a 1×1 image never thumbnails to 0×0.
        return Corpus.nonEmpty(cases) { _ in
            Case(image: Size(width: 1, height: 1), box: Size(width: 1, height: 1), expected: Size(width: 0, height: 0))
        }
    }()

    @Test func fixtureIsLoaded() {
        #expect(Self.pillowCases.count == 400)
    }

    @Test("Pillow's thumbnail size", arguments: pillowCases)
    func matchesPillow(_ item: Case) {
        #expect(item.image.thumbnailSize(fitting: item.box) == item.expected)
    }

    // One test per rounding rule, each with the value Pillow gives.

    @Test func keepsTheHeightWhenTheBoxIsRelativelyWider() {
        #expect(
            Size(width: 4000, height: 3000).thumbnailSize(fitting: Size(square: 128)) == Size(width: 128, height: 96))
        #expect(
            Size(width: 300, height: 200).thumbnailSize(fitting: Size(width: 1000, height: 50))
                == Size(width: 75, height: 50))
    }

    @Test("Rounds up when the ceiling keeps the aspect closer (Pillow #4256)")
    func roundsUpToTheCloserAspect() {
        // 33 / 1.58 = 20.6: truncation would give 20, the closer aspect is 21.
        #expect(Size(width: 256, height: 162).thumbnailSize(fitting: Size(square: 33)) == Size(width: 33, height: 21))
    }

    @Test("Rounds down when the floor keeps the aspect closer (Pillow #4404)")
    func roundsDownToTheCloserAspect() {
        // 50 × 100/145 = 34.48: 34/50 is closer to 0.6897 than 35/50.
        #expect(Size(width: 100, height: 145).thumbnailSize(fitting: Size(square: 50)) == Size(width: 34, height: 50))
    }

    @Test func neverGoesBelowOnePixel() {
        #expect(Size(width: 1, height: 1000).thumbnailSize(fitting: Size(square: 10)) == Size(width: 1, height: 10))
        #expect(Size(width: 2000, height: 3).thumbnailSize(fitting: Size(square: 1)) == Size(width: 1, height: 1))
    }

    @Test func neverUpscales() {
        #expect(Size(width: 64, height: 48).thumbnailSize(fitting: Size(square: 128)) == Size(width: 64, height: 48))
        #expect(Size(width: 128, height: 128).thumbnailSize(fitting: Size(square: 128)) == Size(square: 128))
    }

    @Test func shrinksWhenOnlyOneSideIsTooLarge() {
        #expect(
            Size(width: 129, height: 128).thumbnailSize(fitting: Size(square: 128)) == Size(width: 128, height: 127))
    }
}
