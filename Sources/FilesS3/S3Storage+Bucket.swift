import Files
import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Bucket-level calls the storage itself never makes, for set-up scripts and tests.
extension S3Storage {
    /// Creates the bucket (in ``S3Configuration/region``); an existing bucket of yours is not an error.
    package func createBucket() async throws(StorageError) {
        var create = S3Request(method: .PUT, key: "", operation: "create the bucket", name: configuration.bucket)
        if configuration.region != "us-east-1" {
            create.body = S3Body(
                ByteBuffer(
                    string: "<CreateBucketConfiguration><LocationConstraint>\(XMLScanner.escape(configuration.region))"
                        + "</LocationConstraint></CreateBucketConfiguration>"))
        }
        do throws(StorageError) {
            _ = try await client.sendCollecting(create)
        } catch  where error.reason.contains("BucketAlreadyOwnedByYou") {
        }
    }

    /// The multipart uploads started and neither completed nor aborted under the storage's location:
    /// `(key, uploadID)` pairs. Empty when no upload left parts behind.
    package func pendingMultipartUploads() async throws(StorageError) -> [(key: String, uploadID: String)] {
        var list = S3Request(method: .GET, key: "", operation: "list the uploads of", name: configuration.bucket)
        list.query = [
            URLQueryItem(name: "uploads", value: ""),
            URLQueryItem(name: "prefix", value: try keys.listingPrefix(for: "")),
        ]
        let (_, body) = try await client.sendCollecting(list)
        return XMLScanner(String(buffer: body)).blocks("Upload").map {
            ($0.first("Key") ?? "", $0.first("UploadId") ?? "")
        }
    }
}

extension S3Storage {
    /// The headers of `name`'s object (a `HEAD`), names lower-cased: `content-type`, `cache-control`, ….
    package func metadata(_ name: String) async throws(StorageError) -> [String: String] {
        let (response, _) = try await client.sendCollecting(request(.HEAD, name, operation: "check"))
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return headers
    }
}
