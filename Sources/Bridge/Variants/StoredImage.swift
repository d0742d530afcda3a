import Files

/// What an app keeps about a stored image (in its database, beside the file name), so that rendering
/// a page needs no storage call: the source's name and size, and the name and size of every variant.
///
/// ```swift
/// let record = try await generator.save("photos/IMG_1234.jpg", content: upload, specs: [small, avatar])
/// let json = try JSONEncoder().encode(record)     // keep it with the model
/// // later, per render, no storage round trip (FileSystemStorage's url is pure):
/// if let thumb = try await record.variant(small, in: storage) { print(thumb.url, thumb.width) }
/// ```
///
/// The corresponding Django API is the `width_field` / `height_field` of an `ImageField`, extended to
/// the thumbnails sorl-thumbnail keeps in its key-value store.
public struct StoredImage: Sendable, Hashable, Codable {
    /// A generated variant's name and pixel size.
    public struct Variant: Sendable, Hashable, Codable {
        /// The variant's name in the storage.
        public var name: String
        /// The width in pixels.
        public var width: Int
        /// The height in pixels.
        public var height: Int

        /// Creates a variant record.
        public init(name: String, width: Int, height: Int) {
            self.name = name
            self.width = width
            self.height = height
        }
    }

    /// The source's name in the storage.
    public var name: String
    /// The source's displayed width (EXIF orientation applied).
    public var width: Int
    /// The source's displayed height.
    public var height: Int
    /// The variants, by spec name.
    public var variants: [String: Variant]
    /// The ThumbHash and BlurHash to show while a variant loads, when the generator made them
    /// (``VariantGenerator/makesPlaceholders``); absent from records made before.
    public var placeholders: ImagePlaceholders?

    /// Creates a record.
    public init(
        name: String, width: Int, height: Int, variants: [String: Variant] = [:],
        placeholders: ImagePlaceholders? = nil
    ) {
        self.name = name
        self.width = width
        self.height = height
        self.variants = variants
        self.placeholders = placeholders
    }

    /// The source's displayed size.
    public var size: Size { Size(width: width, height: height) }

    /// The record's variant for `spec`, or `nil` when there is none or it was made by a spec of the same
    /// name with other parameters (its name is no longer ``ImageSpec/variantName(of:)``).
    public func variant(for spec: ImageSpec) -> Variant? {
        guard let variant = variants[spec.name], variant.name == spec.variantName(of: name) else { return nil }
        return variant
    }

    /// The variant for `spec` with its URL: the one storage call is `FileStorage.url(_:)`, which is
    /// pure for `FileSystemStorage`. `nil` as ``variant(for:)``.
    public func variant(_ spec: ImageSpec, in storage: any FileStorage) async throws(StorageError) -> ImageVariant? {
        guard let variant = variant(for: spec) else { return nil }
        return try await variant.rendered(in: storage)
    }
}

extension StoredImage.Variant {
    /// This variant with the URL `storage` gives its name.
    func rendered(in storage: any FileStorage) async throws(StorageError) -> ImageVariant {
        ImageVariant(name: name, url: try await storage.url(name), width: width, height: height)
    }
}
