/// The limits a ``MultipartFormParser`` enforces on one request, with Django's defaults.
///
/// ```swift
/// var limits = MultipartLimits()          // Django's defaults
/// limits.maximumFileSize = 20_000_000     // and 20 MB per photo
/// limits.maximumNumberOfFields = nil      // no limit
/// ```
///
/// A `nil` limit is no limit. Going over a size limit throws ``MultipartFormError/limitExceeded(_:limit:)``
/// with status 413; going over a count (or the header size) throws it with status 400.
///
/// The corresponding Django settings are `DATA_UPLOAD_MAX_MEMORY_SIZE`, `DATA_UPLOAD_MAX_NUMBER_FIELDS`,
/// `DATA_UPLOAD_MAX_NUMBER_FILES` and the parser's `MAX_TOTAL_HEADER_SIZE`.
public struct MultipartLimits: Sendable, Equatable {
    /// Bytes of text-field data in the request, each field also counting its name plus 2; default 2,621,440.
    ///
    /// Files do not count. The corresponding Django setting is `DATA_UPLOAD_MAX_MEMORY_SIZE`.
    public var maximumFieldDataSize: Int? = 2_621_440
    /// Text fields in the request; default 1,000. The corresponding Django setting is `DATA_UPLOAD_MAX_NUMBER_FIELDS`.
    public var maximumNumberOfFields: Int? = 1_000
    /// File parts in the request; default 100. The corresponding Django setting is `DATA_UPLOAD_MAX_NUMBER_FILES`.
    public var maximumNumberOfFiles: Int? = 100
    /// Bytes of one file, after any base64 decoding; default none. Django has no such setting.
    public var maximumFileSize: Int?
    /// Bytes of the whole body as sent, checked against `Content-Length` up front too; default none.
    /// Django leaves this to the web server.
    public var maximumRequestSize: Int?
    /// Bytes of one part's header block, from the end of its boundary through the blank line; default 1,024.
    ///
    /// The corresponding Django constant is `MAX_TOTAL_HEADER_SIZE` in `django.http.multipartparser`.
    public var maximumHeaderSize: Int = 1_024

    /// Django's defaults.
    public init() {}
}

/// One of the limits of ``MultipartLimits``, named in a ``MultipartFormError``.
public enum MultipartLimit: Sendable, Equatable, CaseIterable {
    /// ``MultipartLimits/maximumFieldDataSize``.
    case fieldDataSize
    /// ``MultipartLimits/maximumNumberOfFields``.
    case numberOfFields
    /// ``MultipartLimits/maximumNumberOfFiles``.
    case numberOfFiles
    /// ``MultipartLimits/maximumFileSize``.
    case fileSize
    /// ``MultipartLimits/maximumRequestSize``.
    case requestSize
    /// ``MultipartLimits/maximumHeaderSize``.
    case headerSize

    /// 413 (Payload Too Large) for sizes of content, 400 (Bad Request) for counts and header blocks.
    public var status: Int {
        switch self {
        case .fieldDataSize, .fileSize, .requestSize: return 413
        case .numberOfFields, .numberOfFiles, .headerSize: return 400
        }
    }

    /// What was over the limit, for messages: "text-field data", "text fields", ….
    var subject: String {
        switch self {
        case .fieldDataSize: return "bytes of text-field data"
        case .numberOfFields: return "text fields"
        case .numberOfFiles: return "files"
        case .fileSize: return "bytes in one file"
        case .requestSize: return "bytes"
        case .headerSize: return "bytes in one part's headers"
        }
    }

    /// The property of ``MultipartLimits`` and, where there is one, Django's setting.
    var setting: String {
        switch self {
        case .fieldDataSize: return "maximumFieldDataSize, Django's DATA_UPLOAD_MAX_MEMORY_SIZE"
        case .numberOfFields: return "maximumNumberOfFields, Django's DATA_UPLOAD_MAX_NUMBER_FIELDS"
        case .numberOfFiles: return "maximumNumberOfFiles, Django's DATA_UPLOAD_MAX_NUMBER_FILES"
        case .fileSize: return "maximumFileSize"
        case .requestSize: return "maximumRequestSize"
        case .headerSize: return "maximumHeaderSize, Django's MAX_TOTAL_HEADER_SIZE"
        }
    }
}
