import AsyncHTTPClient
import Attachments
import DirectUploads
import Files
import FilesS3
import Foundation
import NIOCore
import StorageTestSupport
import Testing
import VariantURLs

/// The direct-upload flow against moto's signature-checking server (but for keys with XML's
/// metacharacters, which moto cannot verify): the upload itself is a plain `PUT`
/// of the staged name (moto checks no form policy anyway), then finalize must check what S3 would
/// have and what it would not. Every test leaves its prefix empty.
@Suite("Direct uploads: prepare, upload, finalize")
struct DirectUploadsTests {
    @Test func anUploadedPhotoIsFinalizedWithItsVariantAndPromoted() async throws {
        try await Bucket.with { bucket in
            let field = bucket.field()
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "holiday.jpg")
            #expect(upload.stagedName.hasPrefix("staging/"))
            #expect(upload.stagedName.hasSuffix("/photos/holiday.jpg"))
            #expect(upload.post.fields["key"] == upload.key)
            let photo = try Samples.jpeg()
            _ = try await bucket.storage.store(ContentFile(photo), as: upload.stagedName)

            let staged = try await bucket.uploads.finalize(
                token: upload.token, key: upload.key, for: field, record: Photo())
            #expect(staged.attachment.name == "photos/holiday.jpg")
            #expect(staged.attachment.contentType == "image/jpeg")
            #expect(staged.attachment.size == photo.count)
            #expect(staged.attachment.width == 320 && staged.attachment.height == 200)
            #expect(staged.attachment.originalName == "holiday.jpg")
            #expect(staged.attachment.variants.map(\.spec) == ["small"])
            #expect(staged.attachment.variant("small")?.width == 64)
            let promoted = try await staged.promote()
            #expect(try await bucket.names() == promoted.storedNames.sorted())
            #expect(try await bucket.storage.bytes(of: promoted.name) == photo)
            try await bucket.empty()
        }
    }

    /// On moto without authentication: moto verifies no signature of a key with a character encoded
    /// other than the space (see FilesS3's `CopyAndEscapingTests`); the signer's encoding is proved offline.
    @Test func keysWithXMLMetacharactersNeverBreakARequest() async throws {
        try await Bucket.with(noAuth: true) { bucket in
            // The storage makes the file's own name safe; the field's directory keeps every character.
            let field = ImageField<Photo>(
                "image", uploadTo: "a&b<c>\"d'e/", storage: bucket.name, maximumBytes: 1_000_000, specs: [Samples.small]
            )
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "x&y<z>.jpg")
            #expect(upload.stagedName.contains("/a&b<c>\"d'e/"))
            _ = try await bucket.storage.store(ContentFile(try Samples.jpeg()), as: upload.stagedName)
            let staged = try await bucket.uploads.finalize(
                token: upload.token, key: upload.key, for: field, record: Photo())
            let promoted = try await staged.promote()
            #expect(try await bucket.names() == promoted.storedNames.sorted())
            #expect(try await bucket.storage.exists(promoted.name))
            try await bucket.empty()
        }
    }

    @Test func anExpiredTokenIsRefusedAndItsObjectDeleted() async throws {
        try await Bucket.with { bucket in
            let field = bucket.field()
            let then = Date().addingTimeInterval(-3600)
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "late.jpg", at: then)
            _ = try await bucket.storage.store(ContentFile(try Samples.jpeg()), as: upload.stagedName)
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(token: upload.token, key: upload.key, for: field, record: Photo())
            }
            #expect(error?.code == .expiredToken)
            #expect(error?.status == 403)
            #expect(try await bucket.names() == [])
        }
    }

    @Test(arguments: [2, 3])
    func anAlteredTokenIsRefusedAndNothingIsTouched(part: Int) async throws {
        try await Bucket.with { bucket in
            let field = bucket.field()
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "mine.jpg")
            _ = try await bucket.storage.store(ContentFile(try Samples.jpeg()), as: upload.stagedName)
            var parts = upload.token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            // One character changed in the claims or the MAC.
            var characters = Array(parts[part])
            characters[5] = characters[5] == "A" ? "B" : "A"
            parts[part] = String(characters)
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(
                    token: parts.joined(separator: "."), key: upload.key, for: field, record: Photo())
            }
            #expect(error?.code == .invalidToken)
            #expect(error?.description.hasPrefix("Cannot finalize a direct upload: ") == true)
            // The key was not vouched for, so nothing was deleted; the real token still works.
            #expect(try await bucket.storage.exists(upload.stagedName))
            _ = try await bucket.uploads.finalize(token: upload.token, key: upload.key, for: field, record: Photo())
                .promote()
            try await bucket.empty()
        }
    }

    @Test func aReplayedTokenFindsNoStagedObject() async throws {
        try await Bucket.with { bucket in
            let field = bucket.field()
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "once.jpg")
            _ = try await bucket.storage.store(ContentFile(try Samples.jpeg()), as: upload.stagedName)
            let promoted = try await bucket.uploads.finalize(
                token: upload.token, key: upload.key, for: field, record: Photo()
            ).promote()
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(token: upload.token, key: upload.key, for: field, record: Photo())
            }
            #expect(error?.code == .notUploaded)
            #expect(error?.status == 404)
            #expect(try await bucket.names() == promoted.storedNames.sorted())
            try await bucket.empty()
        }
    }

    @Test func aKeyOutsideTheStagingPrefixOrNotTheTokensIsRefusedAndNotTouched() async throws {
        try await Bucket.with { bucket in
            let field = bucket.field()
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "a.jpg")
            let other = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "b.jpg")
            let photo = try Samples.jpeg()
            _ = try await bucket.storage.store(ContentFile(photo), as: "photos/kept.jpg")
            _ = try await bucket.storage.store(ContentFile(photo), as: other.stagedName)
            let outside = upload.key.replacingOccurrences(of: upload.stagedName, with: "photos/kept.jpg")
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(token: upload.token, key: outside, for: field, record: Photo())
            }
            #expect(error?.code == .outsideStaging)
            let wrong = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(token: upload.token, key: other.key, for: field, record: Photo())
            }
            #expect(wrong?.code == .wrongKey)
            #expect(wrong?.status == 403)
            #expect(try await bucket.names() == ["photos/kept.jpg", other.stagedName].sorted())
            try await bucket.empty()
        }
    }

    @Test func aFinalizeBeforeAnyUploadIsNotUploaded() async throws {
        try await Bucket.with { bucket in
            let field = bucket.field()
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "never.jpg")
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(token: upload.token, key: upload.key, for: field, record: Photo())
            }
            #expect(error?.code == .notUploaded)
            #expect(try await bucket.names() == [])
        }
    }

    /// moto enforces no policy, so an object bigger than the form allowed arrives with a plain `PUT`:
    /// finalize measures it (`HEAD`) and deletes it.
    @Test func anObjectBiggerThanThePolicyIsRejectedAndDeleted() async throws {
        try await Bucket.with { bucket in
            let photo = try Samples.jpeg(width: 640, height: 480)
            let field = bucket.field(maximumBytes: photo.count - 1)
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "big.jpg")
            #expect(
                upload.post.fields["policy"].flatMap { Data(base64Encoded: $0) }.map {
                    String(decoding: $0, as: UTF8.self)
                }?
                .contains("[\"content-length-range\", 1, \(photo.count - 1)]") == true)
            _ = try await bucket.storage.store(ContentFile(photo), as: upload.stagedName)
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(token: upload.token, key: upload.key, for: field, record: Photo())
            }
            #expect(error?.code == .rejected(.tooLarge))
            #expect(error?.status == 413)
            #expect(try await bucket.names() == [])
        }
    }

    @Test func aTextFileNamedLikeAPhotoIsRejectedAndDeleted() async throws {
        try await Bucket.with { bucket in
            let field = bucket.field()
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "photo.jpg")
            _ = try await bucket.storage.store(ContentFile("not a photo at all\n"), as: upload.stagedName)
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(token: upload.token, key: upload.key, for: field, record: Photo())
            }
            #expect(error?.code == .rejected(.disallowedType))
            #expect(error?.status == 415)
            #expect(error?.reason == "its content is not an image")
            #expect(try await bucket.names() == [])
        }
    }

    @Test func anImageOverThePixelLimitIsRejectedFromItsHeaderAndDeleted() async throws {
        try await Bucket.with { bucket in
            let field = bucket.field(maximumPixels: 320 * 200 - 1)
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "huge.jpg")
            _ = try await bucket.storage.store(ContentFile(try Samples.jpeg()), as: upload.stagedName)
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(token: upload.token, key: upload.key, for: field, record: Photo())
            }
            #expect(error?.code == .rejected(.tooManyPixels))
            #expect(try await bucket.names() == [])
        }
    }

    @Test func aTokenOfARotatedKeyIsAcceptedAndOneOfAnUnknownKeyIsNot() async throws {
        try await Bucket.with { bucket in
            let field = bucket.field()
            let old = DirectUploads(signingKey: URLSigningKey(bytes: Array("old".utf8), id: "k1"))
            let rotated = DirectUploads(signingKey: Bucket.key, acceptedKeys: old.signingKeys)
            let upload = try old.prepare(for: field, record: Photo(), clientName: "old.jpg")
            _ = try await bucket.storage.store(ContentFile(try Samples.jpeg()), as: upload.stagedName)
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(token: upload.token, key: upload.key, for: field, record: Photo())
            }
            #expect(error?.code == .invalidToken)
            _ = try await rotated.finalize(token: upload.token, key: upload.key, for: field, record: Photo()).promote()
            try await bucket.empty()
        }
    }

    @Test func aTokenForAnotherFieldIsRefused() async throws {
        try await Bucket.with { bucket in
            let avatar = ImageField<Photo>("avatar", storage: bucket.name, maximumBytes: 1_000_000)
            let upload = try bucket.uploads.prepare(for: avatar, record: Photo(), clientName: "a.jpg")
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(
                    token: upload.token, key: upload.key, for: bucket.field(), record: Photo())
            }
            #expect(error?.code == .wrongField)
            #expect(try await bucket.names() == [])
        }
    }

    @Test func anUploadNeverFinalizedIsSwept() async throws {
        try await Bucket.with { bucket in
            let field = bucket.field()
            let now = Date()
            let upload = try bucket.uploads.prepare(for: field, record: Photo(), clientName: "left.jpg", at: now)
            _ = try await bucket.storage.store(ContentFile(try Samples.jpeg()), as: upload.stagedName)
            let sweeper = StagingSweeper(storage: bucket.storage)
            let early = try await sweeper.sweep(olderThan: .seconds(3600), now: now)
            #expect(early.kept == 1 && early.deleted.isEmpty)
            let late = try await sweeper.sweep(olderThan: .seconds(3600), now: now.addingTimeInterval(7200))
            #expect(late.deleted == [upload.stagedName])
            #expect(try await bucket.names() == [])
        }
    }

    @Test func aFieldOutsideS3CannotPrepare() throws {
        let name = "memory-\(UUID().uuidString)"
        AttachmentStorages.shared.register(InMemoryStorage(), as: name)
        defer { AttachmentStorages.shared.removeStorage(named: name) }
        let field = ImageField<Photo>("image", storage: name)
        let error = #expect(throws: DirectUploadError.self) {
            try DirectUploads(signingKey: Bucket.key).prepare(for: field, record: Photo(), clientName: "a.jpg")
        }
        #expect(error?.code == .notS3)
        #expect(error?.status == 500)
        #expect(
            error?.description.hasPrefix("Cannot prepare a direct upload for \"image\": the field's storage") == true)
    }
}
