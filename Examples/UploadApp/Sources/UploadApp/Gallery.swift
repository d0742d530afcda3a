import Bridge
import Files
import Foundation

/// The uploaded photos, newest first: kept in memory and persisted as one JSON record per photo in
/// the storage's `records/` directory, so a restarted server shows the same gallery.
///
/// ```swift
/// let gallery = await Gallery(storage: storage)      // reads records/*.json
/// try await gallery.add(storedImage)                   // writes records/<photo>.json
/// for entry in await gallery.entries { … }
/// ```
///
/// A record that cannot be read (damaged, or not ours) is skipped, never fatal.
public actor Gallery {
    /// One photo of the gallery.
    public struct Entry: Codable, Sendable, Equatable {
        /// The original and its variants, as the generator stored them.
        public var image: StoredImage
        /// When it was uploaded.
        public var uploadedAt: Date
    }

    /// The directory of the records in the storage.
    public static let recordDirectory = "records"

    private let storage: any Storage
    /// The photos, newest first.
    public private(set) var entries: [Entry] = []

    /// Loads the gallery kept in `storage`.
    public init(storage: any Storage) async {
        self.storage = storage
        entries = await Self.load(from: storage)
    }

    /// Adds `image` as the newest photo and writes its record beside the media.
    public func add(_ image: StoredImage, at date: Date = Date()) async throws(StorageError) {
        let entry = Entry(image: image, uploadedAt: date)
        let data = (try? JSONEncoder.app.encode(entry)) ?? Data()
        let base = image.name.split(separator: "/").last.map(String.init) ?? "photo"
        _ = try await storage.save(
            "\(Self.recordDirectory)/\(base).json", content: ContentFile(data), maxLength: nil)
        entries.insert(entry, at: 0)
    }

    private static func load(from storage: any Storage) async -> [Entry] {
        guard let listing = try? await storage.listDirectory(recordDirectory) else { return [] }
        var entries: [Entry] = []
        for name in listing.files where name.hasSuffix(".json") {
            guard let file = try? await storage.open("\(recordDirectory)/\(name)", mode: .read.binary) else {
                continue
            }
            defer { try? file.close() }
            guard let data = try? file.read(), let entry = try? JSONDecoder().decode(Entry.self, from: data) else {
                continue
            }
            entries.append(entry)
        }
        return entries.sorted { $0.uploadedAt > $1.uploadedAt }
    }
}
