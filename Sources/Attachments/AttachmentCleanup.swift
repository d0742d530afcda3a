import Bridge
import Files

/// Deleting what a record no longer references, once the change that dropped it has committed.
public enum AttachmentCleanup {
    /// Deletes `attachment`'s file and every variant: those it records, and those `specs` would have
    /// made on first request. Missing files are no error; a storage failure is returned, not thrown
    /// (the row is already committed, and the file is then an orphan for an operator to see).
    @discardableResult
    public static func delete(_ attachment: Attachment, specs: [ImageSpec] = []) async -> [AttachmentError] {
        let storage: any FileStorage
        do {
            storage = try AttachmentStorages.shared.storage(named: attachment.storage)
        } catch {
            return [error]
        }
        var names = attachment.storedNames
        for spec in specs where !names.contains(spec.variantName(of: attachment.name)) {
            names.append(spec.variantName(of: attachment.name))
        }
        var failures: [AttachmentError] = []
        for name in names {
            do {
                try await storage.delete(name)
            } catch {
                failures.append(.storage(error, field: nil, file: name))
            }
        }
        return failures
    }
}
