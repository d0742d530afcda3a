/// What making a variant for `GET /media/v/{signature}/{spec}/{source}` comes to: the stored variant,
/// for the server to send through its own file serving (as it sends `/media/<name>`), or a refusal to
/// send as it is. ``UploadApp/serveVariant(path:refused:stored:)`` hands the server one or the other.
///
/// ```swift
/// response.headers[.cacheControl] = VariantFile.cacheControl   // on a served variant's 200, 206 or 304
/// ```
public enum VariantFile: Sendable, Equatable {
    /// The variant is in the media storage under `name` (made now or on an earlier request).
    case stored(name: String)
    /// A 400, 403, 404, 422 or 500 with a one-sentence plain-text body; nothing was decoded for the
    /// 400, 403 and 404.
    case refused(MediaResponse)

    /// A variant's URL names its recipe and source, so its bytes never change: cache it for a year.
    public static let cacheControl = "public, max-age=31536000, immutable"
}
