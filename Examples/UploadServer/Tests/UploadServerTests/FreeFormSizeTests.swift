import Bridge
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UploadApp

/// `--free-form-sizes`: a signed URL naming `fit-WxH` or `fill-WxH` instead of a spec, within the
/// server's maximum; every refusal from the name alone, nothing opened, decoded or stored.
@Suite struct FreeFormSizeTests {
    @Test func aSizeWithinTheLimitIsMadeAndServed() async throws {
        let server = try await TestServer(freeFormSizes: try FreeFormSizes("300x300"))
        let data = try Corpus.data("exif-orientation/Landscape_1.jpg")
        try await server.test { client in
            let response = try await client.postPhotos(MultipartBody.photo(data, fileName: "free.jpg"))
            let photo = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            // 1800 × 1200: fitting 120 × 90 keeps 3:2 (120 × 80); filling 50 × 60 is exactly that.
            for (spec, width, height) in [("fit-120x90", 120, 80), ("fill-50x60", 50, 60), ("fit-300x300", 300, 200)] {
                let served = try await client.execute(uri: server.app.variantURL(spec, of: photo.name), method: .get)
                #expect(served.status == .ok, "\(spec)")
                #expect(served.headers[.contentType] == "image/jpeg")
                #expect(served.headers[.cacheControl] == VariantFile.cacheControl)
                let info = try ImageInfo(probing: [UInt8](Data(buffer: served.body)))
                #expect(info.width == width && info.height == height, "\(spec): \(info.width) × \(info.height)")
            }
        }
    }

    @Test func anAbsurdSizeIsA400WithItsReasonAndNothingIsStored() async throws {
        let server = try await TestServer(freeFormSizes: try FreeFormSizes("300x300"))
        let data = try Corpus.data("exif-orientation/Landscape_1.jpg")
        try await server.test { client in
            let response = try await client.postPhotos(MultipartBody.photo(data, fileName: "guarded.jpg"))
            let photo = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            let before = server.storedFiles()
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("fit-301x10", .badRequest, "The size 301x10 is outside the 1x1 to 300x300 this server makes."),
                ("fill-99999x99999", .badRequest, "The size 99999x99999 is outside"),
                ("fit-0x10", .badRequest, "The size 0x10 is outside"),
                // Not sizes at all (not canonical, too many digits, no box): unknown specs.
                ("fit-010x10", .notFound, "no image spec named"),
                ("fit-123456x1", .notFound, "no image spec named"),
                ("fit-1x1x1", .notFound, "no image spec named"),
                ("fit-x10", .notFound, "no image spec named"),
            ]
            for (spec, status, message) in cases {
                let refused = try await client.execute(uri: server.app.variantURL(spec, of: photo.name), method: .get)
                #expect(refused.status == status, "\(spec)")
                let body = String(buffer: refused.body)
                #expect(body.contains(message), "\(spec): \(body)")
            }
            #expect(server.storedFiles() == before)
        }
    }

    @Test func withoutTheOptionASizeIsAnUnknownSpec() async throws {
        let server = try await TestServer()
        let data = try Corpus.data("exif-orientation/Landscape_1.jpg")
        try await server.test { client in
            let response = try await client.postPhotos(MultipartBody.photo(data, fileName: "plain.jpg"))
            let photo = try JSONDecoder().decode(PhotoJSON.self, from: Data(buffer: response.body))
            let refused = try await client.execute(
                uri: server.app.variantURL("fit-100x100", of: photo.name), method: .get)
            #expect(refused.status == .notFound)
            #expect(String(buffer: refused.body).contains("no image spec named \"fit-100x100\""))
        }
    }

    @Test(arguments: ["", "300", "300x", "x300", "0x300", "300x0", "-1x5", "1e3x10", "300X300", "123456x1"])
    func aBadLimitIsRefusedAtStartUp(_ text: String) {
        #expect(throws: UploadAppError.self) { try FreeFormSizes(text) }
    }

    @Test func aLimitIsWidthByHeight() throws {
        let sizes = try FreeFormSizes("1200x800")
        #expect(sizes.maximumWidth == 1200 && sizes.maximumHeight == 800)
    }
}
