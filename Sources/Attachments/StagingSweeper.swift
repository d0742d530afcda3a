import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Removes what crashed processes left under the staging prefix.
///
/// ```swift
/// let sweeper = StagingSweeper(storage: media)
/// let report = try await sweeper.sweep(olderThan: .seconds(3600)) { name in
///     try await Photo.query(on: db).filter(…).count() > 0   // FilesFluent passes its own check
/// }
/// ```
///
/// A staging directory older than the given age belonged to a save that died: before its row
/// committed (the file is deleted) or after the commit but before promotion (its row references the
/// final name, so the file is promoted instead; nothing a committed row references is ever deleted).
/// Run it from a timer or at start-up; it is safe on several servers at once, since a file is moved
/// or deleted by whichever gets there first.
public struct StagingSweeper: Sendable {
    /// The storage swept.
    public let storage: any FileStorage
    /// The staging prefix (``AttachmentRules/stagingPrefix``).
    public let prefix: String

    /// A sweeper of `storage`'s `prefix`.
    public init(storage: any FileStorage, prefix: String = "staging") {
        self.storage = storage
        self.prefix = prefix
    }

    /// What a sweep did.
    public struct Report: Sendable, Hashable {
        /// Staged files deleted (their save never committed).
        public var deleted: [String] = []
        /// Staged files moved to the final name a committed row references.
        public var promoted: [String] = []
        /// Staging directories left alone because they are younger than the age.
        public var kept: Int = 0
    }

    /// Sweeps every staging directory made more than `age` before `now`.
    ///
    /// - Parameters:
    ///   - age: How old a staging directory must be to be swept: longer than any save takes.
    ///   - now: The time to measure the age from.
    ///   - isReferenced: Whether a committed row references a final name.
    public func sweep(
        olderThan age: Duration, now: Date = Date(),
        isReferenced: @Sendable (String) async throws -> Bool = { _ in false }
    ) async throws(AttachmentError) -> Report {
        var report = Report()
        let cutoff = now.addingTimeInterval(-Self.seconds(age))
        let tokens: [String]
        do {
            tokens = try await storage.listDirectory(prefix).directories
        } catch  where error.code == .notFound {
            return report
        } catch {
            throw AttachmentError.storage(error, field: nil, file: prefix)
        }
        for token in tokens {
            guard let directory = StagingDirectory(prefix: prefix, token: token),
                let created = StagingDirectory.creationDate(of: token)
            else { continue }
            // The window's files are at most its length younger than its start.
            guard created.addingTimeInterval(StagingDirectory.window) < cutoff else {
                report.kept += 1
                continue
            }
            let staging = StagingStorage(base: storage, directory: directory.path)
            do {
                for name in try await files(under: "", in: staging) {
                    if try await referenced(name, isReferenced), try await !storage.exists(name) {
                        _ = try await storage.move(staging.key(name), to: name)
                        report.promoted.append(name)
                    } else {
                        try await staging.delete(name)
                        report.deleted.append(staging.key(name))
                    }
                }
                await staging.removeEmptyDirectories()
            } catch let error as AttachmentError {
                throw error
            } catch let error as StorageError {
                throw AttachmentError.storage(error, field: nil, file: directory.path)
            } catch {
                throw AttachmentError(.storage, field: nil, file: directory.path, reason: String(describing: error))
            }
        }
        return report
    }

    private func referenced(_ name: String, _ isReferenced: @Sendable (String) async throws -> Bool)
        async throws(AttachmentError) -> Bool
    {
        do {
            return try await isReferenced(name)
        } catch {
            throw AttachmentError(
                .storage, field: nil, file: name, reason: "checking whether a row references it failed: \(error)")
        }
    }

    /// Every file below `path`, as names relative to `storage`.
    private func files(under path: String, in storage: some FileStorage) async throws(StorageError) -> [String] {
        let listing = try await storage.listDirectory(path)
        var names = listing.files.map { path.isEmpty ? $0 : path + "/" + $0 }
        for directory in listing.directories {
            names += try await files(under: path.isEmpty ? directory : path + "/" + directory, in: storage)
        }
        return names
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
