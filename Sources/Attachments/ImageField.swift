import Bridge
import Files
import Imaging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An image attached to a record, with the variants made from it. Django's `models.ImageField`, with
/// the thumbnails sorl-thumbnail and django-imagekit add.
///
/// ```swift
/// static let image = ImageField<Photo>(
///     "image", uploadTo: "photos/%Y/%m/", specs: [.init(name: "small", fitting: Size(square: 256))],
///     maximumBytes: 20 << 20, maximumPixels: 50_000_000)
/// ```
///
/// An image field accepts images only (recognised from the bytes: a text file named `photo.jpg` is
/// refused), records the displayed width and height, and makes its variants when the file is staged
/// (``VariantTiming/atAttach``) or leaves them to the first request (``VariantTiming/onFirstRequest``).
public struct ImageField<Record>: Sendable {
    /// The file part: name, storage, maximum length and bytes, naming.
    public var file: FileField<Record>
    /// The image part: formats, pixels, specs.
    public var image: ImageRules

    /// An image field.
    ///
    /// - Parameters:
    ///   - name: The field's name, as errors and the record's column know it.
    ///   - uploadTo: The directory (with `strftime` fields) or naming function.
    ///   - storage: The name of a storage registered in ``AttachmentStorages``.
    ///   - maximumLength: The longest name stored, in characters (default 255); longer names are
    ///     shortened in the stem.
    ///   - allowedFormats: The image formats accepted; `nil` accepts every format Imaging recognises.
    ///   - maximumBytes: The largest file accepted; `nil` for no limit.
    ///   - maximumPixels: The largest image accepted, in pixels, checked from the header before any decode.
    ///   - specs: The variants.
    ///   - variants: When the variants are made.
    public init(
        _ name: String, uploadTo: UploadTo<Record> = "", storage: String = AttachmentStorages.defaultName,
        maximumLength: Int = 255, allowedFormats: Set<ImageFormat>? = nil, maximumBytes: Int? = nil,
        maximumPixels: Int = DecodingOptions.defaultMaximumPixelCount, specs: [ImageSpec] = [],
        variants: VariantTiming = .atAttach
    ) {
        self.file = FileField(
            name, uploadTo: uploadTo, storage: storage, maximumLength: maximumLength,
            allowedContentTypes: allowedFormats.map { Set($0.map(\.mimeType)) }, maximumBytes: maximumBytes)
        self.image = ImageRules(maximumPixels: maximumPixels, specs: specs, timing: variants)
    }

    /// The field's name.
    public var name: String { file.name }

    /// The rules every attachment of the field is checked against.
    public var rules: AttachmentRules { file.rules }

    /// As ``FileField/generateFilename(for:clientName:at:)``.
    public func generateFilename(for record: Record, clientName: String, at date: Date = Date()) throws(AttachmentError)
        -> String
    {
        try file.generateFilename(for: record, clientName: clientName, at: date)
    }

    /// As ``FileField/stage(_:clientName:for:at:)``, and the content must be an image within the pixel
    /// limit; with ``VariantTiming/atAttach`` the variants are decoded once and staged beside it.
    public nonisolated(nonsending) func stage(
        _ content: FileObject, clientName: String? = nil, for record: Record, at date: Date = Date()
    ) async throws(AttachmentError) -> StagedAttachment {
        try await file.stage(content, clientName: clientName, for: record, at: date, image: image)
    }
}

/// When an image field makes its variants.
public enum VariantTiming: Sendable, Hashable {
    /// When the file is staged: one decode, every variant, all promoted with the file.
    case atAttach
    /// When a page first asks for one (``FieldFile/variant(_:)``): the upload costs no decode.
    case onFirstRequest
}

/// The image rules of an ``ImageField``.
public struct ImageRules: Sendable {
    /// The largest image accepted, in pixels.
    public var maximumPixels: Int
    /// The variants.
    public var specs: [ImageSpec]
    /// When they are made.
    public var timing: VariantTiming

    /// Image rules.
    public init(maximumPixels: Int, specs: [ImageSpec], timing: VariantTiming) {
        self.maximumPixels = maximumPixels
        self.specs = specs
        self.timing = timing
    }

    /// The spec named `name`.
    public func spec(named name: String) -> ImageSpec? {
        specs.first { $0.name == name }
    }
}
