import Attachments
import FluentKit
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// The attachment work of one transaction, finished when it commits and undone when it rolls back.
final class AttachmentTransaction: Sendable {
    private let pending = NIOLockedValueBox<[(work: [AttachmentWork], model: any AnyModel)]>([])

    func add(_ work: [AttachmentWork], of model: any AnyModel) {
        pending.withLockedValue { $0.append((work, model)) }
    }

    private func takeAll() -> [(work: [AttachmentWork], model: any AnyModel)] {
        pending.withLockedValue { pending in
            defer { pending = [] }
            return pending
        }
    }

    func committed(on db: any Database) async throws {
        for (work, model) in takeAll() {
            try await AttachmentMiddleware.finish(work, of: model, on: db)
        }
    }

    func rolledBack() async {
        for (work, _) in takeAll() {
            for item in work { await item.discard() }
        }
    }
}

extension Database {
    /// Runs `closure` in a transaction whose attachments follow it: files staged by saves inside it
    /// are promoted, and files their rows no longer reference are deleted, once it commits; when it
    /// throws, the rows roll back and the staged files are deleted, leaving storage exactly as it was.
    ///
    /// ```swift
    /// try await db.transactionWithAttachments { db in
    ///     try await photo.attach(upload, to: \.$image)
    ///     try await photo.save(on: db)
    ///     try await album.save(on: db)   // throws: no row, no file, no staged file
    /// }
    /// ```
    ///
    /// Fluent has no hook for "after commit", so saves of records with attachments inside a plain
    /// `transaction` fail with `AttachmentError.Code.outsideAttachmentTransaction`
    /// (and roll back) rather than promote a file whose row may still roll back. The database the
    /// closure gets is the transaction's, carrying its attachment work.
    public func transactionWithAttachments<T: Sendable>(
        _ closure: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        let attachments = AttachmentTransaction()
        let result: T
        do {
            result = try await transaction { db in
                try await closure(attachmentCarrying(db, attachments))
            }
        } catch {
            await attachments.rolledBack()
            throw error
        }
        try await attachments.committed(on: self)
        return result
    }
}

/// A database that says which attachment transaction it belongs to.
protocol AttachmentTransactionCarrier {
    var attachments: AttachmentTransaction { get }
}

/// `db`, carrying `attachments`; an SQL database stays one.
func attachmentCarrying(_ db: any Database, _ attachments: AttachmentTransaction) -> any Database {
    if let sql = db as? any Database & SQLDatabase {
        return carryingSQL(sql, attachments)
    }
    return carrying(db, attachments)
}

private func carrying<D: Database>(_ db: D, _ attachments: AttachmentTransaction) -> any Database {
    AttachmentTransactionDatabase(base: db, attachments: attachments)
}

private func carryingSQL<D: Database & SQLDatabase>(_ db: D, _ attachments: AttachmentTransaction) -> any Database {
    AttachmentTransactionDatabase(base: db, attachments: attachments)
}

/// The transaction's database, forwarding everything, with the attachment work beside it.
struct AttachmentTransactionDatabase<Base: Database>: Database, AttachmentTransactionCarrier {
    let base: Base
    let attachments: AttachmentTransaction

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void)
        -> EventLoopFuture<Void>
    {
        base.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.transaction { [attachments] in closure(attachmentCarrying($0, attachments)) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection { [attachments] in closure(attachmentCarrying($0, attachments)) }
    }
}

/// An SQL database stays one inside the transaction, so raw SQL works there too.
extension AttachmentTransactionDatabase: SQLDatabase where Base: SQLDatabase {
    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var dialect: any SQLDialect { base.dialect }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }
}
