import AsyncHTTPClient
import FilesS3
import Foundation
import Testing

/// The moto servers `.ci/moto start` runs, found through the `FILES_S3_TEST_*` variables it writes.
///
/// Without them every S3 test fails (never skips): an S3 suite that passes without a server proves nothing.
struct Moto: Sendable {
    /// The server that checks signatures.
    let endpoint: String
    /// The server without authentication, for fetching presigned URLs.
    let noAuthEndpoint: String
    let credentials: S3Credentials
    let region: String

    static let missingMessage: Comment = "S3 tests need moto: run `bash .ci/test`"

    static func environment() throws -> Moto {
        let variables = ProcessInfo.processInfo.environment
        func value(_ name: String) -> String? { variables[name].flatMap { $0.isEmpty ? nil : $0 } }
        let endpoint = try #require(value("FILES_S3_TEST_ENDPOINT"), missingMessage)
        let noAuth = try #require(value("FILES_S3_TEST_NOAUTH_ENDPOINT"), missingMessage)
        let keyID = try #require(value("FILES_S3_TEST_ACCESS_KEY_ID"), missingMessage)
        let secret = try #require(value("FILES_S3_TEST_SECRET_ACCESS_KEY"), missingMessage)
        let region = try #require(value("FILES_S3_TEST_REGION"), missingMessage)
        return Moto(
            endpoint: endpoint, noAuthEndpoint: noAuth,
            credentials: S3Credentials(accessKeyID: keyID, secretAccessKey: secret), region: region)
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
