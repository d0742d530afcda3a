import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension S3Storage {
    /// The "directories" (common prefixes) and files directly under `path`, each sorted.
    ///
    /// Lists with ListObjectsV2 and the delimiter `/`, following continuation tokens past S3's 1,000
    /// keys per page. Cost: one request per 1,000 entries.
    /// The corresponding django-storages API is `S3Storage.listdir(path)`.
    public nonisolated(nonsending) func listDirectory(_ path: String) async throws(StorageError) -> DirectoryListing {
        let prefix = try keys.listingPrefix(for: path)
        var directories: [String] = []
        var files: [String] = []
        var token: String?
        repeat {
            var list = S3Request(method: .GET, key: "", operation: "list", name: path)
            list.query = [
                URLQueryItem(name: "list-type", value: "2"), URLQueryItem(name: "delimiter", value: "/"),
                URLQueryItem(name: "prefix", value: prefix),
            ]
            if let token { list.query.append(URLQueryItem(name: "continuation-token", value: token)) }
            let (_, body) = try await client.sendCollecting(list)
            let page = XMLScanner(String(buffer: body))
            for entry in page.blocks("CommonPrefixes") {
                guard let name = entry.first("Prefix")?.dropFirst(prefix.count).dropLast(), !name.isEmpty else {
                    continue
                }
                directories.append(String(name))
            }
            for entry in page.blocks("Contents") {
                // A zero-length "directory/" marker object is the directory itself, not a file in it.
                guard let name = entry.first("Key")?.dropFirst(prefix.count), !name.isEmpty else { continue }
                files.append(String(name))
            }
            token = page.first("IsTruncated") == "true" ? page.first("NextContinuationToken") : nil
        } while token != nil
        return DirectoryListing(directories: directories.sorted(), files: files.sorted())
    }

    /// Deletes `name`'s object; deleting a missing name is not an error (S3 answers 204 either way).
    ///
    /// The corresponding django-storages API is `S3Storage.delete(name)`.
    public nonisolated(nonsending) func delete(_ name: String) async throws(StorageError) {
        guard !name.isEmpty else {
            throw StorageError(.suspiciousName, operation: "delete", name: name, reason: "the name must be given")
        }
        _ = try await client.sendCollecting(request(.DELETE, name, operation: "delete"))
    }
}
