import Bridge
import Files
import Foundation
import TestSupport
import Testing

/// The seed's last step: a thumbnail saved to a storage in one call.
@Suite("Saving thumbnails to a storage")
struct ThumbnailStorageTests {
    /// A fresh directory, removed afterwards by the caller.
    private static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "/bridge-storage-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Saves a 64-px thumbnail of a JPEG upload named `x.jpg`, then a second one, and checks what comes back.
    private func saveThumbnail(into storage: any FileStorage) async throws {
        let upload = try upload("libjpeg-turbo/testorig.jpg", name: "x.jpg")
        let name = try await storage.save(upload.thumbnail(fitting: Size(square: 64)))
        #expect(name == "x.jpg")
        let stored = try await storage.open(name)
        defer { try? stored.close() }
        let image = try Image(decoding: stored.read())
        #expect(image.size == Size(width: 64, height: 42))
        #expect(try await storage.size(name) > 0)
        let second = try await storage.save(upload.thumbnail(fitting: Size(square: 256)))
        #expect(second != "x.jpg" && second.hasPrefix("x_") && second.hasSuffix(".jpg"))
    }

    @Test func aThumbnailGoesToDiskInOneCall() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await saveThumbnail(into: FileSystemStorage(location: directory))
        #expect(FileManager.default.fileExists(atPath: directory + "/x.jpg"))
    }

    @Test func aThumbnailGoesToMemoryInOneCall() async throws {
        try await saveThumbnail(into: InMemoryStorage())
    }

    @Test func aPNGThumbnailedToJPEGIsStoredUnderTheJPEGName() async throws {
        let storage = InMemoryStorage(baseURL: "/media/")
        let source = try upload("pngsuite/basn2c08.png", name: "x.png", contentType: "image/png")
        let stored = try await storage.saveReturningURL(source.thumbnail(fitting: Size(square: 16), format: .jpeg()))
        #expect(stored == StoredFile(name: "x.jpg", url: "/media/x.jpg"))
        let file = try await storage.open(stored.name)
        #expect(ImageFormat(detecting: [UInt8](try file.read(8))) == .jpeg)
    }
}
