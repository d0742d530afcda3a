import Attachments
import FluentKit
import NIOCore
import SQLKit

/// Keeps every model's attachments and its storage consistent: register it once per database.
///
/// ```swift
/// databases.middleware.use(AttachmentMiddleware())
/// ```
///
/// On create and update, the row is written with the staged file's final name; once the row has
/// committed, the file and its variants are moved to that name and the files the row referenced
/// before are deleted. A failed write deletes what was staged. On a (hard) delete, the row's files
/// are deleted after the commit; a soft delete keeps them, as the row may be restored. Inside a
/// transaction, "after the commit" is when `Database.transactionWithAttachments(_:)`
/// returns; a rollback deletes what was staged and nothing else.
///
/// An update re-reads the row first, under a lock on the row, so that a file another save stored
/// meanwhile is deleted when this save overwrites it, never orphaned. On a database with row locks
/// (PostgreSQL, MySQL) the lock is `SELECT … FOR UPDATE` inside the save's transaction, which holds
/// across every process and connection pool sharing the database: several app servers may replace
/// one record's file at once. On SQLite, which has no row locks, it is a per-row lock in this process.
public struct AttachmentMiddleware: AnyModelMiddleware {
    /// The middleware.
    public init() {}

    /// Runs the staging, promotion and cleanup of `model`'s attachment columns around Fluent's own
    /// handling of `event`; a model without attachment columns passes straight through.
    public func handle(
        _ event: ModelEvent, _ model: any AnyModel, on db: any Database, chainingTo next: any AnyModelResponder
    ) -> EventLoopFuture<Void> {
        let columns = model.properties.compactMap { $0 as? any AttachmentColumn }
        guard !columns.isEmpty else { return next.handle(event, model, on: db) }
        return db.eventLoop.makeFutureWithTask {
            switch event {
            case .create:
                try await Self.save(event, model, columns, on: db, next: next)
            case .update:
                guard columns.contains(where: \.hasPendingChange), let model = model as? any Model else {
                    return try await next.handle(event, model, on: db).get()
                }
                try await Self.update(model, columns, on: db, next: next)
            case .delete:
                let work = columns.map { $0.takeDeleteWork() }
                do {
                    try await next.handle(event, model, on: db).get()
                } catch {
                    throw error
                }
                try await Self.afterCommit(work, of: model, on: db)
            case .softDelete, .restore:
                try await next.handle(event, model, on: db).get()
            }
        }
    }

