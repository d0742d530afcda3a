import Attachments
import Files
import Foundation
import Testing

@Suite("Naming: upload_to, generate_filename, maximum length, hostile names")
struct NamingTests {
    static let storageName = "naming-\(UUID().uuidString)"

    init() {
        AttachmentStorages.shared.register(InMemoryStorage(baseURL: "/media/"), as: Self.storageName)
    }

    @Test func uploadToExpandsStrftimeFieldsOfTheSaveDate() throws {
        let field = FileField<Photo>("document", uploadTo: "docs/%Y/%m/%d/", storage: Self.storageName)
        #expect(
            try field.generateFilename(for: Photo(), clientName: "a.pdf", at: Samples.date) == "docs/2026/12/06/a.pdf")
        let other = FileField<Photo>("document", uploadTo: "x/%y-%j-%H%M%S-%%/", storage: Self.storageName)
        #expect(
            try other.generateFilename(for: Photo(), clientName: "a.pdf", at: Samples.date) == "x/26-340-120000-%/a.pdf"
        )
    }

    @Test func uploadToCanBeAFunctionOfTheRecordAndTheClientName() throws {
        let field = FileField<Photo>(
            "document", uploadTo: UploadTo { photo, name in "users/\(photo.owner)/\(name.uppercased())" },
            storage: Self.storageName)
        #expect(try field.generateFilename(for: Photo(owner: "bob"), clientName: "a.pdf") == "users/bob/A.PDF")
    }

    @Test func generateFilenameValidatesThenLetsTheStorageMakeTheNameSafe() throws {
        let field = FileField<Photo>("document", uploadTo: "docs/", storage: Self.storageName)
        // The storage's get_valid_name: spaces to underscores, odd characters dropped.
        #expect(
            try field.generateFilename(for: Photo(), clientName: "john's portrait.pdf") == "docs/johns_portrait.pdf")
        // validate_file_name refuses a path that climbs out.
        let climbing = FileField<Photo>(
            "document", uploadTo: UploadTo { _, name in "../\(name)" }, storage: Self.storageName)
        #expect(throws: AttachmentError.self) { try climbing.generateFilename(for: Photo(), clientName: "a.pdf") }
        do {
            _ = try climbing.generateFilename(for: Photo(), clientName: "a.pdf")
        } catch {
            #expect(error.code == .invalidName)
            #expect(error.field == "document")
        }
    }

    @Test func aLongNameIsShortenedInTheStemNeverRefused() throws {
        let field = FileField<Photo>("document", uploadTo: "docs/%Y/%m/", storage: Self.storageName, maximumLength: 100)
        let long = String(repeating: "x", count: 300) + ".tar.gz"
        let name = try field.generateFilename(for: Photo(), clientName: long, at: Samples.date)
        #expect(name.count == 100)
        #expect(name.hasPrefix("docs/2026/12/xxx"))
        #expect(name.hasSuffix("x.tar.gz"))
    }

    @Test func aNameWhoseDirectoryAloneIsTooLongIsATypedError() {
        let field = FileField<Photo>(
            "document", uploadTo: .directory(String(repeating: "d", count: 40) + "/"), storage: Self.storageName,
            maximumLength: 30)
        #expect {
            try field.generateFilename(for: Photo(), clientName: "a.pdf")
        } throws: { error in
            (error as? AttachmentError)?.code == .invalidName
        }
    }

    @Test func anEmptyFieldSaysSoInDjangosWords() async throws {
        let empty = FieldFile(field: "photo", attachment: nil)
        #expect(empty.name == nil)
        #expect(!empty.hasFile)
        #expect(throws: AttachmentError.noFile(field: "photo")) { try empty.size() }
        await #expect(throws: AttachmentError.noFile(field: "photo")) { try await empty.url() }
        await #expect(throws: AttachmentError.noFile(field: "photo")) { try await empty.open() }
        #expect(
            AttachmentError.noFile(field: "photo").description
                == "The 'photo' attribute has no file associated with it.")
    }

    @Test func fieldFilesAreEqualWhenTheyNameTheSameFile() {
        let a = Attachment(name: "a.jpg", storage: "s", contentType: "image/jpeg", size: 1, sha256: "00")
        var b = a
        b.size = 2
        #expect(FieldFile(field: "photo", attachment: a) == FieldFile(field: "photo", attachment: b))
        b.name = "b.jpg"
        #expect(FieldFile(field: "photo", attachment: a) != FieldFile(field: "photo", attachment: b))
    }

    @Test func anUnknownStorageIsATypedErrorNamingIt() throws {
        let field = FileField<Photo>("document", storage: "nowhere-\(UUID().uuidString)")
        #expect {
            try field.generateFilename(for: Photo(), clientName: "a.pdf")
        } throws: { error in
            let error = error as? AttachmentError
            return error?.code == .unknownStorage && error?.reason.contains("nowhere") == true
        }
    }
}
