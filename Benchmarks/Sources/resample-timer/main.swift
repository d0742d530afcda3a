// usage: resample-timer IMAGE RUNS [FILTER]
//
// Decodes IMAGE (the 3000×2000 RGB PNG that compare.py makes), then times RUNS resizes to
// 256 pixels wide with FILTER (lanczos by default) and a full convolution (no reducing gap),
// as Pillow's `Image.resize` does, after one untimed warm-up. Prints the median in seconds.
import Foundation
import Imaging

let arguments = CommandLine.arguments
guard arguments.count >= 3, let runs = Int(arguments[2]), runs > 0 else {
    FileHandle.standardError.write(Data("usage: resample-timer IMAGE RUNS [FILTER]\n".utf8))
    exit(2)
}
let filterName = arguments.count > 3 ? arguments[3] : "lanczos"
guard let filter = ResamplingFilter.allCases.first(where: { "\($0)" == filterName }) else {
    FileHandle.standardError.write(Data("unknown filter \(filterName)\n".utf8))
    exit(2)
}

do {
    let image = try Image(decoding: [UInt8](try Data(contentsOf: URL(fileURLWithPath: arguments[1]))))
    let width = 256
    let target = Size(width: width, height: max(1, (image.height * width + image.width / 2) / image.width))
    let clock = ContinuousClock()
    var seconds: [Double] = []
    for run in 0...runs {
        let elapsed = try clock.measure { _ = try image.resized(to: target, filter: filter) }
        if run > 0 {
            seconds.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
        }
    }
    seconds.sort()
    let median =
        seconds.count % 2 == 1
        ? seconds[seconds.count / 2] : (seconds[seconds.count / 2 - 1] + seconds[seconds.count / 2]) / 2
    print(median, "\(image.size) → \(target) \(filter)")
} catch {
    FileHandle.standardError.write(Data("resample-timer: \(error)\n".utf8))
    exit(1)
}
