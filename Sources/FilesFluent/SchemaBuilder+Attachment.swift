import FluentKit

extension SchemaBuilder {
    /// Adds an attachment column: JSON (`jsonb` on PostgreSQL, text on SQLite), empty when null.
    ///
    /// ```swift
    /// try await db.schema("photos").id().field("title", .string, .required).attachment("image").create()
    /// ```
    public func attachment(_ key: FieldKey) -> Self {
        field(key, .json)
    }
}
