#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The part a ``MultipartFormParser`` is reading, from its boundary to the next one.
struct MultipartPart {
    /// What the part turned out to be once its headers were read.
    enum Content {
        /// The headers are still arriving.
        case undetermined
        /// A text field: its bytes are collected, within ``MultipartLimits/maximumFieldDataSize``.
        case field(name: String, isBase64: Bool, bytes: [UInt8])
        /// A file: its bytes go to the upload handlers in chunks.
        case file(FilePart)
        /// A file whose name sanitises to nothing, or that a handler skipped: its bytes are dropped.
        case skipped
    }

    /// Reads the part's header block, and holds its headers.
    var headerBlock: HeaderBlockParser
    /// What the part is.
    var content = Content.undetermined

    init(headerLimit: Int) {
        headerBlock = HeaderBlockParser(limit: headerLimit)
    }
}

/// A file part on its way to the handlers: raw bytes gather into chunks of the handlers' chunk size.
struct FilePart {
    /// The form field the file came in.
    var fieldName: String
    /// The sanitised file name, for messages.
    var fileName: String
    /// Decodes `Content-Transfer-Encoding: base64`; `nil` for raw content.
    var base64: Base64ChunkDecoder?
    /// Raw bytes not yet handed on; never more than one chunk.
    var pending: Data
    /// Bytes handed to the handlers so far (after decoding).
    var size = 0

    init(fieldName: String, fileName: String, base64: Base64ChunkDecoder?, chunkSize: Int) {
        self.fieldName = fieldName
        self.fileName = fileName
        self.base64 = base64
        // One allocation for the chunk, however many network reads fill it.
        pending = Data(capacity: chunkSize)
    }
}
