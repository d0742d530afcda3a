import Foundation
import NIOCore
import NIOHTTP1

/// A `multipart/form-data` body built part by part, as a browser would send it.
public struct MultipartBody {
    public let boundary = "----VaporUploadServerTests\(UInt32.random(in: 0...UInt32.max))"
    private var buffer = ByteBuffer()
    private var isClosed = false

    public init() {}

    /// A text field.
    public mutating func field(_ name: String, _ value: String) {
        buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }

    /// A file part.
    public mutating func file(_ name: String, fileName: String, contentType: String, content: Data) {
        buffer.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\n"
                + "Content-Type: \(contentType)\r\n\r\n")
        buffer.writeBytes(content)
        buffer.writeString("\r\n")
    }

    /// The closing boundary, written once when the body is first read.
    private mutating func close() {
        guard !isClosed else { return }
        buffer.writeString("--\(boundary)--\r\n")
        isClosed = true
    }

    /// The headers to send it with.
    public var headers: HTTPHeaders {
        ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
    }

    /// The finished body, closing boundary included.
    public var bytes: ByteBuffer {
        mutating get {
            close()
            return buffer
        }
    }
}
