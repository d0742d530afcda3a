import Attachments
import Bridge
import FilesFluent
import FluentKit
import Foundation

/// The model every Fluent test saves: a title and an image with two variants, in the storage each
/// test registers as ``storageName`` (the tests run one at a time).
final class Photo: Model, @unchecked Sendable {
    static let schema = "attachment_photos"

    static let storageName = "fluent-tests"

    static let small = try! ImageSpec("small", fitting: Size(square: 256), format: .jpeg(quality: 85))
    static let avatar = try! ImageSpec("avatar", filling: Size(square: 128), format: .jpeg(quality: 85))

    static let image = ImageField<Photo>(
        "image", uploadTo: "photos/%Y/%m/", storage: storageName, maximumBytes: 4 << 20, maximumPixels: 4_000_000,
        specs: [small, avatar])

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @AttachmentField(key: "image", Photo.image) var image: FieldFile

    init() {}

    init(title: String) {
        self.title = title
    }
}
