import FilesHummingbird
import FilesMultipart
import Foundation
import HTTPTypes
import Hummingbird
import UploadApp

/// The upload app's routes on a Hummingbird router: `GET /`, `GET /photos` (JSON), `POST /photos`,
/// `DELETE /photos/{id}`, `POST /photos/{id}/delete` (the page's button), `GET /photos/finalize` (where
/// S3 redirects after a direct upload), `GET /media/v/**` (signed thumbnails, `SignedVariantMiddleware`)
/// and, through Hummingbird's `FileMiddleware` over the storage, `GET /media/**`.
///
/// ```swift
/// let router = Router()
/// UploadRoutes(app: app).add(to: router)
/// ```
public struct UploadRoutes: Sendable {
    /// The framework-free app the routes call.
    public let app: UploadApp

    /// Routes over `app`.
    public init(app: UploadApp) {
        self.app = app
    }

    /// Adds the routes to `router`.
    public func add<Context: RequestContext>(to router: Router<Context>) {
        router.get("/") { request, _ in
            Self.html(await app.page(olderThan: request.uri.queryParameters.get("before").flatMap { Int($0) }))
        }
        router.get("/photos") { request, _ in
            await list(request)
        }
        router.post("/photos") { request, _ in
            await app.admitting { await upload(request) }
        }
        router.get("/photos/finalize") { request, _ in
            await app.admitting { await finalize(request) }
        }
        router.delete("/photos/:id") { _, context in
            await delete(context.parameters.get("id") ?? "", redirect: false)
        }
        router.post("/photos/:id/delete") { _, context in
            await delete(context.parameters.get("id") ?? "", redirect: true)
        }
        // The stored files, streamed by Hummingbird's own file serving (ranges, ETag, 304). The signed
        // variants are served from the storage on every backend, S3 included (several servers behind a
        // balancer each answer them); plain `/media/<name>` only where the page links there (not S3).
        // Both are middleware after the routes: a router's middleware wraps only the routes added after
        // it (and the requests none matched), so they answer the requests no route matched, and the
        // signed route costs a prefix check instead of the router's `**` match.
        router.add(middleware: SignedVariantMiddleware<Context>(app: app))
        guard let storage = app.mediaStorage else { return }
        router.add(
            middleware: FileMiddleware<Context, StorageFileProvider>(
                storage: storage, urlBasePath: Self.mediaPrefix, cacheControl: Self.mediaCacheControl))
    }

    /// Where the stored files are served.
    static let mediaPrefix = "/media"
    /// Where the signed variants are served (`SignedVariantMiddleware`).
    static let signedVariantPrefix = "\(mediaPrefix)/v/"
    /// A stored file may be replaced under its name: revalidate it (ETag, Last-Modified) every time.
    static let mediaCacheControl = CacheControl([(MediaType(type: .any), [.public, .maxAge(0)])])

    func upload(_ request: Request) async -> Response {
        let wantsJSON = UploadApp.wantsJSON(accept: request.headers[.accept])
        do throws(UploadAppError) {
            let form: FormData
            do {
                form = try await request.formData(limits: app.limits, handlers: app.uploadHandlers())
            } catch {
                throw UploadAppError(error)
            }
            let photo = try await app.upload(form)
            guard wantsJSON else { return Response(status: .seeOther, headers: [.location: "/"]) }
            return Self.json(.created, (try? JSONEncoder().encode(photo)) ?? Data())
        } catch {
            let status = HTTPResponse.Status(code: error.status)
            guard wantsJSON else { return Self.html(await app.page(error: error.message), status: status) }
            return Self.json(status, error.jsonBody)
        }
    }

    /// `GET /photos/finalize?token=…&bucket=…&key=…`: 303 to the page (JSON: 201 and the photo), or the
    /// page with the reason and the 4xx.
    func finalize(_ request: Request) async -> Response {
        let wantsJSON = UploadApp.wantsJSON(accept: request.headers[.accept])
        do throws(UploadAppError) {
            let photo = try await app.finalizeDirectUpload(query: request.uri.query ?? "")
            guard wantsJSON else { return Response(status: .seeOther, headers: [.location: "/"]) }
            return Self.json(.created, (try? JSONEncoder().encode(photo)) ?? Data())
        } catch {
            let status = HTTPResponse.Status(code: error.status)
            guard wantsJSON else { return Self.html(await app.page(error: error.message), status: status) }
            return Self.json(status, error.jsonBody)
        }
    }

    /// `GET /photos`: the gallery as JSON for a client that asks for it, else the page.
    func list(_ request: Request) async -> Response {
        guard UploadApp.wantsJSON(accept: request.headers[.accept]) else { return Self.html(await app.page()) }
        do throws(UploadAppError) {
            return Self.json(.ok, try await app.photosJSON())
        } catch {
            return Self.json(HTTPResponse.Status(code: error.status), error.jsonBody)
        }
    }

    /// `DELETE /photos/{id}` (204) or the page's `POST /photos/{id}/delete` (303 to `/`).
    func delete(_ id: String, redirect: Bool) async -> Response {
        do throws(UploadAppError) {
            try await app.deletePhoto(id)
            return redirect ? Response(status: .seeOther, headers: [.location: "/"]) : Response(status: .noContent)
        } catch {
            let status = HTTPResponse.Status(code: error.status)
            guard !redirect else { return Self.html(await app.page(error: error.message), status: status) }
            return Self.json(status, error.jsonBody)
        }
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    static func json(_ status: HTTPResponse.Status, _ body: Data) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func response(_ media: MediaResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in media.headers {
            if let name = HTTPField.Name(name) { headers.append(HTTPField(name: name, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: media.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: media.body)))
    }
}
