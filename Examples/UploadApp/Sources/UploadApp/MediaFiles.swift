import Files
import Foundation

/// Serves the files of a storage by name, as `django.views.static.serve` serves `MEDIA_ROOT`:
/// only plain relative names, never anything outside the storage.
struct MediaFiles: Sendable {
    let storage: any FileStorage

    /// The answer for any name that is not served.
    static let notFound = MediaResponse(
        status: 404, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data("Not found.\n".utf8))

    func response(for name: String, ifNoneMatch: String?) async -> MediaResponse {
        let notFound = Self.notFound
        guard let name = Self.safeName(name),
            let size = try? await storage.size(name),
            let modified = try? await storage.modificationDate(name)
        else { return notFound }
        let etag = "\"\(String(size, radix: 16))-\(String(Int(modified.timeIntervalSince1970 * 1000), radix: 16))\""
        let validators = [
            ("ETag", etag), ("Last-Modified", HTTPDate.format(modified)), ("Cache-Control", "public, max-age=0"),
        ]
        if let ifNoneMatch, Self.matches(ifNoneMatch, etag: etag) {
            return MediaResponse(status: 304, headers: validators)
        }
        guard let file = try? await storage.open(name, mode: .read.binary) else { return notFound }
        defer { try? file.close() }
        guard let body = try? file.read() else { return notFound }
        return MediaResponse(
            status: 200,
            headers: [("Content-Type", MediaType.of(name))] + validators,
            body: body)
    }

    /// `name` when it is a plain relative path: no empty, `.` or `..` component, no backslash, no NUL,
    /// no leading `/`. The storage refuses such names too; this makes the refusal a 404 before any I/O.
    static func safeName(_ name: String) -> String? {
        guard let decoded = name.removingPercentEncoding, !decoded.isEmpty,
            !decoded.contains("\\"), !decoded.contains("\0")
        else { return nil }
        let components = decoded.split(separator: "/", omittingEmptySubsequences: false)
        guard components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        return decoded
    }

    /// RFC 9110's weak comparison for `If-None-Match`: `*`, or one of the listed tags.
    static func matches(_ header: String, etag: String) -> Bool {
        let tags = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return tags.contains { $0 == "*" || $0 == etag || $0 == "W/\(etag)" }
    }
}
