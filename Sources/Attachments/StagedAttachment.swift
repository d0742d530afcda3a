import Bridge
import Files

/// A file written under the staging prefix, with its variants, waiting for its row to commit.
///
/// ```swift
/// let staged = try await Photo.image.stage(upload, for: photo)
/// photo.image = staged.attachment          // final names already
/// do {
///     try await database.insert(photo)
/// } catch {
///     await staged.discard()               // nothing is left behind
///     throw error
/// }
/// let promoted = try await staged.promote()  // after the commit
/// if promoted != staged.attachment { … }   // a name was taken meanwhile: save the new names
/// ```
///
/// The ORM glue (`FilesFluent`) does all of this. A process that dies between staging and promotion
/// leaves the staging directory to ``StagingSweeper``.
public struct StagedAttachment: Sendable, Hashable {
    /// The record to save: the final names, the content type, digest and sizes.
    public let attachment: Attachment
    let directory: StagingDirectory
    let specs: [ImageSpec]

    package init(attachment: Attachment, directory: StagingDirectory, specs: [ImageSpec]) {
        self.attachment = attachment
        self.directory = directory
        self.specs = specs
    }

    /// Where the file is now: its staging name.
    public var stagedName: String { directory.path + attachment.name }

    /// Moves the file and its variants to their final names (a hard link on disk, a server-side copy
    /// on S3) and returns the record as stored. The names differ from ``attachment``'s only when
    /// another process took the name meanwhile; the caller then saves the returned record.
    public func promote() async throws(AttachmentError) -> Attachment {
        defer { NameReservations.shared.release(attachment.name, in: attachment.storage) }
        let storage: any FileStorage
        do {
            storage = try AttachmentStorages.shared.storage(named: attachment.storage)
        } catch {
            throw error
        }
        let staging = StagingStorage(base: storage, directory: directory.path)
        var promoted = attachment
        do {
            promoted.name = try await storage.move(staging.key(attachment.name), to: attachment.name)
            for index in promoted.variants.indices {
                let variant = promoted.variants[index]
                var destination = variant.name
                if promoted.name != attachment.name, let spec = specs.first(where: { $0.name == variant.spec }) {
                    destination = spec.variantName(of: promoted.name)
                }
                promoted.variants[index].name = try await storage.move(staging.key(variant.name), to: destination)
            }
        } catch {
            throw AttachmentError.storage(error, field: nil, file: attachment.name)
        }
        return promoted
    }

    /// Deletes the staged file and its variants: the save it was for failed or rolled back.
    public func discard() async {
        defer { NameReservations.shared.release(attachment.name, in: attachment.storage) }
        guard let storage = try? AttachmentStorages.shared.storage(named: attachment.storage) else { return }
        await StagingStorage(base: storage, directory: directory.path).deleteQuietly(attachment.storedNames)
    }
}
