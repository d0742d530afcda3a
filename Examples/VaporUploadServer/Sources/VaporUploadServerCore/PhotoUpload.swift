import FilesMultipart
import FilesVapor
import UploadApp
import Vapor

/// One `POST /photos`: the streamed form through the upload pipeline, answered as the client asked.
struct PhotoUpload {
    let uploads: UploadApp
    let request: Request

    /// 201 with the photo's JSON, or 303 to `/` for a browser; the error as JSON or on the page.
    func response() async -> Response {
        let wantsJSON = UploadApp.wantsJSON(accept: request.headers.first(name: .accept))
        do {
            let photo = try await save()
            guard wantsJSON else { return request.redirect(to: "/", redirectType: .normal) }
            return Response.json(status: .created, (try? JSONEncoder().encode(photo)) ?? Data())
        } catch {
            request.logger.notice("upload refused: \(error.message)")
            let status = HTTPResponseStatus(statusCode: error.status)
            guard wantsJSON else { return Response.html(await uploads.page(error: error.message), status: status) }
            return Response.json(status: status, error.jsonBody)
        }
    }

    /// Parses the body as it arrives and stores the photo with its thumbnails.
    private func save() async throws(UploadAppError) -> PhotoJSON {
        let form: FormData
        do {
            form = try await request.formData(limits: uploads.limits, handlers: uploads.uploadHandlers())
        } catch {
            throw UploadAppError(error)
        }
        return try await uploads.upload(form)
    }
}
