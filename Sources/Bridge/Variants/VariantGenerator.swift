import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Makes and finds the variants of images in a storage: eagerly when a source is saved (every spec
/// from one decode), or lazily on the first request for one (generated once per process).
///
/// ```swift
/// let generator = VariantGenerator(storage: storage)
/// // eager: the upload and its two sizes, one decode
/// let record = try await generator.save("photos/IMG_1234.jpg", content: upload, specs: [small, avatar])
/// // lazy: made on first request, found afterwards
/// let thumb = try await generator.variant(small, of: "photos/IMG_1234.jpg")
/// ```
///
/// Variant names are ``ImageSpec/variantName(of:)``: deterministic, so servers sharing a storage need
/// no coordination. Within one generator, concurrent requests for the same missing variant share one
/// generation. Across processes two generations of the same variant write the same bytes under the
/// same name through `FileStorage.store(_:as:)`, which replaces the file on backends that overwrite
/// (S3 with `fileOverwrite`, its default; `FileSystemStorage(allowOverwrite: true)`); a backend that
/// instead keeps the first file and stores the second under another name (`InMemoryStorage`,
/// `FileSystemStorage` without overwriting) gets that duplicate deleted, and the first file — the
/// same bytes — stands.
///
/// Nothing is written for a source that is not an image or is over the pixel limit of `options`: the
/// decode comes before every write, and a failed write removes what the call had written.
///
/// The corresponding Django APIs are sorl-thumbnail's `get_thumbnail` (lazy) and easy-thumbnails'
/// `generate_all_aliases` (eager); Django itself has none.
public final class VariantGenerator: Sendable {
    /// Where sources and variants are stored.
    public let storage: any FileStorage
    /// How sources are decoded: the pixel limit, orientation, truncation.
    public let options: DecodingOptions
    /// Whether ``save(_:content:specs:maxLength:)`` and ``generate(_:for:)`` put ``ImagePlaceholders``
    /// in the record, made from the smallest variant's pixels (no second decode).
    public let makesPlaceholders: Bool

    private let flights = SingleFlight<Result<StoredImage.Variant, VariantError>>()
    private let ledger = GenerationLedger()

    /// Creates a generator for `storage`; with `makesPlaceholders`, records carry a ThumbHash and a
    /// BlurHash of the image (well under a millisecond more per source).
    public init(storage: any FileStorage, options: DecodingOptions = .default, makesPlaceholders: Bool = false) {
        self.storage = storage
        self.options = options
        self.makesPlaceholders = makesPlaceholders
    }

    /// How many decodes and variant writes this generator has done: for logs, metrics and tests.
    public var statistics: GenerationStatistics {
        get async { await ledger.statistics }
    }

    /// Saves `content` as `FileStorage.save(_:content:maxLength:)` does and stores every spec's
    /// variant of it, all from one decode, and returns the record to keep.
    ///
    /// The image is decoded before anything is written: a file that is not an image, or is over the
    /// pixel limit, throws and leaves the storage as it was. When a write fails, the source and the
    /// variants already written are deleted.
    ///
    /// Cost: one read of `content` and one decode, at the DCT scale the largest spec needs; per spec a
    /// resample from that decode, an encode and a write; plus the save of `content` itself. It runs in
    /// the caller's isolation domain (`nonisolated(nonsending)`, as `FileStorage.save` does), so an actor
    /// can save a `FileObject` it keeps; the read, decode and encodes run on `WorkerThreads.imaging`
    /// while the caller waits, so leave `content` alone until this returns.
    ///
    /// - Throws: ``VariantError`` naming the source and the specs.
    public nonisolated(nonsending) func save(
        _ name: String?, content: FileObject, specs: [ImageSpec], maxLength: Int? = nil
    ) async throws(VariantError) -> StoredImage {
        let given = name ?? content.name
        let rendered = try await render(specs, from: content, source: given)
        let sourceName: String
        do {
            sourceName = try await storage.save(name, content: content, maxLength: maxLength)
        } catch {
            throw VariantError(source: given, specs: specs.map(\.name), cause: .storage(error))
        }
        do {
            return try await store(rendered, of: sourceName)
        } catch {
            try? await storage.delete(sourceName)
            throw error
        }
    }

    /// Makes every spec's variant of the stored file `source` from one decode, stores them and returns
    /// the record.
    ///
    /// A variant already stored under its name is replaced on backends that overwrite (S3 with
    /// `fileOverwrite`, `FileSystemStorage(allowOverwrite: true)`) and kept on the others: same name, same recipe,
    /// same bytes. Delete a variant first to force it to be made again.
    ///
    /// - Throws: ``VariantError`` naming the source and the specs.
    public func generate(_ specs: [ImageSpec], for source: String) async throws(VariantError) -> StoredImage {
        let rendered = try await render(specs, fromStored: source)
        return try await store(rendered, of: source)
    }

    /// Makes every spec's variant of the stored file `source` from `content`, its bytes read here
    /// (a copy the caller already holds, so that the storage is not read a second time), stores them and
    /// returns the record. As ``generate(_:for:)`` otherwise.
    package nonisolated(nonsending) func generate(_ specs: [ImageSpec], for source: String, from content: FileObject)
        async throws(VariantError) -> StoredImage
    {
        let rendered = try await render(specs, from: content, source: source)
        return try await store(rendered, of: source)
    }

    /// Makes one spec's variant of the stored file `source`, stores it and returns its name and size:
    /// ``generate(_:for:)`` for a single spec, for a caller that wants that variant's record rather than
    /// the source's (the `thumbnail` tool's `--storage` runs).
    ///
    /// - Throws: ``VariantError`` naming the source and the spec.
    public func generateVariant(_ spec: ImageSpec, for source: String) async throws(VariantError) -> StoredImage.Variant
    {
        let rendered = try await render([spec], fromStored: source)
        // One spec rendered gives one variant stored: the order of the specs is kept.
        return try await storeVariants(rendered, of: source)[0]
    }

    /// The variant of `source` for `spec`: the stored one, or one made now and stored.
    ///
    /// Concurrent calls for the same variant share one lookup and at most one generation. A stored
    /// variant that is not a readable image is deleted and made again.
    ///
    /// Cost: an existing variant, a storage `exists`, an `open` and a header read (keep the record,
    /// ``StoredImage``, where renders can read it instead); a missing one, also one decode of the
    /// source, one encode and one write.
    ///
    /// - Throws: ``VariantError`` naming the source and the spec.
    public func variant(_ spec: ImageSpec, of source: String) async throws(VariantError) -> ImageVariant {
        let name = spec.variantName(of: source)
        let stored = try await flights.run(name) { [self] () async -> Result<StoredImage.Variant, VariantError> in
            do throws(VariantError) {
                return .success(try await self.existingOrNew(spec, of: source, as: name))
            } catch {
                return .failure(error)
            }
        }.get()
        do throws(StorageError) {
            return try await stored.rendered(in: storage)
        } catch {
            throw VariantError(source: source, specs: [spec.name], cause: .storage(error))
        }
    }

    /// The stored variant named `name` with its size, or a new one.
    private func existingOrNew(
        _ spec: ImageSpec, of source: String, as name: String
    ) async throws(VariantError) -> StoredImage.Variant {
        let failure = { (error: StorageError) in
            VariantError(source: source, specs: [spec.name], cause: .storage(error))
        }
        let exists: Bool
        do { exists = try await storage.exists(name) } catch { throw failure(error) }
        if exists {
            if let size = try await storedSize(of: name, source: source, spec: spec) {
                return StoredImage.Variant(name: name, width: size.width, height: size.height)
            }
            // Damaged (a crash mid-copy on a backend without atomic writes): make it again, in its place.
            do { try await storage.delete(name) } catch { throw failure(error) }
        }
        return try await generateVariant(spec, for: source)
    }

    /// The displayed size of the stored image `name` from its header, or `nil` when it is not a
    /// readable image (a damaged variant, which is then made again).
    private func storedSize(of name: String, source: String, spec: ImageSpec) async throws(VariantError) -> Size? {
        let file = try await open(name, source: source, specs: [spec])
        defer { try? file.close() }
        return try? file.imageInfo().displaySize
    }

    /// The displayed size of the stored image `source`, from its header.
    func displayedSize(of source: String, specs: [ImageSpec]) async throws(VariantError) -> Size {
        let file = try await open(source, source: source, specs: specs)
        defer { try? file.close() }
        do {
            let info = try file.imageInfo()
            return options.appliesOrientation ? info.displaySize : info.size
        } catch {
            let cause: VariantError.Cause =
                switch error.cause {
                case .file(let error): .file(error)
                case .imaging(let error): .imaging(error)
                }
            throw VariantError(source: source, specs: specs.map(\.name), cause: cause)
        }
    }

    /// Opens the stored source and renders `specs` from it.
    private func render(_ specs: [ImageSpec], fromStored source: String) async throws(VariantError) -> RenderedSet {
        let file = try await open(source, source: source, specs: specs)
        defer { try? file.close() }
        return try await render(specs, from: file, source: source)
    }

    private nonisolated(nonsending) func render(
        _ specs: [ImageSpec], from file: FileObject, source: String?
    ) async throws(VariantError) -> RenderedSet {
        // Reading, decoding and encoding take tens of milliseconds: they run on the imaging threads,
        // never on the caller's (an event loop or the cooperative pool).
        let (options, placeholders) = (options, makesPlaceholders)
        let rendered = try await WorkerThreads.imaging.runBorrowing { () throws(VariantError) in
            try file.renderVariants(specs, source: source, options: options, placeholders: placeholders)
        }
        await ledger.recordDecode()
        return rendered
    }

    /// Opens the stored file `name` for reading; errors name `source` and `specs`.
    private func open(_ name: String, source: String, specs: [ImageSpec]) async throws(VariantError) -> FileObject {
        do {
            return try await storage.open(name, mode: .read.binary)
        } catch {
            throw VariantError(source: source, specs: specs.map(\.name), cause: .storage(error))
        }
    }

    /// Stores every rendered variant of `source` and returns the record.
    private func store(_ rendered: RenderedSet, of source: String) async throws(VariantError) -> StoredImage {
        var record = StoredImage(
            name: source, width: rendered.sourceSize.width, height: rendered.sourceSize.height,
            placeholders: rendered.placeholders)
        let stored = try await storeVariants(rendered, of: source)
        for (variant, storedVariant) in zip(rendered.variants, stored) {
            record.variants[variant.spec.name] = storedVariant
        }
        return record
    }

    /// Stores every rendered variant of `source` and returns them in the order of the specs; on a
    /// failure deletes those this call wrote.
    private func storeVariants(
        _ rendered: RenderedSet, of source: String
    ) async throws(VariantError) -> [StoredImage.Variant] {
        var stored: [StoredImage.Variant] = []
        var written: [String] = []
        for variant in rendered.variants {
            let name = variant.spec.variantName(of: source)
            do {
                let storedName = try await storeReplacing(ContentFile(variant.bytes, name: name), as: name)
                written.append(storedName)
                stored.append(
                    StoredImage.Variant(name: storedName, width: variant.size.width, height: variant.size.height))
            } catch {
                for name in written { try? await storage.delete(name) }
                throw VariantError(source: source, specs: [variant.spec.name], cause: .storage(error))
            }
        }
        await ledger.recordWrites(rendered.variants.count)
        return stored
    }

    /// Writes `content` under exactly `name`. A backend that stored it under another name because
    /// `name` appeared meanwhile (another process made the same variant) has that copy deleted.
    private func storeReplacing(_ content: FileObject, as name: String) async throws(StorageError) -> String {
        let stored = try await storage.store(content, as: name)
        if stored != name, try await storage.exists(name) {
            try await storage.delete(stored)
            return name
        }
        return stored
    }
}
