import UploadApp
import Vapor

extension Response {
    /// A page, `text/html; charset=utf-8`.
    static func html(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: html))
    }

    /// A JSON body, `application/json; charset=utf-8`.
    static func json(status: HTTPResponseStatus, _ body: Data) -> Response {
        Response(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: body))
    }

    /// `DELETE /photos/<id>` (204) or the page's `POST /photos/<id>/delete` (303 to `/`); an error as
    /// JSON, or as the page with its message.
    static func deletingPhoto(_ id: String, of uploads: UploadApp, redirect: Bool) async -> Response {
        do throws(UploadAppError) {
            try await uploads.deletePhoto(id)
            return redirect ? Response(status: .seeOther, headers: ["Location": "/"]) : Response(status: .noContent)
        } catch {
            let status = HTTPResponseStatus(statusCode: error.status)
            guard !redirect else { return Response.html(await uploads.page(error: error.message), status: status) }
            return Response.json(status: status, error.jsonBody)
        }
    }

    /// `GET /photos/finalize?token=…&key=…`, where the bucket redirects after a direct upload: 303 to
    /// `/` (201 with the photo's JSON for a client that asks for JSON); a refused upload as the page
    /// with its reason (or JSON) and its 4xx.
    static func finalizingDirectUpload(_ request: Request, of uploads: UploadApp) async -> Response {
        let wantsJSON = UploadApp.wantsJSON(accept: request.headers.first(name: .accept))
        do throws(UploadAppError) {
            let photo = try await uploads.finalizeDirectUpload(query: request.url.query ?? "")
            guard wantsJSON else { return Response(status: .seeOther, headers: ["Location": "/"]) }
            return Response.json(status: .created, (try? JSONEncoder().encode(photo)) ?? Data())
        } catch {
            let status = HTTPResponseStatus(statusCode: error.status)
            guard wantsJSON else { return Response.html(await uploads.page(error: error.message), status: status) }
            return Response.json(status: status, error.jsonBody)
        }
    }

    /// A media file (or its 304 / 404) as UploadApp prepared it.
    convenience init(_ media: MediaResponse) {
        self.init(
            status: HTTPResponseStatus(statusCode: media.status),
            headers: HTTPHeaders(media.headers.map { ($0.name, $0.value) }), body: .init(data: media.body))
    }
}
