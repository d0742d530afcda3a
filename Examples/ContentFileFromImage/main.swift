// Making a file object from an image you built or changed in memory, e.g. to save it
// through a storage backend: ContentFile(image:format:name:) encodes it and fills in the size.
import Bridge
import Files

// 1. An image made in memory: a 64×64 RGB gradient. Rows are stored top to bottom,
//    three samples (red, green, blue) per pixel, no padding.
let side = 64
var samples: [UInt8] = []
for y in 0..<side {
    for x in 0..<side {
        samples += [UInt8(x * 4), UInt8(y * 4), 160]
    }
}
let image = try Image(width: side, height: side, pixelFormat: .rgb, pixels: samples)

// 2. Encoded into a ContentFile. The name gets the format's extension ("gradient" → "gradient.png"),
//    and size is the encoded byte count: nothing to compute by hand.
let file = try ContentFile(image: image, format: .png(compressionLevel: 9), name: "charts/gradient")
print("\(file.name ?? "") is \(file.size ?? 0) bytes")

// 3. It reads like any other File, from the start, and decodes back to the same pixels (PNG is lossless).
let decoded = try Image(file: file)
print("round trip is lossless: \(decoded == image)")

// 4. The same image as a JPEG upload, e.g. to hand to code that expects an UploadedFile.
let upload = try InMemoryUploadedFile(image: image, format: .jpeg(quality: 90), name: "gradient.png")
print("\(upload.name ?? "") is \(upload.contentType ?? "?"), \(upload.size ?? 0) bytes")
