// Reading the dimensions of an upload without decoding it: Django's get_image_dimensions.
// Only the header is read (1 KiB first, more if needed), and the file's position is restored.
import Bridge
import Files
import Foundation

let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Resources").standardized

for name in ["sample.jpg", "badge.png", "README.md"] {
    // A disk file, opened the way a storage backend opens one.
    let file = try FileObject(path: resources.appendingPathComponent(name).path, mode: .read.binary)
    defer { try? file.close() }

    // nil for anything that is not a recognised image, like Django's (None, None).
    guard let (width, height) = imageDimensions(of: file) else {
        print("\(name): not an image")
        continue
    }
    // imageInfo() says more, still from the header alone; it throws instead of returning nil.
    let info = try file.imageInfo()
    print(
        "\(name): \(width)×\(height) as displayed, \(info.format), stored \(info.size), orientation \(info.orientation)"
    )
}

// ImageFile caches the dimensions for the object's lifetime, like Django's ImageFile.
let image = try ImageFile(path: resources.appendingPathComponent("sample.jpg").path, mode: .read.binary)
print("ImageFile: width \(image.width ?? 0), height \(image.height ?? 0)")
try image.close()
