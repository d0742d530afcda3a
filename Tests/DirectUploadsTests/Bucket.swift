import AsyncHTTPClient
import Attachments
import Bridge
import DirectUploads
import Files
import FilesS3
import Foundation
import Imaging
import StorageTestSupport
import TestSupport
import VariantURLs

/// A bucket prefix of one test on moto, registered as an attachment storage, with the field and the
/// direct uploads the tests use.
struct Bucket {
    let storage: S3Storage
    let name: String

    /// Computed: LeakSanitizer does not follow every pointer a global keeps (see AttachmentsTests' samples).
    static var key: URLSigningKey { URLSigningKey(bytes: Array("direct upload test key".utf8), id: "k2") }

    /// A storage on the signature-checking moto (or, with `noAuth`, on the one that takes form posts),
    /// under a prefix no other test uses, registered for `body`, which must leave it empty.
    static func with(noAuth: Bool = false, _ body: (Bucket) async throws -> Void) async throws {
        let server = try S3TestServer.shared()
        var configuration = S3Configuration(
            bucket: "direct-upload-tests", region: server.region,
            endpoint: noAuth ? server.noAuthEndpoint : server.endpoint, location: "t/\(UUID().uuidString)",
            credentials: S3Credentials(accessKeyID: server.accessKeyID, secretAccessKey: server.secretAccessKey))
        configuration.retryBaseDelay = .milliseconds(10)
        configuration.querystringAuth = false
        let storage = try S3Storage(configuration, httpClient: .shared)
        try await storage.createBucket()
        let name = "direct-\(UUID().uuidString)"
        AttachmentStorages.shared.register(storage, as: name)
        defer { AttachmentStorages.shared.removeStorage(named: name) }
        try await body(Bucket(storage: storage, name: name))
    }

    /// The photo field: at most `maximumBytes` and `maximumPixels`, one 64-pixel variant.
    func field(maximumBytes: Int = 1_000_000, maximumPixels: Int = 10_000_000) -> ImageField<Photo> {
        ImageField(
            "image", uploadTo: "photos/", storage: name, maximumBytes: maximumBytes, maximumPixels: maximumPixels,
            specs: [Samples.small])
    }

    var uploads: DirectUploads { DirectUploads(signingKey: Self.key) }

    /// Every name stored under the test's prefix.
    func names() async throws -> [String] { try await storage.allFileNames() }

    /// Deletes what the test left, so that its expectations about emptiness are its own.
    func empty() async throws {
        for name in try await names() { try await storage.delete(name) }
    }
}

/// A record as an app would have one.
struct Photo: Sendable {}

enum Samples {
    /// A smooth synthetic photo, encoded as JPEG.
    static func jpeg(width: Int = 320, height: Int = 200) throws -> Data {
        let pixels = SyntheticPhoto.rgbPixels(width: width, height: height)
        return Data(
            try Image(width: width, height: height, pixelFormat: .rgb, pixels: pixels).encoded(as: .jpeg(quality: 90)))
    }

    static let small = try! ImageSpec("small", fitting: Size(square: 64), format: .jpeg(quality: 85))
}
