// Probes, decodes and thumbnails each file named with the library's default options and prints
// one tab-separated line per file:
//   <path> \t probe=<format WxH orientation|error> \t decode=<WxH|error> \t thumbnail=<WxH|error>
//          \t streamed=<WxH|error>
// (`thumbnail` from the bytes in memory, `streamed` from `Image(thumbnailReading:)` in 4 KiB pieces).
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
    let probe = outcome {
        let info = try ImageInfo(probing: bytes)
        return "\(info.format) \(info.width)x\(info.height) \(info.orientation)"
    }
    let decode = outcome {
        let image = try Image(decoding: bytes)
        return "\(image.width)x\(image.height)"
    }
    let thumbnail = outcome {
        let image = try Image(thumbnailOf: bytes, fitting: Size(square: 128))
        return "\(image.width)x\(image.height)"
    }
    let streamed = outcome { () throws -> String in
        var remaining = bytes[...]
        let read = { (count: Int) -> [UInt8] in
            defer { remaining = remaining.dropFirst(min(count, 4096)) }
            return Array(remaining.prefix(min(count, 4096)))
        }
        let image: Image
        do throws(ThumbnailReadingError<Never>) {
            image = try Image(thumbnailReading: read, fitting: Size(square: 128))
        } catch {
            // `read` cannot fail, so this is an ImagingError, reported like the other columns'.
            throw error.imagingError
        }
        return "\(image.width)x\(image.height)"
    }
    let fields = ["probe=" + probe, "decode=" + decode, "thumbnail=" + thumbnail, "streamed=" + streamed]
    print(([path] + fields).joined(separator: "\t"))
}

/// The result of `body`, or the error's case name and one-line description.
func outcome(_ body: () throws -> String) -> String {
    do {
        return try body()
    } catch {
        // Every ImagingError case has associated values, so the reflected child's label is its name.
        let name =
            error is ImagingError ? Mirror(reflecting: error).children.first?.label ?? "unknown" : "\(type(of: error))"
        let sentence = "\(error)".replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        return "error:\(name): \(sentence)"
    }
}
