import Files
import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An S3 multipart upload: CreateMultipartUpload, one UploadPart per part, CompleteMultipartUpload;
/// AbortMultipartUpload when anything fails, so that S3 keeps no orphaned parts.
///
/// Parts are read from the content one at a time, so memory holds at most one part (plus the chunk
/// being read) whatever the object's size.
package struct MultipartUpload {
    let client: S3Client
    /// The object's `PUT` request: its key, headers (`Content-Type`, ACL, parameters) and error context.
    let template: S3Request
    let partSize: Int

    /// S3's limit on the number of parts.
    static let maximumPartCount = 10_000

    /// Uploads `first` (the bytes read so far, emptied as they are sent) and the rest of `reader`.
    nonisolated(nonsending) func run(first: inout S3Body, rest reader: inout ContentReader) async throws(StorageError) {
        let uploadID = try await create()
        do {
            let parts = try await uploadParts(uploadID: uploadID, first: &first, reader: &reader)
            try await complete(uploadID: uploadID, parts: parts)
        } catch {
            await abort(uploadID: uploadID)
            throw error
        }
    }

    private func create() async throws(StorageError) -> String {
        var request = template
        request.method = .POST
        request.query = [URLQueryItem(name: "uploads", value: "")]
        let (_, body) = try await client.sendCollecting(request)
        guard let uploadID = XMLScanner(String(buffer: body)).first("UploadId"), !uploadID.isEmpty else {
            throw StorageError(
                .failed, operation: template.operation, name: template.name,
                reason: "S3 started a multipart upload of key \"\(template.key)\" without an upload ID")
        }
        return uploadID
    }

    /// Uploads `first` and the rest of the content in parts of exactly `partSize` bytes (the last may
    /// be shorter), each sent as soon as it is complete, so memory holds about one part.
    private nonisolated(nonsending) func uploadParts(uploadID: String, first: inout S3Body, reader: inout ContentReader)
        async throws(StorageError) -> [(number: Int, etag: String)]
    {
        var parts: [(number: Int, etag: String)] = []
        while true {
            _ = try await reader.fillOffThread(&first, beyond: partSize - 1)
            if first.count >= partSize || (reader.isExhausted && (first.count > 0 || parts.isEmpty)) {
                let part = first.removeFirst(partSize)
                parts.append((parts.count + 1, try await uploadPart(part, number: parts.count + 1, uploadID: uploadID)))
            }
            if reader.isExhausted && first.count == 0 { return parts }
        }
    }

    private func uploadPart(_ part: S3Body, number: Int, uploadID: String) async throws(StorageError) -> String {
        guard number <= Self.maximumPartCount else {
            throw StorageError(
                .failed, operation: template.operation, name: template.name,
                reason: "the content needs more than \(Self.maximumPartCount) parts of \(partSize) bytes")
        }
        let request = S3Request(
            method: .PUT, key: template.key,
            query: [
                URLQueryItem(name: "partNumber", value: String(number)),
                URLQueryItem(name: "uploadId", value: uploadID),
            ],
            body: part, operation: template.operation, name: template.name)
        let (response, _) = try await client.sendCollecting(request)
        guard let etag = response.headers.first(name: "ETag") else {
            throw StorageError(
                .failed, operation: template.operation, name: template.name,
                reason: "S3 accepted part \(number) of key \"\(template.key)\" without an ETag")
        }
        return etag
    }

    private func complete(uploadID: String, parts: [(number: Int, etag: String)]) async throws(StorageError) {
        let xml = Self.completionDocument(parts: parts)
        let request = S3Request(
            method: .POST, key: template.key, query: [URLQueryItem(name: "uploadId", value: uploadID)],
            headers: ["Content-Type": "application/xml"], body: S3Body(ByteBuffer(string: xml)),
            operation: template.operation, name: template.name)
        _ = try await client.sendCheckingBody(request)
    }

    /// The CompleteMultipartUpload body; every ETag escaped, as S3 returns them quoted (`"…"`) and a
    /// server may put anything between the quotes.
    package static func completionDocument(parts: [(number: Int, etag: String)]) -> String {
        "<CompleteMultipartUpload>"
            + parts.map {
                "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(XMLScanner.escape($0.etag))</ETag></Part>"
            }
            .joined() + "</CompleteMultipartUpload>"
    }

    /// Best effort: the original error is what the caller needs to see.
    private func abort(uploadID: String) async {
        let request = S3Request(
            method: .DELETE, key: template.key, query: [URLQueryItem(name: "uploadId", value: uploadID)],
            operation: template.operation,
            name: template.name)
        _ = try? await client.sendCollecting(request)
    }
}
