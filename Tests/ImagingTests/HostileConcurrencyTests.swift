import Imaging
import TestSupport
import Testing

/// 1,000 thumbnails made concurrently from a task group are byte-identical to the same
/// thumbnails made one after another (Documentation/Hostile-Input.md): no shared codec or resampler state.
@Suite struct HostileConcurrencyTests {
    static let sources = [
        "libjpeg-turbo/testorig.jpg", "generated/progressive_testorig.jpg", "generated/gray_testorig.jpg",
        "jpeg-misc/jpg-cmyk-1.jpg", "jpeg-misc/jpg-progressive.jpg", "libjpeg-turbo/testimgari.jpg",
        "pngsuite/basn6a08.png", "pngsuite/basi3p02.png", "pngsuite/basn4a16.png", "pngsuite/tbrn2c08.png",
        "pngsuite/basn0g01.png", "pngsuite/s39i3p04.png", "pngsuite/basi2c16.png", "libjpeg-turbo/testorig.png",
    ]

    /// One thumbnail job: which image, which box, filter and output format.
    struct Job: Sendable {
        var source: Int
        var box: Size
        var fills: Bool
        var filter: ResamplingFilter
        var encoding: ImageEncoding

        init(_ index: Int) {
            let boxes = [Size(square: 16), Size(width: 40, height: 12), Size(width: 7, height: 33), Size(square: 64)]
            source = index % HostileConcurrencyTests.sources.count
            box = boxes[index / 7 % boxes.count]
            fills = index % 5 == 0
            filter = ResamplingFilter.allCases[index / 3 % ResamplingFilter.allCases.count]
            encoding = index % 2 == 0 ? .jpeg(quality: 60 + index % 40) : .png(compressionLevel: index % 10)
        }

        func run(on bytes: [UInt8]) throws -> [UInt8] {
            let thumbnail =
                fills
                ? try Image(thumbnailOf: bytes, filling: box, filter: filter)
                : try Image(thumbnailOf: bytes, fitting: box, filter: filter)
            return try thumbnail.encoded(as: encoding)
        }
    }

    @Test func thousandConcurrentThumbnailsMatchSequentialOnes() async throws {
        let inputs = try Self.sources.map { try Corpus.bytes($0) }
        let jobs = (0..<1_000).map(Job.init)
        let sequential = try jobs.map { try $0.run(on: inputs[$0.source]) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for (index, job) in jobs.enumerated() {
                group.addTask { (index, try job.run(on: inputs[job.source])) }
            }
            var results = [[UInt8]](repeating: [], count: jobs.count)
            for try await (index, encoded) in group { results[index] = encoded }
            return results
        }
        #expect(Set(sequential.map(\.count)).count > 10)  // the jobs really differ
        for index in jobs.indices where concurrent[index] != sequential[index] {
            Issue.record("job \(index) (\(Self.sources[jobs[index].source])) differs when run concurrently")
        }
    }
}
