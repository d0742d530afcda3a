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

    @Test func ifNoneMatchComparesWeakly() {
        #expect(MediaFiles.matches("\"a\", W/\"b\"", etag: "\"b\""))
        #expect(MediaFiles.matches("*", etag: "\"b\""))
        #expect(!MediaFiles.matches("\"a\"", etag: "\"b\""))
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
    @Test func aNewAppOverTheSameStorageSeesTheGallery() async throws {
        let storage = InMemoryStorage(baseURL: "/media/")
        let app = try await UploadApp(storage: storage)
        var form = FormData()
        let data = try Data(contentsOf: fixture("exif-orientation/Landscape_6.jpg"))
        form.files.append(try InMemoryUploadedFile(MemoryStream(data), name: "l6.jpg", size: data.count), for: "photo")
        let photo = try await app.upload(form)
        let again = try await UploadApp(storage: storage)
        let entries = await again.gallery.entries
        #expect(entries.map(\.image.name) == [photo.name])
        #expect(await again.page().contains(photo.thumbnails["small"]?.url ?? "missing"))
    }

    @Test func notAnImageNamesTheFile() async throws {
        let app = try await UploadApp(storage: InMemoryStorage(baseURL: "/media/"))
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
    }
}

func fixture(_ path: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../../Tests/Fixtures/corpus/\(path)"
    ).standardizedFileURL
}
