#if Vapor
import Files
import FilesMultipart
import Vapor

extension Request {
    /// Reads this request's `multipart/form-data` body as it streams in: Django's `request.POST` and
    /// `request.FILES` without collecting the body.
    ///
    /// ```swift
    /// app.on(.POST, "photos", body: .stream) { request async throws -> Response in
    ///     let form = try await request.formData()
    ///     defer { form.closeFiles() }  // removes the temporary files
    ///     guard let photo = form.files["photo"] else { throw Abort(.badRequest, reason: "No photo.") }
    ///     …
    /// }
    /// ```
    ///
    /// Register the route with `body: .stream`; otherwise Vapor collects the body first (16 KiB by
    /// default) and this only reads the collected buffer. The `Content-Type` header gives the boundary and
    /// `Content-Length` (when sent) lets `MemoryFileUploadHandler` decide memory or disk as Django does.
    /// Files above 2.5 MiB arrive on disk as `TemporaryUploadedFile`s.
    ///
    /// Throws `MultipartFormError` (named so that it cannot collide with the `MultipartError` that
    /// `import Vapor` re-exports from MultipartKit); `Abort(error)` turns it into the response
    /// (413 for a size limit, 400 for a malformed body, a count limit or a disconnect). The request's
    /// temporary files are already removed when it throws.
    ///
    /// The corresponding Django API is `request.POST` / `request.FILES` (`MultiPartParser(...).parse()`).
    public func formData(
        limits: MultipartLimits = MultipartLimits(),
        handlers: [any FileUploadHandler] = UploadReceiver.defaultHandlers()
    ) async throws(MultipartFormError) -> FormData {
        guard let contentType = headers.first(name: .contentType) else {
            throw .malformed("the request has no Content-Type")
        }
        return try await MultipartFormParser.parse(
            body, contentType: contentType, contentLength: declaredContentLength, limits: limits, handlers: handlers)
    }

    /// The `Content-Length` header as a number, `nil` when absent or not a number (a chunked body).
    private var declaredContentLength: Int? {
        headers.first(name: .contentLength).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
#endif
