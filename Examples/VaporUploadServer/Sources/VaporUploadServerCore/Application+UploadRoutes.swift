import FilesMultipart
import FilesVapor
import UploadApp
import Vapor

extension Application {
    /// Serves `uploads` over this application: the page, the streamed upload and the media files.
    ///
    /// ```swift
    /// let app = try await Application.make(.production)
    /// app.useUploadRoutes(try await UploadApp(options: options))
    /// try await app.execute()
    /// ```
    ///
    /// - `GET /`: the upload form and the gallery.
    /// - `POST /photos`: the body streams into FilesMultipart (`body: .stream`, so Vapor never collects
    ///   it); 201 with the photo's JSON for a client that asks for JSON, else 303 back to `/`. Errors are
    ///   400 / 413 / 500, as JSON or as the page with the message.
    /// - `GET /photos` with `Accept: application/json`: the gallery, newest first (else the page).
    /// - `GET /photos/finalize`: where the bucket redirects after a direct upload (`--direct-uploads`);
    ///   303 back to `/`, or the page with the reason the upload was refused.
    /// - `DELETE /photos/<id>`: 204, or 400 / 404 as JSON; `POST /photos/<id>/delete` (the page's
    ///   button): 303 back to `/`.
    /// - `GET /media/v/<signature>/<spec>/<source>`: a thumbnail behind a signed URL, made on first
    ///   request, cached for a year (`immutable`).
    /// - `GET /media/<name>`: the stored files, streamed by Vapor's `FileIO`, with `ETag`,
    ///   `Last-Modified`, 304 and ranges.
    ///
    /// It also replaces Vapor's default middleware with ``RequestLogMiddleware`` (one line per request,
    /// with its status and duration) and Vapor's `ErrorMiddleware`.
    public func useUploadRoutes(_ uploads: UploadApp) {
        middleware = Middlewares()
        middleware.use(RequestLogMiddleware())
        middleware.use(ErrorMiddleware.default(environment: environment))

        get { request async -> Response in
            Response.html(await uploads.page(olderThan: request.query[Int.self, at: "before"]))
        }
        on(.POST, "photos", body: .stream) { request async -> Response in
            await uploads.admitting { await PhotoUpload(uploads: uploads, request: request).response() }
        }
        get("photos") { request async -> Response in
            guard UploadApp.wantsJSON(accept: request.headers.first(name: .accept)) else {
                return Response.html(await uploads.page())
            }
            do throws(UploadAppError) {
                return Response.json(status: .ok, try await uploads.photosJSON())
            } catch {
                return Response.json(status: HTTPResponseStatus(statusCode: error.status), error.jsonBody)
            }
        }
        get("photos", "finalize") { request async -> Response in
            await uploads.admitting { await Response.finalizingDirectUpload(request, of: uploads) }
        }
        delete("photos", ":id") { request async -> Response in
            await Response.deletingPhoto(request.parameters.get("id") ?? "", of: uploads, redirect: false)
        }
        post("photos", ":id", "delete") { request async -> Response in
            await Response.deletingPhoto(request.parameters.get("id") ?? "", of: uploads, redirect: true)
        }
        // The stored files through Vapor's own FileIO (FilesVapor's `streamStoredFile`), streamed. The
        // signed variants on every backend (several servers behind a balancer each answer them); plain
        // `/media/<name>` not on S3, whose URLs point at the bucket.
        get("media", "v", "**") { request async -> Response in
            await uploads.serveVariant(path: request.url.path, refused: { Response($0) }) { name in
                let response = await request.streamStoredFile(name, from: uploads.variantStorage)
                // A 404 from the storage: the variant is not made yet.
                guard response.status != .notFound else { return nil }
                if [.ok, .notModified, .partialContent].contains(response.status) {
                    response.headers.replaceOrAdd(name: .cacheControl, value: VariantFile.cacheControl)
                }
                return response
            }
        }
        guard let storage = uploads.mediaStorage else { return }
        get("media", "**") { request async -> Response in
            // Vapor's path components are still percent-encoded: decode the name once.
            let raw = request.parameters.getCatchall().joined(separator: "/")
            guard let name = raw.removingPercentEncoding else { return Response(status: .notFound) }
            let response = await request.streamStoredFile(name, from: storage)
            if response.status == .ok || response.status == .notModified {
                response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=0")
            }
            return response
        }
    }
}
