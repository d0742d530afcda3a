import Files

/// The Content-Type of a media file, from its extension: Files' `MIMETypes` (what `mimetypes.guess_type`
/// answers), and `application/octet-stream` for a name it has no type for.
enum MediaType {
    static func of(_ name: String) -> String {
        MIMETypes.guessType(of: name) ?? "application/octet-stream"
    }
}
