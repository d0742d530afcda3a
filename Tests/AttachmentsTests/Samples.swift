import Attachments
import Bridge
import Files
import Foundation
import Imaging
import StorageTestSupport
import TestSupport

/// Images and fields the attachment tests share.
enum Samples {
    /// A smooth synthetic photo, encoded.
    static func image(width: Int, height: Int, as encoding: ImageEncoding = .jpeg(quality: 90)) throws -> Data {
        Data(try imageBytes(width: width, height: height, as: encoding))
    }

    /// The bytes of ``image(width:height:as:)``. The shared samples are kept as arrays: LeakSanitizer
    /// does not see the pointer inside a `Data` kept in a global, and reports it leaked at exit.
    static func imageBytes(width: Int, height: Int, as encoding: ImageEncoding = .jpeg(quality: 90)) throws
        -> [UInt8]
    {
        let pixels = SyntheticPhoto.rgbPixels(width: width, height: height)
        return try Image(width: width, height: height, pixelFormat: .rgb, pixels: pixels).encoded(as: encoding)
    }

    private static let jpegBytes = try! imageBytes(width: 600, height: 400)
    private static let pngBytes = try! imageBytes(width: 300, height: 200, as: .png())
    static var jpeg: Data { Data(jpegBytes) }
    static var png: Data { Data(pngBytes) }

    static let small = try! ImageSpec("small", fitting: Size(square: 256), format: .jpeg(quality: 85))
    static let avatar = try! ImageSpec("avatar", filling: Size(square: 128), format: .jpeg(quality: 85))

    /// The date every test stages at: 2026-12-06 12:00 UTC.
    static let date = Date(timeIntervalSince1970: 1_796_558_400)
}

/// A record as an app would have one.
final class Photo: Sendable {
    let owner: String
    init(owner: String = "ada") { self.owner = owner }
}

extension StorageFactory {
    /// Runs `body` with a new storage of this kind registered under a name of its own.
    func withRegisteredStorage(_ body: (any FileStorage, String) async throws -> Void) async throws {
        try await withStorage { storage in
            let name = "test-\(UUID().uuidString)"
            AttachmentStorages.shared.register(storage, as: name)
            defer { AttachmentStorages.shared.removeStorage(named: name) }
            try await body(storage, name)
        }
    }
}