    /// Re-reads the row under its lock, then saves: whatever file the row references when the lock
    /// is taken is the one this save replaces.
    private static func update(
        _ model: any Model, _ columns: [any AttachmentColumn], on db: any Database, next: any AnyModelResponder
    ) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.exclusiveSelectLockExpression != nil else {
            // SQLite: one connection pool per process in practice, and SQLite serialises writers
            // across processes by itself; the lost update to prevent is between two saves of this
            // process, which this lock orders.
            try await RowLocks.shared.withLock(Self.lockKey(model)) {
                try await Self.noteOverwrites(model, columns, on: db)
                try await Self.save(.update, model, columns, on: db, next: next)
            }
            return
        }
        // The row lock lasts until the transaction ends, so the re-read, the write and the commit
        // happen while no other process can write the row; the files are finished after the commit.
        // A save already inside a transaction holds the lock until that transaction ends.
        guard db.inTransaction else {
            let changed = columns.filter(\.hasPendingChange)
            try await db.transactionWithAttachments { transaction in
                try await Self.update(model, columns, on: transaction, next: next)
            }
            try await Self.deleteIfReplacedMeanwhile(model, changed, on: db)
            return
        }
        try await Self.lockRow(of: model, on: sql)
        try await Self.noteOverwrites(model, columns, on: db)
        try await Self.save(.update, model, columns, on: db, next: next)
    }

    /// The files are promoted after the commit, when the row lock is gone: another process may have
    /// replaced this save's file in the meantime and deleted its final names before they existed.
    /// Whichever way the two interleave, re-reading the row once promoted leaves no orphan: it still
    /// references this file (the other save has not committed, and deletes it after promotion), or
    /// no longer does (this save deletes what it promoted).
    private static func deleteIfReplacedMeanwhile(
        _ model: any Model, _ columns: [any AttachmentColumn], on db: any Database
    ) async throws {
        guard !columns.isEmpty, let stored = try await reloaded(model, on: db) else { return }
        let storedColumns = stored.properties.compactMap { $0 as? any AttachmentColumn }
        for column in columns {
            guard let promoted = column.attachment,
                storedColumns.first(where: { $0.key == column.key })?.attachment != promoted
            else { continue }
            for failure in await AttachmentCleanup.delete(promoted, specs: column.specs) {
                db.logger.warning("\(failure)")
            }
        }
    }

    /// `SELECT 1 FROM table WHERE id = … FOR UPDATE`: waits for, then holds, the row's write lock.
    private static func lockRow<M: Model>(of model: M, on sql: any SQLDatabase) async throws {
        guard let id = model.id else { return }
        try await sql.select()
            .column(SQLLiteral.numeric("1"))
            .from(SQLQualifiedTable(M.schema, space: M.space))
            .where(SQLIdentifier(model._$id.key.description), .equal, SQLBind(id))
            .for(.update)
            .run()
    }

    private static func save(
        _ event: ModelEvent, _ model: any AnyModel, _ columns: [any AttachmentColumn], on db: any Database,
        next: any AnyModelResponder
    ) async throws {
        let work = columns.map { $0.takeSaveWork() }
        do {
            try await next.handle(event, model, on: db).get()
        } catch {
            for item in work { await item.discard() }
            throw error
        }
        try await afterCommit(work, of: model, on: db)
    }

    /// Finishes `work` now, or when the surrounding ``AttachmentTransaction`` commits.
    private static func afterCommit(_ work: [AttachmentWork], of model: any AnyModel, on db: any Database)
        async throws
    {
        let work = work.filter { !$0.isEmpty }
        guard !work.isEmpty else { return }
        guard db.inTransaction else {
            try await finish(work, of: model, on: db)
            return
        }
        guard let transaction = (db as? any AttachmentTransactionCarrier)?.attachments else {
            for item in work { await item.discard() }
            throw AttachmentError(
                .outsideAttachmentTransaction, field: nil, file: nil,
                reason:
                    "the database cannot say when a transaction commits; save records with attachments inside `transactionWithAttachments`"
            )
        }
        transaction.add(work, of: model)
    }

    /// Promotes and deletes; saves the row again when a promoted name changed.
    static func finish(_ work: [AttachmentWork], of model: any AnyModel, on db: any Database) async throws {
        var renamed = false
        for item in work where await item.finish(logger: db.logger) {
            renamed = true
        }
        if renamed, let model = model as? any Model {
            try await model.save(on: db)
        }
    }

    /// Reads the row as stored now: a file another save stored since this model was loaded is
    /// added to what this save replaces.
    private static func noteOverwrites(_ model: any Model, _ columns: [any AttachmentColumn], on db: any Database)
        async throws
    {
        guard let stored = try await reloaded(model, on: db) else { return }
        let storedColumns = stored.properties.compactMap { $0 as? any AttachmentColumn }
        for column in columns where column.hasPendingChange {
            guard let current = storedColumns.first(where: { $0.key == column.key })?.attachment,
                current != column.loadedValue
            else { continue }
            column.addReplaced(current)
        }
    }

    private static func reloaded<M: Model>(_ model: M, on db: any Database) async throws -> M? {
        guard let id = model.id else { return nil }
        return try await M.find(id, on: db)
    }

    private static func lockKey(_ model: any Model) -> String {
        "\(type(of: model).schema)#\(model.anyID)"
    }
}

extension Model {
    /// The identifier as text, for the per-row lock.
    fileprivate var anyID: String { id.map { "\($0)" } ?? "" }
}
