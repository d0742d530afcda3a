import Imaging
import TestSupport
import Testing

/// Decoding and encoding from many tasks at once: each call owns its codec state.
@Suite struct ConcurrencyTests {
    @Test func parallelDecodeAndEncodeAgreeWithSerial() async throws {
        let paths = [
            "libjpeg-turbo/testorig.jpg", "jpeg-misc/jpg-cmyk-2.jpg", "pngsuite/basi6a08.png",
            "generated/progressive_testorig.jpg", "pngsuite/basn3p04.png", "jpeg-misc/ycck.jpg",
        ]
        let inputs = try paths.map { try Corpus.bytes($0) }
        let serial = try inputs.map { try Image(decoding: $0).encoded(as: .png()) }
        let parallel = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for round in 0..<4 {
                for (index, bytes) in inputs.enumerated() {
                    group.addTask {
                        let image = try Image(decoding: bytes)
                        _ = try image.encoded(as: .jpeg(quality: 50 + round))
                        return (index, try image.encoded(as: .png()))
                    }
                }
            }
            var results: [(Int, [UInt8])] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(parallel.count == 4 * inputs.count)
        for (index, encoded) in parallel {
            #expect(encoded == serial[index], "\(paths[index])")
        }
    }
}
