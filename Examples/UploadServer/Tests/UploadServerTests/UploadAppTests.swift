import Files
import FilesMultipart
import Foundation
import Testing

@testable import UploadApp

@Suite struct MediaNameTests {
    @Test(arguments: ["../etc/passwd", "photos/../../x", "/etc/passwd", "a//b", "a\\b", "%2e%2e/x", "", "./a"])
    func unsafeNamesAreRefused(_ name: String) {
        #expect(MediaFiles.safeName(name) == nil)
    }

    @Test func plainNamesAreKept() {
        #expect(MediaFiles.safeName("photos/cat.small-1.jpg") == "photos/cat.small-1.jpg")
    }
}

@Suite struct VariantNamesTests {
    static let sources = ["photos/cat.jpg", "photos/100% sun.jpg", "a/b.c/d", ".bashrc", "photos/été.png"]

    @Test(arguments: sources)
    func aKeptNameIsTheSpecsVariantName(_ source: String) throws {
        let names = VariantNames()
        for spec in [PhotoSpecs.shared.small, PhotoSpecs.shared.avatar] {
            #expect(names.name(of: spec, for: source) == spec.variantName(of: source))
            #expect(names.name(of: spec, for: source) == spec.variantName(of: source))
        }
    }

    @Test func theTableStartsAgainWhenFullAndStaysRight() {
        let names = VariantNames()
        let small = PhotoSpecs.shared.small
        for index in 0...VariantNames.capacity {
            #expect(names.name(of: small, for: "photos/\(index).jpg") == small.variantName(of: "photos/\(index).jpg"))
        }
        #expect(names.name(of: small, for: "photos/0.jpg") == small.variantName(of: "photos/0.jpg"))
    }
}

@Suite struct PageTests {
    @Test func errorIsEscapedOnThePage() {
        let html = GalleryPage(photos: [], error: "<b>x.jpg</b>: bad").html
        #expect(html.contains("&lt;b&gt;x.jpg&lt;/b&gt;: bad"))
        #expect(html.contains("<input type=\"file\" name=\"photo\" accept=\"image/*\""))
    }

    @Test func acceptDecidesJSON() {
        #expect(UploadApp.wantsJSON(accept: "application/json"))
        #expect(!UploadApp.wantsJSON(accept: "text/html,application/xhtml+xml,*/*;q=0.8"))
        #expect(!UploadApp.wantsJSON(accept: nil))
    }
}

@Suite struct GalleryPersistenceTests {
    /// An SQLite file of its own, removed afterwards, and a storage name of its own.
    private func withDatabase(_ body: (DatabaseChoice, String) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gallery-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: path) }
        try await body(.sqlite(path: path.path), "gallery-tests-\(UUID().uuidString)")
    }

    @Test func aNewAppOverTheSameStorageAndDatabaseSeesTheGallery() async throws {
        try await withDatabase { database, name in
            let storage = InMemoryStorage(baseURL: "/media/")
            let app = try await UploadApp(
                storage: storage, database: database, storageName: name, urlSigningKey: TestServer.signingKey)
            var form = FormData()
            let data = try Data(contentsOf: fixture("exif-orientation/Landscape_6.jpg"))
            form.files.append(
                try InMemoryUploadedFile(MemoryStream(data), name: "l6.jpg", size: data.count), for: "photo")
            let photo = try await app.upload(form)
            await app.shutdown()
            let again = try await UploadApp(
                storage: storage, database: database, storageName: name, urlSigningKey: TestServer.signingKey)
            #expect(try await again.photos() == [photo])
            #expect(await again.page().contains(photo.thumbnails["small"]?.url ?? "missing"))
            await again.shutdown()
        }
    }

    @Test(arguments: ["sqlite:/tmp/g.sqlite", "postgres://u:p@127.0.0.1/db", "postgresql://127.0.0.1/db"])
    func theDatabaseFlagIsParsed(_ flag: String) throws {
        let choice = try DatabaseChoice(flag)
        #expect(choice.description.hasPrefix(flag.hasPrefix("sqlite") ? "sqlite:/tmp/g.sqlite" : "postgres"))
    }

    @Test func aBadDatabaseFlagIsAClearError() throws {
        #expect(throws: UploadAppError.self) { try DatabaseChoice("mysql://x") }
        #expect(DatabaseChoice.beside(mediaRoot: "./media/") == .sqlite(path: "./media.sqlite"))
        #expect(!(try DatabaseChoice("postgres://u:secret@h/db")).description.contains("secret"))
    }

    @Test func notAnImageNamesTheFile() async throws {
        try await withDatabase { database, name in try await notAnImage(database: database, storageName: name) }
    }

    private func notAnImage(database: DatabaseChoice, storageName: String) async throws {
        let storage = InMemoryStorage(baseURL: "/media/")
        let app = try await UploadApp(storage: storage, database: database, storageName: storageName)
        var form = FormData()
        form.files.append(
            try InMemoryUploadedFile(MemoryStream(Data("hello".utf8)), name: "photo.jpg", size: 5), for: "photo")
        do {
            _ = try await app.upload(form)
            Issue.record("a text file was accepted as a photo")
        } catch {
            #expect(error.status == 400)
            #expect(error.message.hasPrefix("photo.jpg: "))
        }
        // Nothing stored, not even staged, and no row.
        let listing = try await storage.listDirectory("")
        #expect(listing.directories == [] && listing.files == [])
        #expect(try await app.photos() == [])
        await app.shutdown()
    }
}

func fixture(_ path: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../../Tests/Fixtures/corpus/\(path)"
    ).standardizedFileURL
}
