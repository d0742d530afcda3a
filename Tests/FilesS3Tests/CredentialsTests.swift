import Files
import FilesS3
import Foundation
import Testing

/// Credentials and the region from the `AWS_*` variables. Serialized: it changes the process environment.
@Suite(.serialized) struct CredentialsTests {
    @Test func theEnvironmentSuppliesKeyTokenAndRegion() throws {
        setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV", 1)
        setenv("AWS_SECRET_ACCESS_KEY", "secret-from-env", 1)
        setenv("AWS_SESSION_TOKEN", "token-from-env", 1)
        setenv("AWS_REGION", "eu-north-1", 1)
        defer {
            for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION"] {
                unsetenv(name)
            }
        }
        let credentials = try S3Credentials.fromEnvironment()
        #expect(
            credentials
                == S3Credentials(
                    accessKeyID: "AKIDFROMENV", secretAccessKey: "secret-from-env", sessionToken: "token-from-env"))
        #expect(credentials.description == "S3Credentials(AKIDFROMENV)")
        #expect(S3Configuration(bucket: "b").region == "eu-north-1")
        #expect(S3Configuration(bucket: "b", region: "us-west-2").region == "us-west-2")
    }

    @Test func missingCredentialsAreAClearError() throws {
        unsetenv("AWS_ACCESS_KEY_ID")
        unsetenv("AWS_SECRET_ACCESS_KEY")
        let error = try #require(throws: StorageError.self) { try S3Storage(S3Configuration(bucket: "b")) }
        #expect(error.code == .accessDenied)
        #expect(error.description.contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set"))
    }

    @Test func aPartSizeBelowS3sMinimumIsRefused() throws {
        var configuration = S3Configuration(
            bucket: "b", credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "s"))
        configuration.multipartPartSize = 1024
        #expect(throws: StorageError.self) { try S3Storage(configuration) }
    }

    @Test func anEndpointMustBeHTTP() throws {
        let configuration = S3Configuration(
            bucket: "b", endpoint: "ftp://127.0.0.1", credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "s")
        )
        let error = try #require(throws: StorageError.self) { try S3Storage(configuration) }
        #expect(error.description.contains("does not start with http:// or https://"))
    }
}
