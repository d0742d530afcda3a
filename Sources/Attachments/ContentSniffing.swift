import Imaging

/// The content type of a file from its first bytes, never from its name or the client's claim: every
/// image format Imaging recognises, and the common documents; `application/octet-stream` otherwise.
package enum ContentSniffing {
    /// How many leading bytes ``contentType(of:)`` looks at.
    package static let headerLength = 64

    package static func contentType(of header: [UInt8]) -> String {
        if let format = ImageFormat(detecting: header) { return format.mimeType }
        for (magic, type) in signatures where header.starts(with: magic) { return type }
        return "application/octet-stream"
    }

    private static let signatures: [([UInt8], String)] = [
        (Array("%PDF-".utf8), "application/pdf"),
        ([0x50, 0x4B, 0x03, 0x04], "application/zip"),
        ([0x1F, 0x8B], "application/gzip"),
        (Array("{\\rtf".utf8), "application/rtf"),
        ([0x49, 0x44, 0x33], "audio/mpeg"),
        (Array("OggS".utf8), "application/ogg"),
    ]
}
