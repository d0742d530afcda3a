#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An in-memory upload built from bytes, mostly for tests: Django's `SimpleUploadedFile`.
///
/// ```swift
/// let upload = try SimpleUploadedFile(name: "notes.txt", content: Data("hi".utf8))
/// upload.contentType  // "text/plain"
/// upload.size         // 2
/// ```
///
/// It has no ``FileObject/mode``, no field name and no charset.
///
/// The corresponding Django API is `SimpleUploadedFile(name, content, content_type="text/plain")`.
open class SimpleUploadedFile: InMemoryUploadedFile {
    /// One value of the dictionary given to ``fromDictionary(_:)``: text or bytes.
    public enum DictionaryValue: Sendable, Equatable, ExpressibleByStringLiteral {
        /// A string, e.g. a file name or a content type.
        case text(String)
        /// Bytes, e.g. the content.
        case data(Data)

        /// A text value from a string literal.
        public init(stringLiteral value: String) {
            self = .text(value)
        }
    }

    /// An upload of `content` (`nil` means empty) with the declared size `content.count`.
    ///
    /// Throws ``FileError/suspiciousFileOperation(_:)`` when no safe name can be derived from `name`.
    public init(name: String?, content: Data?, contentType: String? = "text/plain") throws(FileError) {
        let content = content ?? Data()
        try super.init(MemoryStream(content), name: name, contentType: contentType, size: content.count)
    }

    /// Builds an upload from `filename`, `content` and optionally `content-type` (default `text/plain`).
    ///
    /// ```swift
    /// let upload = try SimpleUploadedFile.fromDictionary(["filename": "a.txt", "content": .data(bytes)])
    /// ```
    ///
    /// `content` may be bytes or text (stored as UTF-8); `filename` and `content-type` must be text.
    /// Throws ``FileError/missingKey(_:)`` or ``FileError/invalidValue(key:expected:)``.
    ///
    /// The corresponding Django API is `SimpleUploadedFile.from_dict(file_dict)`.
    public static func fromDictionary(_ dictionary: [String: DictionaryValue]) throws(FileError) -> SimpleUploadedFile {
        guard let filename = dictionary["filename"] else { throw .missingKey("filename") }
        guard case .text(let name) = filename else { throw .invalidValue(key: "filename", expected: "text") }
        let content: Data
        switch dictionary["content"] {
        case nil: throw .missingKey("content")
        case .data(let data): content = data
        case .text(let text): content = Data(text.utf8)
        }
        var contentType = "text/plain"
        switch dictionary["content-type"] {
        case nil: break
        case .text(let text): contentType = text
        case .data: throw .invalidValue(key: "content-type", expected: "text")
        }
        return try SimpleUploadedFile(name: name, content: content, contentType: contentType)
    }
}
