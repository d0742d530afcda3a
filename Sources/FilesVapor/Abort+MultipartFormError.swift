#if Vapor
import FilesMultipart
import Vapor

extension Abort {
    /// The response for a multipart body that could not be read: 413 when a size limit was exceeded, 400
    /// for a malformed body, a count limit or a disconnect, 500 when storing a file failed; the reason is
    /// the error's one-sentence description.
    ///
    /// ```swift
    /// do throws(MultipartFormError) {   // `catch` then has the typed error
    ///     form = try await request.formData()
    /// } catch {
    ///     throw Abort(error)   // Vapor's ErrorMiddleware answers {"error": true, "reason": "…"}
    /// }
    /// ```
    ///
    /// The corresponding Django behaviour is `RequestDataTooBig` becoming a 413 and
    /// `MultiPartParserError`, `TooManyFieldsSent` and `TooManyFilesSent` a 400.
    public init(_ error: MultipartFormError) {
        self.init(HTTPResponseStatus(statusCode: error.status), reason: error.description)
    }
}
#endif
