import FilesFluent
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import TestSupport

/// A database the Fluent tests run against: SQLite (a file of its own, embedded) or PostgreSQL (the
/// server `.ci/postgres` starts; `FILES_FLUENT_POSTGRES_URL` names it, else the first test starts one).
struct DatabaseFactory: Sendable, CustomStringConvertible {
    var description: String
    var configure: @Sendable (Databases, DatabaseID) throws -> Void

    static let sqlite = DatabaseFactory(description: "SQLite") { databases, id in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attachments-\(UUID().uuidString).sqlite")
        databases.use(.sqlite(.file(path.path)), as: id)
    }

    static let postgres = DatabaseFactory(description: "PostgreSQL") { databases, id in
        let url = try PostgresTestServer.shared().url
        databases.use(try .postgres(url: url), as: id)
    }

    static let all: [DatabaseFactory] = [.sqlite, .postgres]

    /// Runs `body` with a database that has the `photos` table and the attachment middleware.
    func withDatabase(history: QueryHistory? = nil, _ body: (any Database) async throws -> Void) async throws {
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        let id = DatabaseID(string: "test")
        try configure(databases, id)
        databases.middleware.use(AttachmentMiddleware(), on: id)
        // One event loop: SQLite then has one connection, which serialises its writers.
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        guard
            let db = databases.database(id, logger: Logger(label: "attachments-test"), on: eventLoop, history: history)
        else {
            await databases.shutdownAsync()
            throw DatabaseUnavailable(description: "no database \(id)")
        }
        do {
            try await SchemaCreation.shared.createPhotos(on: db, key: description)
            try await body(db)
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        await databases.shutdownAsync()
    }
}

struct DatabaseUnavailable: Error, CustomStringConvertible {
    var description: String
}

/// Creates the table once per server: PostgreSQL refuses two concurrent `CREATE TABLE IF NOT EXISTS`.
actor SchemaCreation {
    static let shared = SchemaCreation()
    private var created: Set<String> = []

    func createPhotos(on db: any Database, key: String) async throws {
        // Each SQLite database is a new file; the PostgreSQL one is shared by every test.
        guard key == "SQLite" || !created.contains(key) else { return }
        try await db.schema(Photo.schema).id().field("title", .string, .required).attachment("image")
            .ignoreExisting().create()
        created.insert(key)
    }
}

/// The PostgreSQL server of `.ci/postgres`, started on first use when the environment names none.
struct PostgresTestServer: Sendable {
    var url: String

    private static let cached = LockedResult()

    static func shared() throws -> PostgresTestServer {
        try cached.get {
            if let url = ProcessInfo.processInfo.environment["FILES_FLUENT_POSTGRES_URL"] {
                return PostgresTestServer(url: url)
            }
            return try start()
        }
    }

    /// Runs `.ci/postgres start` in a fresh folder, with a watchdog that stops it when this process ends.
    private static func start() throws -> PostgresTestServer {
        let environment = try ScriptedServer.start(
            script: "postgres", environmentFile: "postgres.env", hint: "`bash .ci/setup` installs PostgreSQL")
        guard let url = environment["FILES_FLUENT_POSTGRES_URL"] else {
            throw DatabaseUnavailable(description: "The PostgreSQL start-up wrote an incomplete postgres.env.")
        }
        return PostgresTestServer(url: url)
    }
}

/// A result computed once, under a lock.
final class LockedResult: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<PostgresTestServer, any Error>?

    func get(_ make: () throws -> PostgresTestServer) throws -> PostgresTestServer {
        lock.lock()
        defer { lock.unlock() }
        if let result { return try result.get() }
        let made = Result { try make() }
        result = made
        return try made.get()
    }
}
