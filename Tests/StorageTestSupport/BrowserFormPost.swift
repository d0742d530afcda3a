import AsyncHTTPClient
import Foundation
import NIOCore

/// A presigned POST form sent as a browser sends it: the policy's fields, then the file, as
/// `multipart/form-data`; the answer is returned as it came, a redirect not followed (so that a test
/// sees S3's `success_action_redirect`).
public enum BrowserFormPost {
    /// Posts `fields` and `file` (named `fileName`, `image/jpeg`) to `url`.
    public static func send(
        to url: String, fields: [String: String], file: Data, fileName: String = "photo.jpg"
    ) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        request.body = .bytes(body(fields: fields, file: file, fileName: fileName))
        // HTTPClient.shared follows redirects; a browser's redirect is what the tests look at.
        var settings = HTTPClient.Configuration()
        settings.redirectConfiguration = .disallow
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
        do {
            let response = try await http.execute(request, timeout: .seconds(30))
            try await http.shutdown()
            return response
        } catch {
            try await http.shutdown()
            throw error
        }
    }

    static let boundary = "b0undary"

    /// The form's body: the fields in name order, then the file part, as S3 requires it last.
    static func body(fields: [String: String], file: Data, fileName: String) -> ByteBuffer {
        var text = ""
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n"
        text += "Content-Type: image/jpeg\r\n\r\n"
        var buffer = ByteBuffer(string: text)
        buffer.writeBytes(file)
        buffer.writeString("\r\n--\(boundary)--\r\n")
        return buffer
    }
}
