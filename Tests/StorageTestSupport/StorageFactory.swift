import Files
import Foundation

/// A storage the variant and attachment tests run against. Every test over ``all`` runs once per backend: memory,
/// disk (replacing or not) and S3 on moto.
public struct StorageFactory: Sendable, CustomStringConvertible {
    public var description: String
    /// A new, empty storage, and how to remove what it holds.
    public var make: @Sendable () async throws -> (storage: any FileStorage, cleanUp: @Sendable () async -> Void)

    public static let memory = StorageFactory(description: "InMemoryStorage") {
        (InMemoryStorage(baseURL: "/media/"), {})
    }

    public static let fileSystem = onDisk("FileSystemStorage", allowOverwrite: false)

    /// The backend that replaces a stored file, as S3 does by default.
    public static let fileSystemOverwriting = onDisk("FileSystemStorage(allowOverwrite: true)", allowOverwrite: true)

    public static let all: [StorageFactory] = [.memory, .fileSystem, .fileSystemOverwriting, .s3]

    private static func onDisk(_ description: String, allowOverwrite: Bool) -> StorageFactory {
        StorageFactory(description: description) {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "variants-\(UUID().uuidString)")
            return (
                FileSystemStorage(location: directory.path, baseURL: "/media/", allowOverwrite: allowOverwrite),
                { try? FileManager.default.removeItem(at: directory) }
            )
        }
    }

    /// Runs `body` with a new storage of this kind, removing its files afterwards.
    public func withStorage(_ body: (any FileStorage) async throws -> Void) async throws {
        let (storage, cleanUp) = try await make()
        do {
            try await body(storage)
        } catch {
            await cleanUp()
            throw error
        }
        await cleanUp()
    }
}

extension FileStorage {
    /// Every file name in the storage, sorted (`fileNames(under:)`, walking from the root).
    public nonisolated(nonsending) func allFileNames() async throws -> [String] {
        try await fileNames(under: "").sorted()
    }

    /// The bytes of the stored file `name`.
    public nonisolated(nonsending) func bytes(of name: String) async throws -> Data {
        let file = try await open(name, mode: .read.binary)
        defer { try? file.close() }
        return try file.read()
    }
}
