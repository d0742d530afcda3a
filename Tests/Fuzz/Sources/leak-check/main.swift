// Runs N decode → thumbnail → encode cycles (default 1,000) over small corpus images and
// hostile inputs, so that valgrind (`.ci/sanitize leaks`) can count what the C libraries
// and the Swift layers leave behind on success and on every error path.
//
//   leak-check [CYCLES]          inputs from Tests/Fixtures/corpus and Tests/Fixtures/hostile
import Foundation
import Imaging

let cycles = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 1000
let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let corpus = repository.appendingPathComponent("Tests/Fixtures/corpus")
let hostile = repository.appendingPathComponent("Tests/Fixtures/hostile")

func load(_ url: URL) -> [UInt8]? { FileManager.default.contents(atPath: url.path).map { [UInt8]($0) } }

var inputs: [[UInt8]] = []
for path in [
    "libjpeg-turbo/testorig.jpg", "generated/progressive_testorig.jpg", "generated/gray_testorig.jpg",
    "generated/cmyk_testorig.jpg", "generated/truncated_testorig.jpg", "libjpeg-turbo/testimgari.jpg",
    "libjpeg-turbo/testorig12.jpg", "jpeg-misc/jpg-cmyk-2.jpg", "exif-orientation/Landscape_6.jpg",
    "pngsuite/basn6a08.png", "pngsuite/basi3p02.png", "pngsuite/basn4a16.png", "pngsuite/tbrn2c08.png",
    "pngsuite/xcsn0g01.png", "pngsuite/xdtn0g01.png", "pngsuite/xs1n0g01.png", "libjpeg-turbo/testorig.png",
] {
    if let bytes = load(corpus.appendingPathComponent(path)) { inputs.append(bytes) }
}
for directory in ["bombs", "exif"] {
    let url = hostile.appendingPathComponent(directory)
    // The IDAT inflation bombs cost ~0.2 s each natively (see .ci/bombs), 50 times that under
    // valgrind; their error paths are the same as the other PNG inputs'.
    for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path).sorted()) ?? []
    where !name.contains("idat-inflates") {
        if let bytes = load(url.appendingPathComponent(name)) { inputs.append(bytes) }
    }
}
guard inputs.count > 20 else {
    FileHandle.standardError.write(Data("corpus not found at \(corpus.path)\n".utf8))
    exit(2)
}
// Truncated and garbage inputs: every error path of both decoders.
let base = inputs[0]
inputs += [[], [0xFF, 0xD8, 0xFF], Array(base.prefix(700)), Array(base.prefix(base.count / 2))]
inputs.append(Array(inputs[9].prefix(100)))

var decoded = 0
var failed = 0
for cycle in 0..<cycles {
    let bytes = inputs[cycle % inputs.count]
    do {
        let image = try Image(decoding: bytes, options: DecodingOptions(maximumPixelCount: 4_000_000))
        let thumbnail = try image.thumbnail(fitting: Size(width: 64, height: 48))
        let encoded = try thumbnail.encoded(as: cycle % 2 == 0 ? .jpeg(quality: 80) : .png())
        _ = try ImageInfo(probing: encoded)
        _ = try Image(thumbnailOf: bytes, fitting: Size(square: 32), filter: .lanczos)
        decoded += 1
    } catch {
        failed += 1
    }
}
print("\(cycles) cycles: \(decoded) decoded and re-encoded, \(failed) rejected")
