// Converting a PNG with transparency to JPEG. JPEG has no alpha channel; Pillow refuses
// ("cannot write mode RGBA as JPEG"). Here the image is flattened onto a background colour.
import Bridge
import Files
import Foundation

let png = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Resources/badge.png").standardized
let upload = try SimpleUploadedFile(name: "badge.png", content: try Data(contentsOf: png), contentType: "image/png")

let image = try Image(file: upload)
print("source: \(upload.name ?? "") \(image.size) \(image.pixelFormat)")

// White is the default background; here a light grey, so the transparent corners show.
let grey = Color(red: 235, green: 235, blue: 235)
let jpeg = try InMemoryUploadedFile(
    image: image, format: .jpeg(quality: 90, background: grey), name: upload.name)
print("result: \(jpeg.name ?? "") \(jpeg.contentType ?? "?") \(jpeg.size ?? 0) bytes")

// The transparent top-left corner is now the background colour (give or take JPEG's rounding).
let flattened = try Image(file: jpeg)
print("top-left pixel: \(flattened.pixels[0...2].map { Int($0) }) (background \(grey))")
