import Bridge
import Files
import Foundation
import StorageTestSupport
import TestSupport
import Testing

@Suite("Variants in storage: eager, lazy, once, records, srcset, bad input")
struct VariantStorageTests {
    static let small = ImageSpecTests.small
    static let avatar = ImageSpecTests.avatar
    static let large = try! ImageSpec("large", fitting: Size(square: 1024), format: .jpeg(quality: 85))
    static let photo = try! ThumbnailSetTests.photo(width: 2400, height: 1600)

    @Test(arguments: StorageFactory.all)
    func savingMakesEverySpecFromOneDecode(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let generator = VariantGenerator(storage: storage)
            let upload = ContentFile(Data(Self.photo), name: "IMG_1234.jpg")
            let record = try await generator.save(
                "photos/IMG_1234.jpg", content: upload, specs: [Self.small, Self.avatar, Self.large])
            #expect(record.name == "photos/IMG_1234.jpg")
            #expect(record.size == Size(width: 2400, height: 1600))
            #expect(await generator.statistics == GenerationStatistics(decodes: 1, variantsWritten: 3))
            let expected = [
                (Self.small, Size(width: 256, height: 171)), (Self.avatar, Size(square: 128)),
                (Self.large, Size(width: 1024, height: 683)),
            ]
            for (spec, size) in expected {
                let variant = try #require(record.variant(for: spec))
                #expect(variant.name == spec.variantName(of: record.name))
                #expect(Size(width: variant.width, height: variant.height) == size)
                #expect(try Image(decoding: await storage.bytes(of: variant.name)).size == size)
            }
            let names = [record.name] + expected.map { $0.0.variantName(of: record.name) }
            #expect(try await storage.allFileNames() == names.sorted())
        }
    }

    @Test(arguments: StorageFactory.all)
    func aLazyVariantIsMadeOnFirstRequestAndFoundAfterwards(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let source = try await storage.save("a.jpg", content: ContentFile(Data(Self.photo)), maxLength: nil)
            let generator = VariantGenerator(storage: storage)
            let first = try await generator.variant(Self.small, of: source)
            #expect(first.name == Self.small.variantName(of: source))
            #expect(try await first.url == storage.url(first.name))
            #expect(first.size == Size(width: 256, height: 171))
            // A new generator (another process) finds it by name instead of making it again.
            let later = VariantGenerator(storage: storage)
            #expect(try await later.variant(Self.small, of: source) == first)
            #expect(await later.statistics == GenerationStatistics())
            #expect(await generator.statistics == GenerationStatistics(decodes: 1, variantsWritten: 1))
        }
    }

    @Test(arguments: StorageFactory.all)
    func anActorSavesAFileItKeeps(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let record = try await UploadKeeper().saveKeeping(with: VariantGenerator(storage: storage))
            #expect(record.name == "kept.jpg")
            #expect(record.variant(for: Self.small)?.width == 256)
        }
    }

    @Test(arguments: StorageFactory.all)
    func aDamagedVariantIsMadeAgainInItsPlace(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let source = try await storage.save("a.jpg", content: ContentFile(Data(Self.photo)), maxLength: nil)
            let name = Self.small.variantName(of: source)
            #expect(
                try await storage.save(name, content: ContentFile(Data("half a JPEG".utf8)), maxLength: nil) == name)
            let variant = try await VariantGenerator(storage: storage).variant(Self.small, of: source)
            #expect(variant.name == name)
            #expect(try Image(decoding: await storage.bytes(of: name)).size == Size(width: 256, height: 171))
            #expect(try await storage.allFileNames() == [source, name].sorted())
        }
    }

    @Test(arguments: StorageFactory.all)
    func aThousandConcurrentRequestsForOneMissingVariantMakeItOnce(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let source = try await storage.save("a.jpg", content: ContentFile(Data(Self.photo)), maxLength: nil)
            let generator = VariantGenerator(storage: storage)
            let results = try await withThrowingTaskGroup(of: ImageVariant.self) { group in
                var results: [ImageVariant] = []
                for request in 0..<1000 {
                    // At most 100 requests in flight.
                    if request >= 100, let done = try await group.next() { results.append(done) }
                    group.addTask { try await generator.variant(Self.small, of: source) }
                }
                for try await done in group { results.append(done) }
                return results
            }
            #expect(results.count == 1000)
            // One variant: one name and size (an S3 URL is presigned, so it changes with the clock).
            #expect(Set(results.map { "\($0.name) \($0.width)×\($0.height)" }).count == 1)
            #expect(await generator.statistics == GenerationStatistics(decodes: 1, variantsWritten: 1))
            #expect(try await storage.allFileNames() == [source, Self.small.variantName(of: source)].sorted())
        }
    }

    @Test(arguments: StorageFactory.all)
    func twoProcessesMakingTheSameVariantLeaveOneFile(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let source = try await storage.save("a.jpg", content: ContentFile(Data(Self.photo)), maxLength: nil)
            async let one = VariantGenerator(storage: storage).generate([Self.small], for: source)
            async let two = VariantGenerator(storage: storage).generate([Self.small], for: source)
            let records = try await [one, two]
            #expect(records[0] == records[1])
            #expect(records[0].variant(for: Self.small)?.name == Self.small.variantName(of: source))
            #expect(try await storage.allFileNames() == [source, Self.small.variantName(of: source)].sorted())
        }
    }

    @Test(arguments: StorageFactory.all)
    func renderingFromTheRecordReadsNothingFromTheStorage(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let generator = VariantGenerator(storage: storage)
            let record = try await generator.save(
                "p.jpg", content: ContentFile(Data(Self.photo)), specs: [Self.small, Self.avatar])
            let kept = try JSONDecoder().decode(StoredImage.self, from: JSONEncoder().encode(record))
            #expect(kept == record)
            // With every file gone, the record still renders: nothing was read from the storage.
            for name in try await storage.allFileNames() { try await storage.delete(name) }
            let small = try #require(try await kept.variant(Self.small, in: storage))
            #expect(small.url == (try await storage.url(small.name)))
            #expect(small.size == Size(width: 256, height: 171))
            #expect(try await kept.variant(Self.avatar, in: storage)?.size == Size(square: 128))
            // A spec whose recipe changed no longer finds the old variant.
            let changed = try ImageSpec("small", fitting: Size(square: 300), format: .jpeg(quality: 85))
            #expect(kept.variant(for: changed) == nil)
        }
    }

    /// A density whose spec cannot be made is an error from the record, as it is from the generator,
    /// never a silently missing candidate.
    @Test func aRecordsSourceSetThrowsForADensityWhoseSpecOverflows() async throws {
        // 1000×10 fits the box at 1×; the source has 16× those pixels, but the box × 16 overflows.
        let spec = try ImageSpec("wide", fitting: Size(width: 1 << 59, height: 10))
        var record = StoredImage(name: "a.jpg", width: 16_000, height: 160)
        record.variants["wide"] = StoredImage.Variant(name: spec.variantName(of: "a.jpg"), width: 1000, height: 10)
        let storage = InMemoryStorage(baseURL: "/media/")
        #expect(try await record.sourceSet(spec, densities: [1], in: storage)?.candidates.count == 1)
        let error = await #expect(throws: VariantError.self) {
            try await record.sourceSet(spec, densities: [1, 16], in: storage)
        }
        #expect(error?.source == "a.jpg")
        guard case .spec = error?.cause else {
            Issue.record("expected an ImageSpecError, got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: StorageFactory.all)
    func sourceSetsOfferOnlyTheDensitiesTheSourceHasPixelsFor(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let generator = VariantGenerator(storage: storage)
            let specs = try Self.small.atDensities([1, 2, 3])
            let big = try await generator.save("big.jpg", content: ContentFile(Data(Self.photo)), specs: specs)
            let set = try #require(try await big.sourceSet(Self.small, in: storage))
            #expect(set.candidates.map(\.density) == [1, 2, 3])
            #expect(set.candidates.map(\.variant.width) == [256, 512, 768])
            let urls = try await specs.asyncMap { try await storage.url($0.variantName(of: big.name)) }
            #expect(set.attribute == "\(urls[0]) 1x, \(urls[1]) 2x, \(urls[2]) 3x")

            // 300×200 has the pixels for 256 but not for 512: the 2× is skipped, as browsers expect.
            let tiny = try ThumbnailSetTests.photo(width: 300, height: 200)
            let little = try await generator.save("little.jpg", content: ContentFile(Data(tiny)), specs: specs)
            let littleSet = try #require(try await little.sourceSet(Self.small, in: storage))
            #expect(littleSet.candidates.map(\.density) == [1])
            #expect(littleSet.attribute == "\(try await storage.url(Self.small.variantName(of: little.name))) 1x")

            // Lazily: only the densities the source can give are made.
            let lazy = try await VariantGenerator(storage: storage).sourceSet(Self.avatar, of: little.name)
            #expect(lazy.candidates.map(\.density) == [1])
            #expect(lazy.fallback?.size == Size(square: 128))
        }
    }

    @Test(arguments: StorageFactory.all)
    func aSourceThatIsNotAnImageWritesNothing(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let generator = VariantGenerator(storage: storage)
            let text = ContentFile(Data("hello, not a picture".utf8), name: "notes.jpg")
            let error = await #expect(throws: VariantError.self) {
                try await generator.save("notes.jpg", content: text, specs: [Self.small, Self.avatar])
            }
            #expect(error?.source == "notes.jpg")
            #expect(error?.specs == ["small", "avatar"])
            #expect(
                error?.description.hasPrefix(
                    #"Cannot make the "small", "avatar" variants of "notes.jpg": not a recognised image"#)
                    == true)
            #expect(try await storage.allFileNames() == [])

            // Lazily, for a stored non-image: the source stays, no variant appears.
            let stored = try await storage.save("docs/notes.jpg", content: text, maxLength: nil)
            let lazy = await #expect(throws: VariantError.self) { try await generator.variant(Self.small, of: stored) }
            #expect(lazy?.source == stored)
            #expect(lazy?.specs == ["small"])
            #expect(try await storage.allFileNames() == [stored])
            #expect(await generator.statistics.variantsWritten == 0)
        }
    }

    @Test(arguments: StorageFactory.all)
    func aSourceOverThePixelLimitWritesNothing(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let generator = VariantGenerator(storage: storage, options: DecodingOptions(maximumPixelCount: 1_000_000))
            let error = await #expect(throws: VariantError.self) {
                try await generator.save("big.jpg", content: ContentFile(Data(Self.photo)), specs: [Self.small])
            }
            #expect(error?.imagingError == .tooManyPixels(width: 2400, height: 1600, limit: 1_000_000))
            #expect(error?.source == "big.jpg")
            #expect(try await storage.allFileNames() == [])
        }
    }

    @Test(arguments: StorageFactory.all)
    func aMissingSourceIsAStorageErrorNamingIt(_ factory: StorageFactory) async throws {
        try await factory.withStorage { (storage: any FileStorage) async throws in
            let error = await #expect(throws: VariantError.self) {
                try await VariantGenerator(storage: storage).variant(Self.small, of: "gone.jpg")
            }
            #expect(error?.storageError?.code == .notFound)
            #expect(error?.source == "gone.jpg")
            #expect(try await storage.allFileNames() == [])
        }
    }
}

/// An actor that keeps an upload and saves it with its variants, as a request handler might.
actor UploadKeeper {
    let upload = ContentFile(Data(VariantStorageTests.photo), name: "kept.jpg")

    func saveKeeping(with generator: VariantGenerator) async throws -> StoredImage {
        let record = try await generator.save(nil, content: upload, specs: [VariantStorageTests.small])
        // Still this actor's file: readable after the save.
        try upload.seek(to: 0)
        #expect(try upload.read().count == VariantStorageTests.photo.count)
        return record
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
