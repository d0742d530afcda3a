import Attachments
import Bridge
import FluentKit

/// An attachment column, whatever its model: what the middleware needs of an ``AttachmentProperty``.
protocol AttachmentColumn: AnyObject, Sendable {
    var key: FieldKey { get }
    var specs: [ImageSpec] { get }
    var attachment: Attachment? { get }
    var loadedValue: Attachment? { get }
    var hasPendingChange: Bool { get }
    func takeSaveWork() -> AttachmentWork
    func takeDeleteWork() -> AttachmentWork
    func setPromoted(_ attachment: Attachment)
    func addReplaced(_ attachment: Attachment)
}

extension AttachmentProperty: AttachmentColumn {
    var specs: [ImageSpec] { declaration.specs }
}

/// What one column's change leaves to do once its row commits: a staged file to promote, files no
/// longer referenced to delete. Undone on rollback: the staged file is discarded, nothing deleted.
struct AttachmentWork: Sendable {
    let column: any AttachmentColumn
    let staged: StagedAttachment?
    var replaced: [Attachment]

    init(property column: any AttachmentColumn, staged: StagedAttachment?, replaced: [Attachment]) {
        self.column = column
        self.staged = staged
        self.replaced = replaced
    }

    var isEmpty: Bool { staged == nil && replaced.isEmpty }

    /// The save failed or rolled back: the staged file goes, the replaced ones stay.
    func discard() async {
        await staged?.discard()
    }

    /// The save committed: promotes the staged file and deletes the replaced ones. Returns whether a
    /// promoted name changed (the row must then be saved again).
    func finish(logger: Logger) async -> Bool {
        var renamed = false
        if let staged {
            do {
                let promoted = try await staged.promote()
                if promoted != staged.attachment {
                    column.setPromoted(promoted)
                    renamed = true
                }
            } catch {
                // The row references the final name: the sweeper promotes the staged file later.
                logger.warning("\(error)")
            }
        }
        for attachment in replaced {
            for failure in await AttachmentCleanup.delete(attachment, specs: column.specs) {
                logger.warning("\(failure)")
            }
        }
        return renamed
    }
}
