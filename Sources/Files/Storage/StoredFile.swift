/// A file a storage has saved: the name it chose and the URL it is served at.
///
/// ```swift
/// let stored = try await storage.saveReturningURL(thumbnail)
/// response.json(["name": stored.name, "url": stored.url])
/// ```
///
/// Django returns only the name from `Storage.save`; the URL is `storage.url(name)`.
public struct StoredFile: Sendable, Hashable, CustomStringConvertible {
    /// The name the file was stored under (it may differ from the one asked for).
    public var name: String
    /// Where the file can be fetched, as ``FileStorage/url(_:)`` gives it.
    public var url: String

    /// A stored file with `name` at `url`.
    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }

    /// `name (url)`.
    public var description: String { "\(name) (\(url))" }
}
