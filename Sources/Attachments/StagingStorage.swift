import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A storage seen through a directory of another: name `n` here is `directory + n` there. Staging
/// writes through it, so the staged file and its variants carry their final names below the
/// staging directory, and promotion only has to strip the directory.
package struct StagingStorage: FileStorage {
    package let base: any FileStorage
    /// The directory, ending in `/`.
    package let directory: String

    package init(base: any FileStorage, directory: String) {
        self.base = base
        self.directory = directory
    }

    package func key(_ name: String) -> String { directory + name }

    private func unprefixed(_ key: String) -> String {
        key.hasPrefix(directory) ? String(key.dropFirst(directory.count)) : key
    }

    package nonisolated(nonsending) func store(_ content: FileObject, as name: String) async throws(StorageError)
        -> String
    {
        unprefixed(try await base.store(content, as: key(name)))
    }

    package nonisolated(nonsending) func open(_ name: String, mode: FileMode) async throws(StorageError) -> FileObject {
        try await base.open(key(name), mode: mode)
    }

    package nonisolated(nonsending) func delete(_ name: String) async throws(StorageError) {
        try await base.delete(key(name))
    }

    package nonisolated(nonsending) func exists(_ name: String) async throws(StorageError) -> Bool {
        try await base.exists(key(name))
    }

    package nonisolated(nonsending) func listDirectory(_ path: String) async throws(StorageError) -> DirectoryListing {
        try await base.listDirectory(key(path))
    }

    package nonisolated(nonsending) func size(_ name: String) async throws(StorageError) -> Int {
        try await base.size(key(name))
    }

    package nonisolated(nonsending) func url(_ name: String) async throws(StorageError) -> String {
        try await base.url(key(name))
    }

    package nonisolated(nonsending) func modificationDate(_ name: String) async throws(StorageError) -> Date {
        try await base.modificationDate(key(name))
    }

    package nonisolated(nonsending) func move(_ source: String, to destination: String) async throws(StorageError)
        -> String
    {
        unprefixed(try await base.move(key(source), to: key(destination)))
    }
}

/// Where staged attachments are written: `<prefix>/<start>-<process>/`, one directory per process
/// and ten-minute window. Within it a staged file has its final name, which is unique: this process
/// reserves it, and no other process writes here. Reusing the directory spares every upload the
/// creation and removal of a directory tree; the start time lets the sweeper tell an abandoned
/// window from one still in use without a storage call.
package struct StagingDirectory: Sendable, Hashable {
    package let prefix: String
    package let token: String

    /// How long one staging directory takes new files.
    static let window: TimeInterval = 600

    package init(prefix: String, date: Date) {
        self.prefix = prefix
        let start = Int(date.timeIntervalSince1970 / Self.window) * Int(Self.window)
        self.token = "\(start)-\(Self.processToken)"
    }

    package init?(prefix: String, token: String) {
        guard Self.creationDate(of: token) != nil else { return nil }
        self.prefix = prefix
        self.token = token
    }

    /// The directory, ending in `/`.
    package var path: String { prefix + "/" + token + "/" }

    /// A directory of the window `date` falls in that no other upload shares: for a file the client
    /// writes itself (a direct upload), whose name this process cannot reserve.
    package static func unique(prefix: String, date: Date) -> StagingDirectory {
        let window = StagingDirectory(prefix: prefix, date: date)
        let start = window.token.prefix { $0 != "-" }
        return StagingDirectory(prefix: prefix, token: "\(start)-\(randomToken())")!
    }

    /// The directory and the name below it of `name`, a staging name (`<prefix>/<start>-<token>/<final
    /// name>`); `nil` when `name` is not one.
    package static func parse(_ name: String, prefix: String) -> (directory: StagingDirectory, name: String)? {
        guard name.hasPrefix(prefix + "/") else { return nil }
        let rest = name.dropFirst(prefix.count + 1)
        guard let slash = rest.firstIndex(of: "/"),
            let directory = StagingDirectory(prefix: prefix, token: String(rest[..<slash]))
        else { return nil }
        let final = String(rest[rest.index(after: slash)...])
        guard !final.isEmpty else { return nil }
        return (directory, final)
    }

    /// When the window of the directory named `token` opened; `nil` when the name is not one this
    /// library makes. Its files are at most ``window`` younger.
    static func creationDate(of token: String) -> Date? {
        guard let dash = token.firstIndex(of: "-"), let seconds = Int(token[..<dash]), seconds >= 0,
            token[token.index(after: dash)...].count == 12
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// This process's part of the directory names: random, so no two processes share a directory.
    private static let processToken = randomToken()

    private static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
}
