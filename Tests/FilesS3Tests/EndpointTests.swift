import Files
import FilesS3
import Foundation
import Testing

/// The endpoint URL: its scheme, host, port and path prefix reach every request and every URL.
@Suite struct EndpointTests {
    let credentials = S3Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")

    /// An S3-compatible server behind a proxy under a path: requests go to the prefix, then the bucket.
    @Test func aPathPrefixIsKeptInRequestsAndURLs() async throws {
        let server = try await FailingServer(status: .ok)
        var configuration = S3Configuration(
            bucket: "media", endpoint: "http://127.0.0.1:\(server.port)/s3/", credentials: credentials)
        configuration.maxAttempts = 1
        let storage = try S3Storage(configuration, httpClient: .shared)
        #expect(try await storage.exists("a b.txt"))
        try await server.close()
        #expect(server.requestLines == ["HEAD /s3/media/a%20b.txt 127.0.0.1:\(server.port)"])
        let presigned = try await storage.url("a b.txt")
        #expect(presigned.hasPrefix("http://127.0.0.1:\(server.port)/s3/media/a%20b.txt?X-Amz-Algorithm="))
        configuration.querystringAuth = false
        #expect(
            try await S3Storage(configuration, httpClient: .shared).url("a b.txt")
                == "http://127.0.0.1:\(server.port)/s3/media/a%20b.txt")
    }

    @Test func virtualHostedAddressingPutsTheBucketInTheHost() async throws {
        var configuration = S3Configuration(
            bucket: "media", endpoint: "https://objects.example.com:443/store", addressingStyle: .virtualHosted,
            credentials: credentials)
        configuration.querystringAuth = false
        #expect(
            try await S3Storage(configuration, httpClient: .shared).url("x.jpg")
                == "https://media.objects.example.com/store/x.jpg")
        configuration.endpoint = "https://objects.example.com:8443"
        #expect(
            try await S3Storage(configuration, httpClient: .shared).url("x.jpg")
                == "https://media.objects.example.com:8443/x.jpg")
    }

    @Test(arguments: ["ftp://127.0.0.1", "127.0.0.1:9000", "http://", "http://127.0.0.1/?x=1"])
    func anEndpointThatIsNotAnHTTPBaseURLIsRefused(_ endpoint: String) throws {
        let configuration = S3Configuration(bucket: "b", endpoint: endpoint, credentials: credentials)
        let error = try #require(throws: StorageError.self) { try S3Storage(configuration, httpClient: .shared) }
        #expect(error.reason.hasPrefix("the S3 endpoint is not usable: "))
    }
}
