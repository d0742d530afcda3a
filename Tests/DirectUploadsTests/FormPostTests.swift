import AsyncHTTPClient
import Attachments
import DirectUploads
import Files
import FilesS3
import Foundation
import NIOCore
import NIOHTTP1
import StorageTestSupport
import Testing

/// The whole flow through a form post, on moto without authentication (the signature-checking one
/// answers a browser's form with 500): the form's fields as prepared, S3's 303 to the finalize URL with
/// the token, bucket and key, and finalize from what that URL carries.
@Suite("Direct uploads: the form post and its redirect")
struct FormPostTests {
    /// Posts `upload`'s form with the file `file` named `fileName` and returns the query of S3's redirect.
    static func post(_ upload: DirectUpload, file: Data, fileName: String) async throws -> [URLQueryItem] {
        var fields = upload.post.fields
        fields["Content-Type"] = "image/jpeg"
        let response = try await BrowserFormPost.send(
            to: upload.post.url, fields: fields, file: file, fileName: fileName)
        #expect(response.status == .seeOther)
        let location = try #require(response.headers.first(name: "Location"))
        #expect(location.hasPrefix("http://127.0.0.1:9/finalize?"))
        return try #require(URLComponents(string: location)?.queryItems)
    }

    @Test func aPhotoPostedToTheBucketIsFinalizedFromTheRedirect() async throws {
        try await Bucket.with(noAuth: true) { bucket in
            let field = bucket.field()
            let upload = try bucket.uploads.prepare(
                for: field, record: Photo(), clientName: "cat & mouse.jpg", redirectTo: "http://127.0.0.1:9/finalize")
            let query = try await Self.post(upload, file: try Samples.jpeg(), fileName: "cat & mouse.jpg")
            let token = try #require(query.first { $0.name == "token" }?.value)
            let key = try #require(query.first { $0.name == "key" }?.value)
            #expect(token == upload.token)
            #expect(key == upload.key)
            let promoted = try await bucket.uploads.finalize(token: token, key: key, for: field, record: Photo())
                .promote()
            #expect(promoted.originalName == "cat & mouse.jpg")
            #expect(try await bucket.names() == promoted.storedNames.sorted())
            try await bucket.empty()
        }
    }

    /// A page rendered before the person picks a file: the key ends in `${filename}`, which S3 (and
    /// moto) replace with the file's name; finalize names the file through the field's `uploadTo`.
    @Test func aFormPreparedWithoutTheFileNameTakesItFromTheKey() async throws {
        try await Bucket.with(noAuth: true) { bucket in
            let field = bucket.field()
            let upload = try bucket.uploads.prepare(
                for: field, record: Photo(), redirectTo: "http://127.0.0.1:9/finalize?from=page")
            #expect(upload.key.hasSuffix("/${filename}"))
            let query = try await Self.post(upload, file: try Samples.jpeg(), fileName: "a&b<c>d'e.jpg")
            #expect(query.first { $0.name == "from" }?.value == "page")
            let token = try #require(query.first { $0.name == "token" }?.value)
            let key = try #require(query.first { $0.name == "key" }?.value)
            #expect(key.hasSuffix("/a&b<c>d'e.jpg"))
            let staged = try await bucket.uploads.finalize(token: token, key: key, for: field, record: Photo())
            #expect(staged.attachment.originalName == "a&b<c>d'e.jpg")
            #expect(staged.attachment.name.hasPrefix("photos/"))
            let promoted = try await staged.promote()
            #expect(try await bucket.names() == promoted.storedNames.sorted())
            // A `"` cannot be in a form's file name (browsers send %22): the key name holds the others.
            // Another name in the same directory is not this token's upload.
            let error = await #expect(throws: DirectUploadError.self) {
                try await bucket.uploads.finalize(
                    token: token, key: key.replacingOccurrences(of: "/a&b", with: "/zz"), for: field, record: Photo())
            }
            #expect(error?.code == .notUploaded)
            try await bucket.empty()
        }
    }
}
