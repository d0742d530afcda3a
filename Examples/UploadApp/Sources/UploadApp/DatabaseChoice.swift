import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// The database the gallery is kept in: `--database sqlite:PATH` (embedded, nothing to install) or
/// `--database postgres://user:password@host:port/database`.
///
/// ```swift
/// let choice = try DatabaseChoice("sqlite:/srv/media.sqlite")
/// ```
public enum DatabaseChoice: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file, made when missing (its directory too).
    case sqlite(path: String)
    /// A PostgreSQL database, by URL.
    case postgres(url: String)

    /// Parses the `--database` flag.
    ///
    /// - Throws: ``UploadAppError`` (500) for anything but `sqlite:PATH` and `postgres://…`.
    public init(_ text: String) throws(UploadAppError) {
        if text.hasPrefix("sqlite:"), text.count > "sqlite:".count {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            throw UploadAppError(
                status: 500,
                message: "The database \"\(text)\" is neither sqlite:PATH nor postgres://user:pass@host/db.")
        }
    }

    /// The default: an SQLite file beside the media root (`./media` → `./media.sqlite`).
    public static func beside(mediaRoot: String) -> DatabaseChoice {
        var root = mediaRoot
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        return .sqlite(path: root + ".sqlite")
    }

    /// `sqlite:PATH`, or the PostgreSQL URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres" }
            components.password = nil
            return components.string ?? "postgres"
        }
    }

    /// Settings of the open database: SQLite writes through a write-ahead log (`journal_mode=WAL`,
    /// kept in the file) and syncs it at checkpoints rather than at every commit (`synchronous=NORMAL`,
    /// for this connection).
    ///
    /// The gallery's one SQLite connection serves every writer in turn. With SQLite's default rollback
    /// journal and `synchronous=FULL` each commit syncs the journal and the database; on ext4 a sync
    /// also waits for the photos being written meanwhile (ordered data), so under a stream of uploads
    /// a commit could take a hundred milliseconds and every request behind it waited. With the log, a
    /// commit is an append. A killed process loses nothing committed (the log is in the kernel's
    /// cache); a power cut may lose the last commits, as it may lose the last files written, which the
    /// file-system storage does not sync either.
    func prepare(_ database: any Database) async throws {
        guard case .sqlite = self, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA synchronous=NORMAL").run()
    }

    /// Registers the database in `databases` as `id`.
    func configure(_ databases: Databases, as id: DatabaseID) throws(UploadAppError) {
        switch self {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path)), as: id)
        case .postgres(let url):
            do {
                databases.use(try .postgres(url: url), as: id)
            } catch {
                throw UploadAppError(status: 500, message: "Cannot use the database \(description): \(error).")
            }
        }
    }
}
