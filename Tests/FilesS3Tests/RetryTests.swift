import Files
import FilesS3
import Foundation
import Testing

/// Which requests are retried, against a real server that always answers 503. Needs no moto.
@Suite struct RetryTests {
    func storage(_ server: FailingServer) throws -> S3Storage {
        var configuration = S3Configuration(
            bucket: "retries", endpoint: "http://127.0.0.1:\(server.port)",
            credentials: S3Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret"))
        configuration.maxAttempts = 3
        configuration.retryBaseDelay = .milliseconds(1)
        configuration.multipartThreshold = 16
        return try S3Storage(configuration, httpClient: .shared)
    }

    @Test func anIdempotentRequestIsRetriedUpToTheLimit() async throws {
        let server = try await FailingServer()
        let storage = try storage(server)
        let error = try #require(await #expect(throws: StorageError.self) { try await storage.size("a.txt") })
        try await server.close()
        #expect(error.code == .failed)
        // A HEAD answer has no body, so no S3 error code: the status is all there is.
        #expect(
            error.description
                == "Cannot measure \"a.txt\": S3 answered HTTP 503 for key \"a.txt\" in bucket \"retries\".")
        #expect(server.requests == ["HEAD": 3])
    }

    @Test func aPutIsRetriedTooBecauseItReplacesWhatWasThere() async throws {
        let server = try await FailingServer()
        let storage = try storage(server)
        await #expect(throws: StorageError.self) {
            try await storage.save("a.txt", content: ContentFile("small"), maxLength: nil)
        }
        let error = try #require(await #expect(throws: StorageError.self) { try await storage.delete("a.txt") })
        try await server.close()
        #expect(server.requests == ["PUT": 3, "DELETE": 3])
        #expect(error.description.contains("ServiceUnavailable (HTTP 503): Please reduce your request rate for key"))
    }

    @Test func aPostIsNeverSentTwice() async throws {
        let server = try await FailingServer()
        let storage = try storage(server)
        // More than the 16-byte threshold: CreateMultipartUpload, a POST, is the first request.
        await #expect(throws: StorageError.self) {
            try await storage.save("big.bin", content: ContentFile(String(repeating: "x", count: 64)), maxLength: nil)
        }
        try await server.close()
        #expect(server.requests == ["POST": 1])
    }
}
