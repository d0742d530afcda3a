import AsyncHTTPClient
import FilesS3
import Foundation
import TestSupport
import Testing

/// The moto servers the tests talk to: CI's (`.ci/moto start`, found through `FILES_S3_TEST_*`), or
/// started on first use by ``S3TestServer`` when nothing has started them.
///
/// When neither works every S3 test fails (never skips): an S3 suite that passes without a server
/// proves nothing.
struct Moto: Sendable {
    /// The server that checks signatures.
    let endpoint: String
    /// The server without authentication, for fetching presigned URLs.
    let noAuthEndpoint: String
    let credentials: S3Credentials
    let region: String

    static func environment() throws -> Moto {
        let server = try S3TestServer.shared()
        return Moto(
            endpoint: server.endpoint, noAuthEndpoint: server.noAuthEndpoint,
            credentials: S3Credentials(accessKeyID: server.accessKeyID, secretAccessKey: server.secretAccessKey),
            region: server.region)
    }

    /// The bucket every test shares; each test works under its own key prefix.
    static let bucket = "files-s3-tests"

    /// A storage on the signing server under a prefix no other test uses, through the shared HTTP client.
    func storage(
        overwrite: Bool = true, endpoint: String? = nil, credentials: S3Credentials? = nil,
        _ configure: (inout S3Configuration) -> Void = { _ in }
    ) async throws -> S3Storage {
        var configuration = S3Configuration(
            bucket: Self.bucket, region: region, endpoint: endpoint ?? self.endpoint,
            location: "tests/\(UUID().uuidString)", credentials: credentials ?? self.credentials)
        configuration.fileOverwrite = overwrite
        configuration.retryBaseDelay = .milliseconds(10)
        configure(&configuration)
        let storage = try S3Storage(configuration, httpClient: .shared)
        try await storage.createBucket()
        return storage
    }
}

/// A fresh, empty, non-overwriting S3 storage: what the shared storage conformance suite takes.
func makeFreshStorage() async throws -> S3Storage {
    try await Moto.environment().storage(overwrite: false)
}
