import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UploadApp

/// `GET /media/v/{signature}/{spec}/{source}`: the thumbnails behind signed URLs, made on first
/// request, cached for a year; every refusal comes before anything is opened or decoded.
@Suite struct SignedVariantRouteTests {
    static let immutable = "public, max-age=31536000, immutable"

    @Test func aSignedThumbnailIsServedImmutableWithAnETagAnd304() async throws {
        let server = try await TestServer()
        let data = try Corpus.data("exif-orientation/Portrait_6.jpg")
        try await server.test { client in
            let response = try await client.postPhotos(MultipartBody.photo(data, fileName: "signed.jpg"))
            let photo = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            for (spec, thumbnail) in photo.thumbnails {
                #expect(thumbnail.url == server.app.variantURL(spec, of: photo.name))
                let first = try await client.execute(uri: thumbnail.url, method: .get)
                #expect(first.status == .ok, "\(spec)")
                #expect(first.headers[.contentType] == "image/jpeg")
                #expect(first.headers[.cacheControl] == Self.immutable)
                let stored = try Data(contentsOf: server.mediaRoot.appendingPathComponent(thumbnail.name))
                #expect(Data(buffer: first.body) == stored)
                let etag = try #require(first.headers[.eTag])
                let again = try await client.execute(uri: thumbnail.url, method: .get, headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified)
                #expect(again.headers[.cacheControl] == Self.immutable)
            }
        }
    }

    @Test func placeholdersAreInTheJSONAndUnderThePagesThumbnail() async throws {
        let server = try await TestServer()
        let data = try Corpus.data("exif-orientation/Portrait_6.jpg")
        try await server.test { client in
            let response = try await client.postPhotos(MultipartBody.photo(data, fileName: "hashed.jpg"))
            let photo = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            let thumbhash = try #require(photo.thumbhash)
            let bytes = try #require(Data(base64Encoded: thumbhash))
            #expect((5...25).contains(bytes.count))
            // A portrait: 3 × 4 components, so the size flag is (3 - 1) + (4 - 1) × 9 = 29, "T" in base 83,
            // and the string is flag, maximum, DC (4) and 11 AC components of 2 characters: 28.
            let blurhash = try #require(photo.blurhash)
            #expect(blurhash.count == 28)
            #expect(blurhash.first == "T")
            let list = try await client.execute(uri: "/photos", method: .get, headers: [.accept: "application/json"])
            #expect(try JSONDecoder().decode([PhotoJSON].self, from: Data(buffer: list.body)) == [photo])
            let page = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(page.contains("style=\"background: url(data:image/png;base64,"))
        }
    }

    @Test func aMissingVariantIsMadeOnceUnderItsDeterministicName() async throws {
        let server = try await TestServer()
        let data = try Corpus.data("exif-orientation/Landscape_1.jpg")
        try await server.test { client in
            let response = try await client.postPhotos(MultipartBody.photo(data, fileName: "lazy.jpg"))
            let photo = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            let small = try #require(photo.thumbnails["small"])
            let file = server.mediaRoot.appendingPathComponent(small.name)
            let original = try Data(contentsOf: file)
            try FileManager.default.removeItem(at: file)
            // Eight requests at once share one generation, which stores the variant under its name again.
            let bodies = try await withThrowingTaskGroup(of: (HTTPResponse.Status, Data).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let response = try await client.execute(uri: small.url, method: .get)
                        return (response.status, Data(buffer: response.body))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(bodies.count == 8)
            #expect(bodies.allSatisfy { $0.0 == .ok && $0.1 == original })
            #expect(try Data(contentsOf: file) == original)
            #expect(server.storedFiles().count == 3)
        }
    }

    @Test func refusalsComeBeforeAnyDecodeAndStoreNothing() async throws {
        let server = try await TestServer()
        let data = try Corpus.data("exif-orientation/Landscape_1.jpg")
        try await server.test { client in
            let response = try await client.postPhotos(MultipartBody.photo(data, fileName: "guarded.jpg"))
            let photo = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            let small = try #require(photo.thumbnails["small"]).url
            let before = server.storedFiles()
            // The signature is the segment after /media/v/; change its first character.
            var tampered = Array(small)
            let at = "/media/v/".count
            tampered[at] = tampered[at] == "A" ? "B" : "A"
            let cases: [(String, HTTPResponse.Status, String)] = [
                (String(tampered), .forbidden, "signed URL was refused"),
                ("/media/v/short/small/\(photo.name)", .forbidden, "signed URL was refused"),
                (server.app.variantURL("huge", of: photo.name), .notFound, "no image spec named \"huge\""),
                (server.app.variantURL("small", of: "photos/missing.jpg"), .notFound, "no image named"),
                (small.replacingOccurrences(of: "/small/", with: "/avatar/"), .forbidden, "signed URL was refused"),
                ("/media/v/\(String(repeating: "A", count: 43))/small/photos/%2e%2e/x.jpg", .badRequest, "refused"),
            ]
            for (url, status, message) in cases {
                let refused = try await client.execute(uri: url, method: .get)
                #expect(refused.status == status, "\(url)")
                #expect(String(buffer: refused.body).contains(message), "\(url): \(String(buffer: refused.body))")
            }
            #expect(server.storedFiles() == before)
        }
    }

    @Test func aSourceThatIsNotAnImageIsRefusedWithTheDecodersReasonOnce() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let photos = server.mediaRoot.appendingPathComponent("photos")
            try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
            try Data("not a JPEG at all".utf8).write(to: photos.appendingPathComponent("text.jpg"))
            let before = server.storedFiles()
            let refused = try await client.execute(
                uri: server.app.variantURL("small", of: "photos/text.jpg"), method: .get)
            #expect(refused.status == .unprocessableContent)
            let body = String(buffer: refused.body)
            // One sentence: the route's, ending in the generator's reason, not the generator's own sentence.
            #expect(body.hasPrefix("The small variant of photos/text.jpg cannot be made: "), "\(body)")
            #expect(!body.contains("Cannot make"), "\(body)")
            #expect(body.hasSuffix(".\n") && !body.hasSuffix("..\n"), "\(body)")
            #expect(server.storedFiles() == before)
        }
    }

    @Test func aSourceNameWithAPercentSignAndASpaceIsServed() async throws {
        let server = try await TestServer()
        let data = try Corpus.data("exif-orientation/Landscape_1.jpg")
        try await server.test { client in
            let photos = server.mediaRoot.appendingPathComponent("photos")
            try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
            try data.write(to: photos.appendingPathComponent("100% sun.jpg"))
            let url = server.app.variantURL("small", of: "photos/100% sun.jpg")
            #expect(url.hasSuffix("/small/photos/100%25%20sun.jpg"))
            // The name is decoded once: "%25" is a percent sign in it, not the start of another escape.
            let made = try await client.execute(uri: url, method: .get)
            #expect(made.status == .ok)
            #expect(made.headers[.cacheControl] == Self.immutable)
            let again = try await client.execute(uri: url, method: .get)
            #expect(again.status == .ok)
            #expect(Data(buffer: again.body) == Data(buffer: made.body))
            #expect(server.storedFiles().contains { $0.hasPrefix("photos/100% sun.small-") })
        }
    }
}
