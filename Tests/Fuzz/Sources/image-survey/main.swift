// Probes, decodes and thumbnails each file named with the library's default options and prints
// one tab-separated line per file:
//   <path> \t probe=<format WxH orientation|error> \t decode=<WxH|error> \t thumbnail=<WxH|error>
// An error is written `error:<case>: <description>`. `Tests/Fuzz/compare-with-pillow.py` runs it
// once per file (so a crash is that file's) and compares the lines with what Pillow does.
import Foundation
import Imaging

let paths = CommandLine.arguments.dropFirst()
guard !paths.isEmpty else {
    FileHandle.standardError.write(Data("usage: image-survey FILE...\n".utf8))
    exit(2)
}
for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(2)
    }
    let bytes = [UInt8](data)
    let probe = outcome { () throws(ImagingError) in
        let info = try ImageInfo(probing: bytes)
        return "\(info.format) \(info.width)x\(info.height) \(info.orientation)"
    }
    let decode = outcome { () throws(ImagingError) in
        let image = try Image(decoding: bytes)
        return "\(image.width)x\(image.height)"
    }
    let thumbnail = outcome { () throws(ImagingError) in
        let image = try Image(thumbnailOf: bytes, fitting: Size(square: 128))
        return "\(image.width)x\(image.height)"
    }
    print([path, "probe=" + probe, "decode=" + decode, "thumbnail=" + thumbnail].joined(separator: "\t"))
}

/// The result of `body`, or the error's case name and one-line description.
func outcome(_ body: () throws(ImagingError) -> String) -> String {
    do {
        return try body()
    } catch {
        // Every case has associated values, so the reflected child's label is the case name.
        let name = Mirror(reflecting: error).children.first?.label ?? "unknown"
        let sentence = error.description.replacingOccurrences(of: "\t", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
        return "error:\(name): \(sentence)"
    }
}
