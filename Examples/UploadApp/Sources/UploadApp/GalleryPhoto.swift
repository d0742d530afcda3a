import Attachments
import Bridge
import FilesFluent
import FluentKit
import Foundation

/// One photo of the gallery: a row of `photos` whose `image` column is the attachment (the original,
/// its two thumbnails, their sizes), Django's `class Photo(models.Model): image = models.ImageField(…)`.
///
/// The ids count up, so the newest photo has the largest id on SQLite and PostgreSQL alike.
public final class GalleryPhoto: Model, @unchecked Sendable {
    public static let schema = "photos"

    /// The storage name the image field stages into: ``UploadApp`` sets it around each new photo, so
    /// that several apps in one process (the tests) each keep their own storage.
    @TaskLocal static var storageName: String = AttachmentStorages.defaultName

    /// The field of a photo made while ``storageName`` is `storage`.
    static func imageField(storage: String) -> ImageField<GalleryPhoto> {
        ImageField("image", uploadTo: "photos/", storage: storage, specs: PhotoSpecs.shared.all)
    }

    /// The row's id, given by the database.
    @ID(custom: .id, generatedBy: .database) public var id: Int?
    /// The original and its variants.
    @AttachmentField(key: "image", GalleryPhoto.imageField(storage: GalleryPhoto.storageName)) public var image:
        FieldFile
    /// The ThumbHash and BlurHash the page shows while the thumbnail loads, from the `small` variant.
    @OptionalField(key: "placeholders") public var placeholders: ImagePlaceholders?
    /// When the row was made.
    @Timestamp(key: "uploaded_at", on: .create) public var uploadedAt: Date?

    /// An empty photo, as Fluent makes one.
    public init() {}
}

/// Creates the `photos` table when it is missing: the only migration the app has.
enum GalleryMigration {
    static func run(on db: any Database) async throws {
        try await db.schema(GalleryPhoto.schema)
            .field(.id, .int, .identifier(auto: true))
            .attachment("image")
            .field("placeholders", .json)
            .field("uploaded_at", .datetime)
            .ignoreExisting()
            .create()
        // A table made before the placeholders column existed gets it; where it exists, the ALTER fails
        // and changes nothing.
        try? await db.schema(GalleryPhoto.schema).field("placeholders", .json).update()
    }
}
