import Attachments
import Bridge
import Crypto
import Files
import Foundation
import Imaging
import StorageTestSupport
import Testing

@Suite("Staging, promotion and discarding, on every backend")
struct StagingTests {
    static func imageField(_ storage: String, timing: VariantTiming = .atAttach) -> ImageField<Photo> {
        ImageField<Photo>(
            "photo", uploadTo: "photos/%Y/%m/", storage: storage, maximumBytes: 1 << 20, maximumPixels: 1_000_000,
            specs: [Samples.small, Samples.avatar], variants: timing)
    }

    @Test(arguments: StorageFactory.all)
    func anImageIsStagedWithItsVariantsThenPromotedToItsFinalNames(_ factory: StorageFactory) async throws {
        try await factory.withRegisteredStorage { storage, name in
            let field = Self.imageField(name)
            let upload = ContentFile(Samples.jpeg, name: "holiday.jpg")
            let staged = try await field.stage(upload, for: Photo(), at: Samples.date)
            let attachment = staged.attachment
            #expect(attachment.name == "photos/2026/12/holiday.jpg")
            #expect(attachment.contentType == "image/jpeg")
            #expect(attachment.size == Samples.jpeg.count)
            #expect(attachment.sha256 == SHA256.hash(data: Samples.jpeg).map { String(format: "%02x", $0) }.joined())
            #expect(attachment.originalName == "holiday.jpg")
            #expect(attachment.width == 600 && attachment.height == 400)
            #expect(attachment.variants.map(\.spec) == ["small", "avatar"])
            #expect(attachment.variant("small")?.width == 256)
            #expect(attachment.variant("avatar")?.height == 128)
            #expect(attachment.variant("small")?.name == Samples.small.variantName(of: attachment.name))
            #expect(attachment.variants.allSatisfy { $0.contentType == "image/jpeg" && $0.size > 0 })

            // Before the commit everything is below the staging prefix, nothing at a final name.
            let stagedNames = try await storage.allFileNames()
            #expect(stagedNames.count == 3)
            #expect(stagedNames.allSatisfy { $0.hasPrefix("staging/") })
            #expect(stagedNames.contains(staged.stagedName))
            #expect(try await !storage.exists(attachment.name))

            let promoted = try await staged.promote()
            #expect(promoted == attachment)
            #expect(try await storage.allFileNames() == attachment.storedNames.sorted())
            #expect(try await storage.allFileNames().allSatisfy { !$0.hasPrefix("staging/") })
            #expect(try await storage.bytes(of: attachment.name) == Samples.jpeg)
            for variant in attachment.variants {
                #expect(try await storage.size(variant.name) == variant.size)
            }
        }
    }

    @Test(arguments: StorageFactory.all)
    func aDiscardedStageLeavesNothing(_ factory: StorageFactory) async throws {
        try await factory.withRegisteredStorage { storage, name in
            let staged = try await Self.imageField(name).stage(ContentFile(Samples.jpeg, name: "a.jpg"), for: Photo())
            await staged.discard()
            #expect(try await storage.allFileNames() == [])
        }
    }

    @Test(arguments: StorageFactory.all)
    func aTakenNameGetsASuffixAndTwoStagesNeverShareOne(_ factory: StorageFactory) async throws {
        try await factory.withRegisteredStorage { storage, name in
            let field = Self.imageField(name)
            let first = try await field.stage(ContentFile(Samples.jpeg, name: "a.jpg"), for: Photo(), at: Samples.date)
            let second = try await field.stage(ContentFile(Samples.jpeg, name: "a.jpg"), for: Photo(), at: Samples.date)
            #expect(first.attachment.name != second.attachment.name)
            let promoted = [try await first.promote(), try await second.promote()]
            #expect(Set(promoted.map(\.name)).count == 2)
            let third = try await field.stage(ContentFile(Samples.jpeg, name: "a.jpg"), for: Photo(), at: Samples.date)
            #expect(!promoted.map(\.name).contains(third.attachment.name))
            await third.discard()
            #expect(try await storage.allFileNames() == promoted.flatMap(\.storedNames).sorted())
        }
    }

