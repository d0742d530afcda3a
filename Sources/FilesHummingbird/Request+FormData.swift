#if Hummingbird
import Files
import FilesMultipart
import Hummingbird

extension Request {
    /// Streams this request's `multipart/form-data` body through the upload handlers and returns its
    /// text fields and files, without ever collecting the body in memory.
    ///
    /// ```swift
    /// router.post("photos") { request, context in
    ///     let form = try await request.formData()
    ///     defer { form.closeFiles() }
    ///     guard let photo = form.files["photo"] else { throw HTTPError(.badRequest) }
    ///     …
    /// }
    /// ```
    ///
    /// Hummingbird's own limit (`maxUploadSize`) applies only to bodies it collects; this one streams,
    /// so `limits` are the only bound. Catch `MultipartFormError` and throw it as a
    /// ``MultipartResponseError`` (or let the route's caller do it) to answer 413 or 400.
    ///
    /// The corresponding Django API is `request.POST` and `request.FILES`, filled by `MultiPartParser`.
    ///
    /// - Parameters:
    ///   - limits: The size and count limits; Django's defaults unless given.
    ///   - handlers: The upload-handler chain each file part goes through.
    /// - Throws: `MultipartFormError` when the request is not multipart, the body is malformed or ends
    ///   early, a limit is exceeded or a handler fails; every temporary file is removed by then.
    public func formData(
        limits: MultipartLimits = MultipartLimits(),
        handlers: [any FileUploadHandler] = UploadReceiver.defaultHandlers()
    ) async throws(MultipartFormError) -> FormData {
        guard let contentType = headers[.contentType] else {
            throw .malformed("the request has no Content-Type")
        }
        return try await MultipartFormParser.parse(
            body, contentType: contentType, contentLength: headers[.contentLength].flatMap { Int($0) },
            limits: limits, handlers: handlers)
    }
}
#endif
