#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a record keeps about its file, as one `Codable` value in one column (JSON): enough to render a
/// page of records with no storage call.
///
/// ```swift
/// let attachment = photo.image.attachment!
/// attachment.name         // "photos/2026/12/holiday.jpg"
/// attachment.contentType  // "image/png": sniffed from the bytes, never the client's claim
/// attachment.variants     // [small 256×170, avatar 128×128]
/// ```
///
/// The corresponding Django API is the file name an `ImageField` stores, with its `width_field` and
/// `height_field`; the rest (type, digest, original name, variants) is what Shrine and Active Storage
/// record beside it.
public struct Attachment: Sendable, Hashable, Codable {
    /// The file's name in its storage.
    public var name: String
    /// The name of the storage that holds it (see ``AttachmentStorages``).
    public var storage: String
    /// The content type, recognised from the bytes.
    public var contentType: String
    /// The size in bytes.
    public var size: Int
    /// The SHA-256 of the content, 64 lowercase hexadecimal digits.
    public var sha256: String
    /// The client's file name, sanitised (a base name of printable characters), for display only.
    public var originalName: String?
    /// The displayed width of an image (EXIF orientation applied); `nil` for other files.
    public var width: Int?
    /// The displayed height of an image; `nil` for other files.
    public var height: Int?
    /// The variants made from an image, in the order of the field's specs.
    public var variants: [AttachmentVariant]

    /// Creates a record of a stored file.
    public init(
        name: String, storage: String, contentType: String, size: Int, sha256: String, originalName: String? = nil,
        width: Int? = nil, height: Int? = nil, variants: [AttachmentVariant] = []
    ) {
        self.name = name
        self.storage = storage
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.originalName = originalName
        self.width = width
        self.height = height
        self.variants = variants
    }

    /// The variant made by the spec named `spec`, if there is one.
    public func variant(_ spec: String) -> AttachmentVariant? {
        variants.first { $0.spec == spec }
    }

    /// Every name this attachment occupies in its storage: the file's and each variant's.
    public var storedNames: [String] { [name] + variants.map(\.name) }
}

/// A variant of an attached image: its spec, name, size, format and byte count.
public struct AttachmentVariant: Sendable, Hashable, Codable {
    /// The name of the `ImageSpec` that made it.
    public var spec: String
    /// Its name in the storage (`ImageSpec.variantName(of:)` of the source).
    public var name: String
    /// The width in pixels.
    public var width: Int
    /// The height in pixels.
    public var height: Int
    /// The content type of its encoding.
    public var contentType: String
    /// The size in bytes.
    public var size: Int

    /// Creates a variant record.
    public init(spec: String, name: String, width: Int, height: Int, contentType: String, size: Int) {
        self.spec = spec
        self.name = name
        self.width = width
        self.height = height
        self.contentType = contentType
        self.size = size
    }
}
