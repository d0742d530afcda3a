import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UploadApp

/// The gallery's routes over its database: the JSON list, the deletes (API and form), and a restart.
@Suite struct PhotoRouteTests {
    @Test func theJSONListIsWhatTheUploadsAnsweredNewestFirst() async throws {
        let server = try await TestServer()
        let first = try Corpus.data("exif-orientation/Landscape_1.jpg")
        let second = try Corpus.data("exif-orientation/Portrait_6.jpg")
        try await server.test { client in
            var posted: [PhotoJSON] = []
            for (data, name) in [(first, "first.jpg"), (second, "second.jpg")] {
                let response = try await client.postPhotos(MultipartBody.photo(data, fileName: name))
                #expect(response.status == .created)
                posted.append(try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body)))
            }
            let list = try await client.execute(uri: "/photos", method: .get, headers: [.accept: "application/json"])
            #expect(list.status == .ok)
            #expect(list.headers[.contentType] == "application/json")
            let photos = try JSONDecoder().decode([PhotoJSON].self, from: Data(buffer: list.body))
            #expect(photos == posted.reversed())
            #expect(photos.allSatisfy { $0.id != nil })
            #expect(Set(photos.compactMap(\.id)).count == 2)
            // A browser asking for /photos gets the page.
            let page = try await client.execute(uri: "/photos", method: .get, headers: [.accept: "text/html"])
            #expect(String(buffer: page.body).contains("second.jpg · 1200 × 1800"))
        }
    }

    @Test func deleteRemovesTheRowThenTheOriginalAndEveryThumbnail() async throws {
        let server = try await TestServer()
        let data = try Corpus.data("exif-orientation/Landscape_1.jpg")
        try await server.test { client in
            let keep = try await client.postPhotos(MultipartBody.photo(data, fileName: "keep.jpg"))
            let kept = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: keep.body))
            let response = try await client.postPhotos(MultipartBody.photo(data, fileName: "gone.jpg"))
            let photo = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            let id = try #require(photo.id)
            let urls = [photo.url] + photo.thumbnails.values.map(\.url)
            #expect(urls.count == 3)
            #expect(server.storedFiles().count == 6)

            let delete = try await client.execute(uri: "/photos/\(id)", method: .delete)
            #expect(delete.status == .noContent)
            #expect(delete.body.readableBytes == 0)
            #expect(try await server.app.photos() == [kept])
            for url in urls {
                #expect(try await client.execute(uri: url, method: .get).status == .notFound, "\(url)")
            }
            // Only the other photo's three files are left.
            let left = Set([kept.name] + kept.thumbnails.values.map(\.name))
            #expect(Set(server.storedFiles().map { "\($0)" }) == left)

            let again = try await client.execute(uri: "/photos/\(id)", method: .delete)
            #expect(again.status == .notFound)
            #expect(String(buffer: again.body).contains("There is no photo \(id)."))
        }
    }

    @Test(arguments: ["abc", "-1", "0", "1.5", "99999999999999999999999"])
    func aMalformedIDIs400(_ id: String) async throws {
        let server = try await TestServer()
        try await server.test { client in
            let response = try await client.execute(uri: "/photos/\(id)", method: .delete)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/json")
            #expect(String(buffer: response.body).contains("is not a photo id."))
        }
    }

    @Test func thePagesDeleteButtonRedirectsToTheGalleryWithoutThePhoto() async throws {
        let server = try await TestServer()
        let data = try Corpus.data("exif-orientation/Portrait_6.jpg")
        try await server.test { client in
            let response = try await client.postPhotos(MultipartBody.photo(data, fileName: "button.jpg"))
            let id = try #require(try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body)).id)
            let before = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(before.contains("<form class=\"delete\" method=\"post\" action=\"/photos/\(id)/delete\">"))

            let delete = try await client.execute(uri: "/photos/\(id)/delete", method: .post)
            #expect(delete.status == .seeOther)
            #expect(delete.headers[.location] == "/")
            let after = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(!after.contains("button.jpg"))
            #expect(after.contains("No photos yet."))
            #expect(server.storedFiles() == [])

            let missing = try await client.execute(uri: "/photos/\(id)/delete", method: .post)
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body).contains("There is no photo \(id)."))
        }
    }

    @Test func aRestartedServerShowsTheSameGallery() async throws {
        let server = try await TestServer()
        let data = try Corpus.data("exif-orientation/Landscape_6.jpg")
        try await server.test { client in
            let response = try await client.postPhotos(MultipartBody.photo(data, fileName: "restart.jpg"))
            let photo = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            let restarted = try await server.restarted()
            #expect(try await restarted.photos() == [photo])
            #expect(await restarted.page().contains("restart.jpg · 1800 × 1200"))
            await restarted.shutdown()
        }
    }
}
