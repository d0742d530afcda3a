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

    /// The header block's extent, for ``MultipartLimits/maximumHeaderSize`` and for locating the next part.
    var headerBlock: HeaderBlockScanner
    /// The part's headers by lower-cased name; for a repeated header the last one counts, as in Django.
    var headers: [String: String] = [:]
    /// What the part is.
    var content = Content.undetermined
    /// The body bytes the parser reported, before any decoding.
    var bodyByteCount = 0

    init(headerStart: Int, headerLimit: Int) {
        headerBlock = HeaderBlockScanner(start: headerStart, limit: headerLimit)
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
    var pending = Data()
    /// Bytes handed to the handlers so far (after decoding).
    var size = 0
}
