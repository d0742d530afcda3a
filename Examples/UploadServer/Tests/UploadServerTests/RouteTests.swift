import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UploadApp

@Suite struct RouteTests {
    @Test func theHomePageHasTheUploadForm() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: response.body)
            #expect(html.contains("<input type=\"file\" name=\"photo\" accept=\"image/*\""))
            #expect(html.contains("No photos yet."))
        }
    }

    @Test func aJSONUploadAnswers201WithTheDisplayedSizes() async throws {
        let server = try await TestServer()
        let photo = try Corpus.data("exif-orientation/Portrait_6.jpg")
        try await server.test { client in
            let response = try await client.postPhotos(MultipartBody.photo(photo, fileName: "Portrait_6.jpg"))
            #expect(response.status == .created)
            let json = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            // Stored 1800 × 1200 with orientation 6: displayed 1200 × 1800; Pillow's thumbnail gives 171 × 256.
            #expect(json.name == "photos/Portrait_6.jpg")
            #expect(json.url == "/media/photos/Portrait_6.jpg")
            #expect((json.width, json.height) == (1200, 1800))
            let small = try #require(json.thumbnails["small"])
            let avatar = try #require(json.thumbnails["avatar"])
            #expect((small.width, small.height) == (171, 256))
            #expect((avatar.width, avatar.height) == (128, 128))
            #expect(Set(json.thumbnails.keys) == ["small", "avatar"])
            // The thumbnails are served by the signed variant route.
            #expect(small.url.hasPrefix("/media/v/") && small.url.hasSuffix("/small/photos/Portrait_6.jpg"))
            // Every URL serves the image it names.
            for url in [json.url, small.url, avatar.url] {
                let media = try await client.execute(uri: url, method: .get)
                #expect(media.status == .ok)
                #expect(media.headers[.contentType] == "image/jpeg")
            }
            let raw = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let keys: Set<String> = ["id", "name", "url", "width", "height", "thumbnails", "thumbhash", "blurhash"]
            #expect(Set(raw.keys) == keys)
        }
    }

    /// With one place, six uploads posted at once wait their turn and all get in: the queue hands
    /// its place on every time (a place lost would leave the others waiting until the time limit).
    @Test(.timeLimit(.minutes(1)))
    func uploadsBeyondTheConcurrencyLimitWaitTheirTurn() async throws {
        let server = try await TestServer(uploadConcurrency: 1)
        let photo = try Corpus.data("exif-orientation/Landscape_1.jpg")
        try await server.test { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        try await client.postPhotos(MultipartBody.photo(photo, fileName: "p\(index).jpg")).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: .created, count: 6))
            #expect(try await server.app.photos().count == 6)
        }
    }

    @Test func aFormUploadRedirectsToTheGalleryNewestFirst() async throws {
        let server = try await TestServer()
        let first = try Corpus.data("exif-orientation/Landscape_1.jpg")
        let second = try Corpus.data("exif-orientation/Portrait_6.jpg")
        try await server.test { client in
            let one = try await client.postPhotos(MultipartBody.photo(first, fileName: "first.jpg"), json: false)
            #expect(one.status == .seeOther)
            #expect(one.headers[.location] == "/")
            let two = try await client.postPhotos(MultipartBody.photo(second, fileName: "second.jpg"), json: false)
            #expect(two.status == .seeOther)
            let html = String(buffer: try await client.execute(uri: "/", method: .get).body)
            let firstAt = try #require(html.range(of: "first.jpg · 1800 × 1200"))
            let secondAt = try #require(html.range(of: "second.jpg · 1200 × 1800"))
            #expect(secondAt.lowerBound < firstAt.lowerBound)
            #expect(html.contains("class=\"small\" src=\"/media/v/"))
        }
    }

    /// The page shows the newest photos only (its cost would grow with the gallery otherwise) and
    /// links to the older ones; the JSON lists every photo.
    @Test func thePageShowsTheNewestPhotosAndLinksToTheOlderOnes() async throws {
        let server = try await TestServer()
        let photo = try Corpus.data("exif-orientation/Landscape_1.jpg")
        let count = UploadApp.photosPerPage + 2
        try await server.test { client in
            for index in 1...count {
                let upload = try await client.postPhotos(MultipartBody.photo(photo, fileName: "p\(index).jpg"))
                #expect(upload.status == .created)
            }
            let first = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(first.components(separatedBy: "<li>").count - 1 == UploadApp.photosPerPage)
            #expect(first.contains("p\(count).jpg") && first.contains("p3.jpg") && !first.contains("p2.jpg"))
            let link = try #require(first.firstMatch(of: /id="older" href="(\/\?before=\d+)"/)?.output.1)
            let second = String(buffer: try await client.execute(uri: String(link), method: .get).body)
            #expect(second.components(separatedBy: "<li>").count - 1 == 2)
            #expect(second.contains("p2.jpg") && second.contains("p1.jpg") && !second.contains("id=\"older\""))
            let json = try await client.execute(uri: "/photos", method: .get, headers: [.accept: "application/json"])
            #expect(try JSONDecoder().decode([PhotoJSON].self, from: Data(buffer: json.body)).count == count)
        }
    }

    @Test func mediaAnswers304ToAMatchingIfNoneMatch() async throws {
        let server = try await TestServer()
        let photo = try Corpus.data("exif-orientation/Landscape_1.jpg")
        try await server.test { client in
            let upload = try await client.postPhotos(MultipartBody.photo(photo, fileName: "l1.jpg"))
            let json = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: upload.body))
            let first = try await client.execute(uri: json.url, method: .get)
            #expect(first.status == .ok)
            #expect(Data(buffer: first.body) == photo)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.lastModified]?.hasSuffix(" GMT") == true)
            let again = try await client.execute(uri: json.url, method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            let other = try await client.execute(uri: json.url, method: .get, headers: [.ifNoneMatch: "\"nope\""])
            #expect(other.status == .ok)
        }
    }

    @Test(arguments: [
        "/media/../Package.swift", "/media/%2e%2e/Package.swift", "/media/photos/..%2f..%2fPackage.swift",
        "/media/%2fetc%2fpasswd", "/media/..%5c..%5cPackage.swift", "/media/missing.jpg", "/media/",
    ])
    func mediaNeverServesOutsideTheRoot(_ uri: String) async throws {
        let server = try await TestServer()
        // Something to find if a traversal got through: a file right beside the media root.
        try Data("secret".utf8).write(to: server.root.appendingPathComponent("Package.swift"))
        try await server.test { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect([.notFound, .badRequest].contains(response.status))
            #expect(!String(buffer: response.body).contains("secret"))
        }
    }
}
