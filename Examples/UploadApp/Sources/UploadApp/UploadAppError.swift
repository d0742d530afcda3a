import Attachments
import FilesMultipart
import Foundation

/// Why an upload or a page could not be served: the HTTP status and one sentence to show.
///
/// ```swift
/// do { photo = try await app.upload(form) } catch { respond(error.status, error.jsonBody) }
/// ```
///
/// The corresponding Django APIs are the 400 / 413 responses a view returns for a bad form.
public struct UploadAppError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400, 413 or 500.
    public var status: Int
    /// The sentence for the page and the JSON body, e.g. `notes.jpg: its content is not an image`.
    public var message: String

    /// An error answered with `status`.
    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    /// A multipart body's error: 413 for a size limit, 400 for the others (500 for a failed temp file).
    public init(_ error: MultipartFormError) {
        self.init(status: error.status, message: error.description)
    }

    /// A refused or failed attachment: 400 `"<file name>: <reason>"` for a file the image field refuses,
    /// 413 for one over its byte limit, 500 when the storage fails.
    init(attaching error: AttachmentError, fileName: String) {
        switch error.code {
        case .tooLarge: self.init(status: 413, message: "\(fileName): \(error.reason)")
        case .disallowedType, .tooManyPixels, .invalidName, .unreadable, .imaging, .noFile:
            self.init(status: 400, message: "\(fileName): \(error.reason)")
        case .storage, .unknownStorage, .outsideAttachmentTransaction:
            self.init(status: 500, message: error.description)
        }
    }

    /// `{"error": "<message>"}`.
    public var jsonBody: Data {
        (try? JSONEncoder.app.encode(["error": message])) ?? Data()
    }

    /// The message.
    public var description: String { message }
}

extension JSONEncoder {
    /// Sorted keys and unescaped slashes: stable bytes for tests, readable URLs.
    static var app: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
