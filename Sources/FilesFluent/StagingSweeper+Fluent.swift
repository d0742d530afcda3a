import Attachments
import FluentKit
import Foundation

extension StagingSweeper {
    /// Sweeps staging directories older than `age`, promoting a staged file that a row of `model`
    /// references (its save committed but the process died before promotion) and deleting the rest.
    ///
    /// Reads every row of `model` once; for a table too large for that, pass your own
    /// `isReferenced` to `StagingSweeper.sweep(olderThan:now:isReferenced:)`.
    public func sweep<M: Model>(
        olderThan age: Duration, now: Date = Date(), referencedBy model: M.Type, on db: any Database
    )
        async throws -> Report
    {
        let rows = try await M.query(on: db).all()
        var names = Set<String>()
        for row in rows {
            for column in row.properties.compactMap({ $0 as? any AttachmentColumn }) {
                names.formUnion(column.attachment?.storedNames ?? [])
            }
        }
        let referenced = names
        return try await sweep(olderThan: age, now: now) { referenced.contains($0) }
    }
}
