import FilesHummingbird
import HTTPTypes
import Hummingbird
import UploadApp

/// `GET /media/v/{signature}/{spec}/{source}`: the signed thumbnails, streamed by `FileMiddleware`
/// over the app's variant storage as `/media/<variant name>` is, with `Cache-Control` immutable.
///
/// ```swift
/// router.add(middleware: SignedVariantMiddleware<Context>(app: app))   // after the routes
/// ```
///
/// A middleware rather than a route: the router's `**` match costs about as much as the signature
/// check, and a prefix check on the path's bytes costs nothing. Every other request goes on
/// unchanged.
///
/// Cost, for a variant already stored: the HMAC check, the variant's name, then what `/media/<name>`
/// costs (`FileMiddleware`'s two storage calls and the streamed body).
struct SignedVariantMiddleware<Context: RequestContext>: RouterMiddleware {
    let app: UploadApp
    /// The variant storage's files, as `/media/<name>` would serve them.
    let files: FileMiddleware<Context, StorageFileProvider>

    init(app: UploadApp) {
        self.app = app
        files = FileMiddleware(
            storage: app.variantStorage, urlBasePath: UploadRoutes.mediaPrefix,
            cacheControl: UploadRoutes.mediaCacheControl)
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get, path.utf8.starts(with: UploadRoutes.signedVariantPrefix.utf8) else {
            return try await next(request, context)
        }
        return try await app.serveVariant(path: path, refused: UploadRoutes.response) { name in
            guard var response = try await serve(name, for: request, context: context) else { return nil }
            if response.status == .ok || response.status == .notModified || response.status == .partialContent {
                response.headers[.cacheControl] = VariantFile.cacheControl
            }
            return response
        }
    }

    /// The stored file `name`, as a request for `/media/<name>` with `request`'s method and headers
    /// (`Range`, `If-None-Match`…) would get it; `nil` when the storage has no such file.
    func serve(_ name: String, for request: Request, context: Context) async throws -> Response? {
        var head = request.head
        head.path = "\(UploadRoutes.mediaPrefix)/\(MediaPath.percentEncoded(name))"
        do {
            return try await files.handle(Request(head: head, body: request.body), context: context) { _, _ in
                throw NotStored()
            }
        } catch is NotStored {
            // `FileMiddleware` rethrows what the handler behind it threw when it has no such file.
            return nil
        }
    }

    /// What the stand-in for the handler behind `FileMiddleware` throws: the file is not stored.
    private struct NotStored: HTTPResponseError {
        var status: HTTPResponse.Status { .notFound }
        func response(from request: Request, context: some RequestContext) -> Response { Response(status: .notFound) }
    }
}
