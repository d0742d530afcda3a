import AsyncHTTPClient
import Crypto
import Files
import FilesS3
import Foundation
import NIOCore
import NIOHTTP1
import StorageTestSupport
import Testing

/// Presigned uploads sent to moto's server without authentication, where `.ci/moto-server.py` checks
/// presigned URLs as S3 does (the signature over the signed headers as received, the expiry, the body's
/// MD5): moto itself checks none of it. moto checks no form's policy or signature at all (it accepts any
/// form), so a form's signature is proved offline against AWS's example and botocore
/// (`PresignVectorTests`); here the form must land the object where it says and redirect.
@Suite struct PresignedUploadTests {
    // Computed: LeakSanitizer does not follow the pointer inside a `Data` kept in a global.
    static var jpeg: Data { Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("a browser's photo".utf8) }

    @Test func aFormPostedToThePresignedURLStoresTheFileAndRedirects() async throws {
        let moto = try Moto.environment()
        let storage = try await moto.storage(endpoint: moto.noAuthEndpoint)
        var policy = S3PostPolicy(key: .exactly("staging/photo 1.jpg"), expiresIn: .seconds(300))
        policy.contentType = .startingWith("image/")
        policy.contentLength = 1...1_000_000
        policy.successActionRedirect = "http://127.0.0.1:9/finish"
        let post = try storage.presignedPost(policy)
        #expect(post.name == "staging/photo 1.jpg")
        #expect(post.url == moto.noAuthEndpoint + "/\(Moto.bucket)")
        var fields = post.fields
        fields["Content-Type"] = "image/jpeg"
        let response = try await BrowserFormPost.send(to: post.url, fields: fields, file: Self.jpeg)
        #expect(response.status == .seeOther)
        let location = try #require(response.headers.first(name: "Location"))
        #expect(location.hasPrefix("http://127.0.0.1:9/finish?"))
        #expect(location.contains("bucket=\(Moto.bucket)"))
        #expect(try await storage.open("staging/photo 1.jpg", mode: FileMode("rb")).read() == Self.jpeg)
        #expect(try await storage.metadata("staging/photo 1.jpg")["content-type"] == "image/jpeg")
    }

    @Test func aPutToThePresignedURLWithItsHeadersStoresTheBody() async throws {
        let moto = try Moto.environment()
        let storage = try await moto.storage(endpoint: moto.noAuthEndpoint)
        let md5 = Data(Insecure.MD5.hash(data: Self.jpeg)).base64EncodedString()
        let put = try storage.presignedPut(
            "staging/a b+c.jpg", contentLength: Self.jpeg.count, contentMD5: md5, contentType: "image/jpeg",
            expiresIn: .seconds(300))
        #expect(put.url.contains("X-Amz-SignedHeaders=content-length%3Bcontent-md5%3Bcontent-type%3Bhost&"))
        var request = HTTPClientRequest(url: put.url)
        request.method = .PUT
        for (name, value) in put.headers where name != "Content-Length" {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(bytes: Self.jpeg))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status == .ok)
        #expect(try await storage.open("staging/a b+c.jpg", mode: FileMode("rb")).read() == Self.jpeg)
        #expect(try await storage.metadata("staging/a b+c.jpg")["content-type"] == "image/jpeg")
    }

    /// What S3 refuses: another length, digest or type than the signed ones, or a body that is not the
    /// one whose digest was signed; nothing is stored.
    @Test func aPutWithAnotherLengthDigestTypeOrBodyIsRefused() async throws {
        let moto = try Moto.environment()
        let storage = try await moto.storage(endpoint: moto.noAuthEndpoint)
        let md5 = Data(Insecure.MD5.hash(data: Self.jpeg)).base64EncodedString()
        let put = try storage.presignedPut(
            "staging/refused.jpg", contentLength: Self.jpeg.count, contentMD5: md5, contentType: "image/jpeg",
            expiresIn: .seconds(300))
        func send(_ body: Data, md5: String, type: String = "image/jpeg") async throws -> (UInt, String) {
            var request = HTTPClientRequest(url: put.url)
            request.method = .PUT
            request.headers.add(name: "Content-MD5", value: md5)
            request.headers.add(name: "Content-Type", value: type)
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            return (response.status.code, String(buffer: try await response.body.collect(upTo: 64 * 1024)))
        }
        let longer = Self.jpeg + Data("!".utf8)
        let longerMD5 = Data(Insecure.MD5.hash(data: longer)).base64EncodedString()
        let (lengthStatus, lengthBody) = try await send(longer, md5: longerMD5)
        #expect(lengthStatus == 403)
        #expect(lengthBody.contains("SignatureDoesNotMatch"))
        let (digestStatus, _) = try await send(Self.jpeg, md5: longerMD5)
        #expect(digestStatus == 403)
        let (typeStatus, _) = try await send(Self.jpeg, md5: md5, type: "image/png")
        #expect(typeStatus == 403)
        var swapped = Self.jpeg
        swapped[swapped.count - 1] ^= 0xFF
        let (bodyStatus, bodyText) = try await send(swapped, md5: md5)
        #expect(bodyStatus == 400)
        #expect(bodyText.contains("BadDigest"))
        #expect(try await !storage.exists("staging/refused.jpg"))
        let (rightStatus, _) = try await send(Self.jpeg, md5: md5)
        #expect(rightStatus == 200)
        #expect(try await storage.exists("staging/refused.jpg"))
    }

    @Test func aPresignedURLWithAnAlteredSignatureIsRefused() async throws {
        let moto = try Moto.environment()
        let storage = try await moto.storage(endpoint: moto.noAuthEndpoint)
        let name = try await storage.save("a.txt", content: ContentFile("a"), maxLength: nil)
        let url = try await storage.url(name)
        let signature = try #require(url.firstRange(of: "X-Amz-Signature="))
        let altered = String(url[..<signature.upperBound]) + String(repeating: "0", count: 64)
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: altered), timeout: .seconds(30))
        #expect(response.status == HTTPResponseStatus.forbidden)
        let good = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        #expect(good.status == .ok)
    }
}
