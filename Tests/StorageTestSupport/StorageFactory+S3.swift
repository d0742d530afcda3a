import AsyncHTTPClient
import FilesS3
import Foundation
import TestSupport

extension StorageFactory {
    /// An S3 bucket on moto (signature checking on), under a key prefix no other test uses, with
    /// django-storages' default of replacing an object saved under a taken name, and plain URLs.
    public static let s3 = StorageFactory(description: "S3Storage (moto)") {
        let server = try S3TestServer.shared()
        var configuration = S3Configuration(
            bucket: "bridge-variant-tests", region: server.region, endpoint: server.endpoint,
            location: "variants/\(UUID().uuidString)",
            credentials: S3Credentials(accessKeyID: server.accessKeyID, secretAccessKey: server.secretAccessKey))
        configuration.retryBaseDelay = .milliseconds(10)
        // Plain object URLs: a presigned one changes with the clock, and the tests compare URLs.
        configuration.querystringAuth = false
        let storage = try S3Storage(configuration, httpClient: .shared)
        try await storage.createBucket()
        // Each test's prefix is its own; the objects go with the moto process.
        return (storage, {})
    }
}