    @Test(arguments: StorageFactory.all)
    func promotionIntoANameTakenMeanwhileRenamesTheFileAndItsVariants(_ factory: StorageFactory) async throws {
        try await factory.withRegisteredStorage { storage, name in
            let field = Self.imageField(name)
            let staged = try await field.stage(ContentFile(Samples.jpeg, name: "a.jpg"), for: Photo(), at: Samples.date)
            // Another process stores a file under the same final name first.
            let intruder = try await storage.store(ContentFile(Data("other".utf8)), as: staged.attachment.name)
            #expect(intruder == staged.attachment.name)
            let promoted = try await staged.promote()
            if storage.overwritesNames {
                #expect(promoted.name == staged.attachment.name)
            } else {
                #expect(promoted.name != staged.attachment.name)
                #expect(try await storage.bytes(of: intruder) == Data("other".utf8))
                #expect(promoted.variant("small")?.name == Samples.small.variantName(of: promoted.name))
            }
            #expect(try await storage.bytes(of: promoted.name) == Samples.jpeg)
            for variant in promoted.variants { #expect(try await storage.exists(variant.name)) }
            #expect(try await storage.allFileNames().allSatisfy { !$0.hasPrefix("staging/") })
        }
    }

    @Test func aPNGNamedJpgIsRecordedAsPNG() async throws {
        try await StorageFactory.memory.withRegisteredStorage { _, name in
            let staged = try await Self.imageField(name).stage(
                ContentFile(Samples.png, name: "photo.jpg"), for: Photo())
            #expect(staged.attachment.contentType == "image/png")
            await staged.discard()
        }
    }

    @Test(arguments: StorageFactory.all)
    func refusedFilesLeaveNothingAnywhere(_ factory: StorageFactory) async throws {
        try await factory.withRegisteredStorage { storage, name in
            let field = Self.imageField(name)
            let text = ContentFile(Data("just some words, not a photo".utf8), name: "photo.jpg")
            await #expect {
                try await field.stage(text, for: Photo())
            } throws: { error in
                let error = error as? AttachmentError
                return error?.code == .disallowedType && error?.field == "photo" && error?.file == "photo.jpg"
                    && error?.description == "Cannot attach \"photo.jpg\" to \"photo\": its content is not an image."
            }
            let big = ContentFile(Data(repeating: 0xFF, count: (1 << 20) + 1), name: "big.jpg")
            await #expect {
                try await field.stage(big, for: Photo())
            } throws: { ($0 as? AttachmentError)?.code == .tooLarge }
            let huge = ContentFile(try Samples.image(width: 1200, height: 1000), name: "huge.jpg")
            await #expect {
                try await field.stage(huge, for: Photo())
            } throws: { ($0 as? AttachmentError)?.code == .tooManyPixels }
            let pngOnly = ImageField<Photo>("photo", storage: name, allowedFormats: [.png])
            await #expect {
                try await pngOnly.stage(ContentFile(Samples.jpeg, name: "a.jpg"), for: Photo())
            } throws: { ($0 as? AttachmentError)?.code == .disallowedType }
            let pdfOnly = FileField<Photo>("document", storage: name, allowedContentTypes: ["application/pdf"])
            await #expect {
                try await pdfOnly.stage(ContentFile(Samples.png, name: "a.pdf"), for: Photo())
            } throws: { ($0 as? AttachmentError)?.code == .disallowedType }
            #expect(try await storage.allFileNames() == [])
        }
    }

    @Test func hostileClientNamesAreSanitisedAndShortened() async throws {
        try await StorageFactory.memory.withRegisteredStorage { storage, name in
            let field = FileField<Photo>("document", uploadTo: "docs/", storage: name, maximumLength: 100)
            let climbing = try await field.stage(ContentFile(Samples.png, name: "../../etc/passwd"), for: Photo())
            #expect(climbing.attachment.name == "docs/passwd")
            #expect(climbing.attachment.originalName == "passwd")
            let nul = try await field.stage(ContentFile(Samples.png, name: "a\u{0}b.png"), for: Photo())
            #expect(nul.attachment.name == "docs/ab.png")
            let long = try await field.stage(
                ContentFile(Samples.png, name: String(repeating: "é", count: 300) + ".png"), for: Photo())
            #expect(long.attachment.name.unicodeScalars.count <= 100)
            #expect(long.attachment.name.hasSuffix(".png"))
            for staged in [climbing, nul, long] { _ = try await staged.promote() }
            #expect(try await storage.allFileNames().allSatisfy { $0.hasPrefix("docs/") })
        }
    }

    @Test func aFileFieldSniffsDocumentsAndKeepsTheRestOpaque() async throws {
        try await StorageFactory.memory.withRegisteredStorage { _, name in
            let field = FileField<Photo>("document", storage: name)
            let pdf = try await field.stage(ContentFile(Data("%PDF-1.7\n".utf8), name: "a.txt"), for: Photo())
            #expect(pdf.attachment.contentType == "application/pdf")
            #expect(pdf.attachment.width == nil && pdf.attachment.variants.isEmpty)
            let opaque = try await field.stage(ContentFile(Data("hello".utf8), name: "a.pdf"), for: Photo())
            #expect(opaque.attachment.contentType == "application/octet-stream")
            await pdf.discard()
            await opaque.discard()
        }
    }

    @Test(arguments: StorageFactory.all)
    func variantsOnFirstRequestAreMadeOnceAndDeletedWithTheFile(_ factory: StorageFactory) async throws {
        try await factory.withRegisteredStorage { storage, name in
            let field = Self.imageField(name, timing: .onFirstRequest)
            let staged = try await field.stage(ContentFile(Samples.jpeg, name: "a.jpg"), for: Photo())
            #expect(staged.attachment.variants.isEmpty)
            let attachment = try await staged.promote()
            #expect(try await storage.allFileNames() == [attachment.name])
            let file = FieldFile(field: "photo", attachment: attachment, specs: field.image.specs)
            async let first = file.variant("small")
            async let second = file.variant("small")
            let (a, b) = try await (first, second)
            #expect(a == b)
            #expect(a.width == 256)
            #expect(try await storage.allFileNames() == [attachment.name, a.name].sorted())
            #expect(await AttachmentCleanup.delete(attachment, specs: field.image.specs).isEmpty)
            #expect(try await storage.allFileNames() == [])
        }
    }

    @Test(arguments: StorageFactory.all)
    func cleanupDeletesTheFileAndEveryVariant(_ factory: StorageFactory) async throws {
        try await factory.withRegisteredStorage { storage, name in
            let attachment = try await Self.imageField(name).stage(
                ContentFile(Samples.jpeg, name: "a.jpg"), for: Photo()
            ).promote()
            let file = FieldFile(field: "photo", attachment: attachment)
            #expect(try await file.url().hasSuffix(attachment.name))
            let opened = try await file.open()
            #expect(try opened.read() == Samples.jpeg)
            try opened.close()
            #expect(await AttachmentCleanup.delete(attachment).isEmpty)
            #expect(try await storage.allFileNames() == [])
        }
    }
}

extension FileStorage {
    /// Whether this backend replaces a file stored under a taken name (S3, an overwriting disk).
    var overwritesNames: Bool {
        if let disk = self as? FileSystemStorage { return disk.allowOverwrite }
        return !(self is InMemoryStorage)
    }
}
