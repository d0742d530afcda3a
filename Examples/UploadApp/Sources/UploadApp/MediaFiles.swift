import Foundation

/// What the app decides about `/media` names before any storage call; the servers stream the files
/// themselves (Hummingbird's `FileMiddleware` over FilesHummingbird's `StorageFileProvider`, Vapor's
/// `FileIO` through FilesVapor's `streamStoredFile`).
enum MediaFiles {
    /// The answer for any name that is not served.
    static let notFound = MediaResponse(
        status: 404, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data("Not found.\n".utf8))

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
}
