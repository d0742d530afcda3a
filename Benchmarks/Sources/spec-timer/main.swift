// Times eager generation of image specs (Documentation/Performance.md, "Image specs") in-process, for Benchmarks/specs.sh:
// the three specs of a set from one decode, against the largest spec alone, against the one-call
// thumbnail of the largest size, and against three one-call thumbnails (three decodes). Each round saves the source into a fresh InMemoryStorage (not
// timed) and times VariantGenerator.generate; the rounds alternate the cases.
//
//     spec-timer PHOTO.jpg [ROUNDS]
//
// Prints one line per case: `<case> <median seconds> <min seconds> <decodes per call>`.
import Bridge
import Files
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2, let bytes = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: spec-timer PHOTO.jpg [ROUNDS]\n".utf8))
    exit(2)
}
let rounds = arguments.count >= 3 ? max(1, Int(arguments[2]) ?? 7) : 7

let small = try ImageSpec("small", fitting: Size(square: 256), format: .jpeg(quality: 85))
let avatar = try ImageSpec("avatar", filling: Size(square: 128), format: .jpeg(quality: 85))
let large = try ImageSpec("large", fitting: Size(square: 1024), format: .jpeg(quality: 85))

struct Case {
    var name: String
    /// One timed call: how long it took and how many decodes it did.
    var run: (Data) async throws -> (elapsed: Duration, decodes: Int)
}

/// Generates `specs` for a source saved beforehand; returns the generator's decode count.
func generating(_ specs: [ImageSpec]) -> (Data) async throws -> (elapsed: Duration, decodes: Int) {
    { bytes in
        let storage = InMemoryStorage()
        let source = try await storage.save("photo.jpg", content: ContentFile(bytes), maxLength: nil)
        let generator = VariantGenerator(storage: storage)
        let start = ContinuousClock.now
        _ = try await generator.generate(specs, for: source)
        let elapsed = ContinuousClock.now - start
        return (elapsed, await generator.statistics.decodes)
    }
}

let cases = [
    Case(name: "three-specs", run: generating([small, avatar, large])),
    Case(name: "largest-alone", run: generating([large])),
    Case(name: "one-call-1024") { bytes in
        let file = ContentFile(bytes, name: "photo.jpg")
        let start = ContinuousClock.now
        _ = try file.thumbnail(fitting: Size(square: 1024), format: .jpeg(quality: 85))
        return (ContinuousClock.now - start, 1)
    },
    // What the one decode saves: the same three sizes as three one-call thumbnails.
    Case(name: "three-one-calls") { bytes in
        let file = ContentFile(bytes, name: "photo.jpg")
        let start = ContinuousClock.now
        _ = try file.thumbnail(fitting: Size(square: 256), format: .jpeg(quality: 85))
        _ = try file.thumbnail(filling: Size(square: 128), format: .jpeg(quality: 85))
        _ = try file.thumbnail(fitting: Size(square: 1024), format: .jpeg(quality: 85))
        return (ContinuousClock.now - start, 3)
    },
]

var seconds = [[Double]](repeating: [], count: cases.count)
var decodes = [Int](repeating: 0, count: cases.count)
// One warm-up round, then `rounds` counted, the order rotating each round.
for round in 0...rounds {
    for offset in cases.indices {
        let index = (offset + round) % cases.count
        let (duration, count) = try await cases[index].run(bytes)
        decodes[index] = count
        let elapsed = duration.components
        if round > 0 { seconds[index].append(Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18) }
    }
}
for (index, item) in cases.enumerated() {
    let sorted = seconds[index].sorted()
    print(item.name, String(format: "%.4f %.4f", sorted[sorted.count / 2], sorted[0]), decodes[index])
}
