// The question this library answers: "I have an uploaded image; how do I get a thumbnail of it
// as a file object I can store?" In Django that is BytesIO + save + seek + InMemoryUploadedFile
// with a hand-computed size and content type. Here it is one call.
import Bridge
import Files
import Foundation

// 1. An upload as a web framework hands it over: bytes, a client-chosen name, a claimed type.
//    (Here the bytes come from the sample photo that ships with the repository.)
let photo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Resources/sample.jpg").standardized
let upload = try SimpleUploadedFile(
    name: "../../holiday photo.jpg",  // a hostile path: only the base name is kept
    content: try Data(contentsOf: photo), contentType: "image/jpeg")
print("upload:   \(upload.name ?? "") (\(upload.size ?? 0) bytes, \(upload.contentType ?? "?"))")

// 2. The thumbnail, in memory: decoded already shrunk by the JPEG's DCT, EXIF orientation
//    applied, aspect ratio kept, never upscaled. Size, content type and name are filled in.
let thumbnail = try upload.thumbnail(fitting: Size(square: 256), format: .jpeg(quality: 85))
print("thumb:    \(thumbnail.name ?? "") (\(thumbnail.size ?? 0) bytes, \(thumbnail.contentType ?? "?"))")

// 3. Hand it on through the file API, as a storage backend would: chunk by chunk.
let destination = FileManager.default.temporaryDirectory.appendingPathComponent(thumbnail.name ?? "thumb.jpg")
try FileObject(path: destination.path, mode: .write.binary).use { output in
    var chunks = try thumbnail.chunks()
    while let chunk = try chunks.next() { try output.write(chunk) }
}
let (width, height) = imageDimensions(of: try FileObject(path: destination.path, mode: .read.binary))!
print("written:  \(destination.path) (\(width)×\(height))")
