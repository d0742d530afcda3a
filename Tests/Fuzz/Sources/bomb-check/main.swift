// Decodes one file with the library's default options and prints one line:
//   outcome=rejected|decoded ms=<time of the decode call> detail=<error or size>
// `.ci/bombs` runs it once per hostile input under /usr/bin/time -v, so that the peak
// memory it reads is that one input's. `--baseline` reads and decodes nothing.
import Foundation
import Imaging

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: bomb-check FILE | --baseline\n".utf8))
    exit(2)
}
if path == "--baseline" {
    print("outcome=none ms=0 detail=baseline")
    exit(0)
}
guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
    exit(2)
}
let bytes = [UInt8](data)
let clock = ContinuousClock()
let start = clock.now
let outcome: String
do {
    let image = try Image(decoding: bytes)
    outcome = "outcome=decoded ms=\(milliseconds(clock.now - start)) detail=\(image.width)x\(image.height)"
} catch {
    outcome = "outcome=rejected ms=\(milliseconds(clock.now - start)) detail=\(error)"
}
print(outcome)

func milliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return String(format: "%.2f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
}
