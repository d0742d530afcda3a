import Bridge
import Files
import FilesMultipart
import Foundation

/// Everything an upload server does except HTTP: the upload pipeline, the gallery page and the media
/// files. A server route is a few lines around one call of it (see Examples/UploadServer).
///
/// ```swift
/// let app = try await UploadApp(options: options)
/// // POST /photos
/// let form = try await MultipartFormParser.parse(body, contentType: type, limits: app.limits)
/// let photo = try await app.upload(form)                  // PhotoJSON, or UploadAppError (400/413/500)
/// // GET /
/// let html = await app.page()
/// // GET /media/<name>
/// let media = await app.media(name, ifNoneMatch: etag)   // 200, 304 or 404
/// ```
///
/// The corresponding Django code is a view reading `request.FILES["photo"]` into an `ImageField` with
/// two thumbnail aliases, a template listing the photos, and `django.views.static.serve`.
public final class UploadApp: Sendable {
    /// The file field the form posts the photo in.
    public static let fieldName = "photo"
    /// The default largest photo: 64 MiB.
    public static let defaultMaximumFileSize = 64 * 1024 * 1024

    /// Where the originals, thumbnails and records are stored.
    public let storage: any Storage
    /// The multipart limits to parse an upload with: Django's defaults plus the largest photo.
    public let limits: MultipartLimits
    /// The thumbnails each upload gets.
    public let specs: PhotoSpecs
    /// The photos uploaded so far.
    public let gallery: Gallery
    /// Where uploads over 2.5 MiB are spilled while they arrive (`nil`: `TMPDIR`, else `/tmp`).
    public let temporaryDirectory: String?

    private let generator: VariantGenerator
    private let media: MediaFiles
    private let uploads: JobQueue?

    /// An app over `storage`, with the gallery kept in it.
    ///
    /// `uploadConcurrency` uploads are received and processed at once, the others waiting in arrival
    /// order (see ``admitting(_:)``); `0` admits every upload at once.
    public init(
        storage: any Storage, maximumFileSize: Int = UploadApp.defaultMaximumFileSize,
        temporaryDirectory: String? = nil,
        uploadConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async throws(UploadAppError) {
        self.storage = storage
        uploads = uploadConcurrency > 0 ? JobQueue(width: uploadConcurrency) : nil
        self.temporaryDirectory = temporaryDirectory
        var limits = MultipartLimits()
        limits.maximumFileSize = maximumFileSize
        self.limits = limits
        do {
            specs = try PhotoSpecs()
        } catch {
            throw UploadAppError(status: 500, message: error.description)
        }
        generator = VariantGenerator(storage: storage)
        media = MediaFiles(storage: storage)
        gallery = await Gallery(storage: storage)
    }

    /// An app over the storage the flags choose: `--media-root` on disk, or the `--s3-bucket` bucket
    /// (credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`).
    ///
    /// Call ``shutdown()`` when the server has stopped.
    public convenience init(options: UploadOptions) async throws(UploadAppError) {
        let storage = try StorageChoice.storage(for: options)
        try await self.init(
            storage: storage, maximumFileSize: options.maxFileSize, uploadConcurrency: options.uploadConcurrency)
    }

    /// Releases what the storage keeps open between requests (an S3 storage's HTTP client). Call it
    /// once, after the last request.
    public func shutdown() async {
        await StorageChoice.shutdown(storage)
    }

    /// Runs one `POST /photos` from its first body byte to its response, at most
    /// `uploadConcurrency` at a time and in arrival order: routes wrap their whole upload in it.
    ///
    /// Measured (Documentation/Performance.md): at concurrency 8 on 2 cores the p99 latency falls from
    /// ~640 ms to ~440 ms at the same throughput, because uploads no longer share the cores 8 ways.
    /// The cost is gunicorn's: a client that sends its body slowly holds a place until it finishes
    /// or the idle timeout closes it, so put a buffering proxy in front on a slow network, or raise
    /// the limit.
    public func admitting<Response: Sendable>(_ upload: () async -> Response) async -> Response {
        guard let uploads else { return await upload() }
        return await uploads.run(upload)
    }

    /// A fresh upload-handler chain for one request: Django's default (memory up to 2.5 MiB, then a
    /// temporary file in ``temporaryDirectory``). Handlers keep per-request state; never share one.
    public func uploadHandlers() -> [any FileUploadHandler] {
        UploadReceiver.defaultHandlers(temporaryDirectory: temporaryDirectory)
    }

    /// Saves the form's `photo` with its two thumbnails, adds it to the gallery and returns its JSON.
    ///
    /// Closes every file of `form` (their temporary files go away with them).
    ///
    /// - Throws: ``UploadAppError``: 400 with `"<file name>: <reason>"` for a file that is not an image
    ///   (nothing is stored then), 400 when the form has no photo, 500 when the storage fails.
    public func upload(_ form: FormData) async throws(UploadAppError) -> PhotoJSON {
        defer { form.closeFiles() }
        guard let file = form.files[Self.fieldName] else {
            throw UploadAppError(status: 400, message: "The form has no file in the field \"\(Self.fieldName)\".")
        }
        let fileName = file.name ?? Self.fieldName
        let image: StoredImage
        do {
            image = try await generator.save("photos/\(fileName)", content: file, specs: specs.all)
        } catch {
            if let imaging = error.imagingError {
                throw UploadAppError(status: 400, message: "\(fileName): \(imaging.reason)")
            }
            throw UploadAppError(status: 500, message: error.description)
        }
        do {
            try await gallery.add(image)
            return try await json(for: image)
        } catch {
            throw UploadAppError(status: 500, message: error.description)
        }
    }

    /// The HTML page: the upload form, `error` when given, and the gallery, newest first.
    public func page(error: String? = nil) async -> String {
        var photos: [PhotoJSON] = []
        for entry in await gallery.entries {
            if let photo = try? await json(for: entry.image) { photos.append(photo) }
        }
        return GalleryPage(photos: photos, error: error).html
    }

    /// The stored file `name` (a path under the media root, as `/media/<name>` gives it), with its
    /// Content-Type, ETag and Last-Modified; 304 when `ifNoneMatch` matches, 404 for anything else.
    ///
    /// Always 404 on S3: the page and the JSON link to the bucket's presigned URLs instead.
    public func media(_ name: String, ifNoneMatch: String? = nil) async -> MediaResponse {
        guard StorageChoice.servesMedia(storage) else { return MediaFiles.notFound }
        return await media.response(for: name, ifNoneMatch: ifNoneMatch)
    }

    /// Whether a request with this `Accept` header wants JSON rather than the page.
    public static func wantsJSON(accept: String?) -> Bool {
        guard let accept = accept?.lowercased() else { return false }
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    /// The JSON of a stored image, with the storage's URLs.
    func json(for image: StoredImage) async throws(StorageError) -> PhotoJSON {
        var thumbnails: [String: PhotoJSON.Image] = [:]
        for (spec, variant) in image.variants {
            thumbnails[spec] = PhotoJSON.Image(
                name: variant.name, url: try await storage.url(variant.name), width: variant.width,
                height: variant.height)
        }
        return PhotoJSON(
            name: image.name, url: try await storage.url(image.name), width: image.width, height: image.height,
            thumbnails: thumbnails)
    }
}
