import Attachments
import Bridge
import DirectUploads
import Files
import FilesMultipart
import FilesS3
import Foundation
import VariantURLs

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
/// // GET /photos (JSON), DELETE /photos/{id}
/// let list = try await app.photosJSON()
/// try await app.deletePhoto("3")                         // 400 malformed id, 404 unknown
/// // GET /media/<name> and GET /media/v/…: the server streams `mediaStorage`'s / `variantStorage`'s files
/// let response = try await app.serveVariant(path: path, refused: send) { name in try await serveMedia(name) }
/// ```
///
/// The corresponding Django code is a view reading `request.FILES["photo"]` into a model's `ImageField`
/// with two thumbnail aliases, a template listing the photos, and `django.views.static.serve`.
public final class UploadApp: Sendable {
    /// The file field the form posts the photo in.
    public static let fieldName = "photo"
    /// The default largest photo: 64 MiB.
    public static let defaultMaximumFileSize = 64 * 1024 * 1024

    /// Where the originals and thumbnails are stored.
    public let storage: any FileStorage
    /// The multipart limits to parse an upload with: Django's defaults plus the largest photo.
    public let limits: MultipartLimits
    /// The thumbnails each upload gets.
    public let specs: PhotoSpecs
    /// The photos uploaded so far: rows in the database, files in ``storage``.
    public let gallery: Gallery
    /// Where uploads over 2.5 MiB are spilled while they arrive (`nil`: `TMPDIR`, else `/tmp`).
    public let temporaryDirectory: String?

    private let variants: SignedVariants
    private let uploads: JobQueue?
    /// With `--direct-uploads`: the forms and tokens, and the URL S3 redirects to after an upload.
    private let direct: (uploads: DirectUploads, finalizeURL: String)?

    /// An app over `storage`, with the gallery's rows in `database`; `storageName` is the name the
    /// rows record for the storage (keep it across restarts), `urlSigningKey` the hex key of the
    /// thumbnails' signed URLs (`nil`: a random one, so the URLs change with every start).
    ///
    /// `uploadConcurrency` uploads are received and processed at once, the others waiting in arrival
    /// order (see ``admitting(_:)``); `0` admits every upload at once.
    ///
    /// With `directUploadFinalizeURL` (S3 storage only) the page's form posts the photo straight to the
    /// bucket, and S3 then sends the browser to that URL, the server's `GET /photos/finalize`
    /// (``finalizeDirectUpload(token:key:)``); the tokens are signed with `urlSigningKey`.
    public init(
        storage: any FileStorage, database: DatabaseChoice,
        storageName: String = AttachmentStorages.defaultName,
        maximumFileSize: Int = UploadApp.defaultMaximumFileSize, temporaryDirectory: String? = nil,
        urlSigningKey: String? = nil,
        uploadConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
        directUploadFinalizeURL: String? = nil, freeFormSizes: FreeFormSizes? = nil
    ) async throws(UploadAppError) {
        if directUploadFinalizeURL != nil, !(storage is S3Storage) {
            throw UploadAppError(
                status: 500,
                message: "Direct uploads need an S3 bucket (--s3-bucket): only S3 takes a browser's upload straight.")
        }
        self.storage = storage
        uploads = uploadConcurrency > 0 ? JobQueue(width: uploadConcurrency) : nil
        self.temporaryDirectory = temporaryDirectory
        var limits = MultipartLimits()
        limits.maximumFileSize = maximumFileSize
        self.limits = limits
        specs = PhotoSpecs.shared
        do {
            let key =
                try urlSigningKey.map { hex throws(SignedURLError) in try URLSigningKey(hex: hex) }
                ?? URLSigningKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255) })
            variants = SignedVariants(
                signer: try VariantURLSigner(keys: [key]), specs: PhotoSpecs.shared.all, storage: storage,
                freeForm: freeFormSizes)
            // The same key: a token's MAC covers a label of its own, so it is never a URL's signature.
            direct = directUploadFinalizeURL.map {
                (DirectUploads(signingKey: key, expiresIn: .seconds(900), defaultMaximumBytes: maximumFileSize), $0)
            }
        } catch {
            throw UploadAppError(status: 500, message: "The URL signing key is refused: \(error.reason).")
        }
        gallery = try await Gallery(database: database, storage: storage, storageName: storageName)
    }

    /// An app over the storage the flags choose: `--media-root` on disk, or the `--s3-bucket` bucket
    /// (credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), and the
    /// `--database` (default: an SQLite file beside the media root).
    ///
    /// Call ``shutdown()`` when the server has stopped.
    public convenience init(options: UploadOptions) async throws(UploadAppError) {
        var database = DatabaseChoice.beside(mediaRoot: options.mediaRoot)
        if let text = options.database { database = try DatabaseChoice(text) }
        let freeFormSizes = try options.freeFormSizes.map { text throws(UploadAppError) in try FreeFormSizes(text) }
        let storage = try StorageChoice.storage(for: options)
        let finalizeURL =
            options.directUploads
            ? (options.publicURL ?? "http://\(options.host):\(options.port)") + "/photos/finalize" : nil
        do {
            try await self.init(
                storage: storage, database: database,
                maximumFileSize: options.maxFileSize, urlSigningKey: options.urlSigningKey,
                uploadConcurrency: options.uploadConcurrency, directUploadFinalizeURL: finalizeURL,
                freeFormSizes: freeFormSizes)
        } catch {
            await StorageChoice.shutdown(storage)
            throw error
        }
    }

    /// Releases what the storage keeps open between requests (an S3 storage's HTTP client). Call it
    /// once, after the last request.
    public func shutdown() async {
        await gallery.shutdown()
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

    /// Saves the form's `photo` with its two thumbnails as a new gallery row and returns its JSON.
    ///
    /// Closes every file of `form` (their temporary files go away with them).
    ///
    /// - Throws: ``UploadAppError``: 400 with `"<file name>: <reason>"` for a file that is not an image
    ///   or breaks a limit (nothing is stored then, and no row made), 400 when the form has no photo,
    ///   500 when the storage or the database fails.
    public func upload(_ form: FormData) async throws(UploadAppError) -> PhotoJSON {
        defer { form.closeFiles() }
        guard let file = form.files[Self.fieldName] else {
            throw UploadAppError(status: 400, message: "The form has no file in the field \"\(Self.fieldName)\".")
        }
        let fileName = file.name ?? Self.fieldName
        let photo: GalleryPhoto
        do {
            photo = try await gallery.add(file, name: fileName)
        } catch let error as AttachmentError {
            throw UploadAppError(attaching: error, fileName: fileName)
        } catch {
            throw UploadAppError(status: 500, message: "Cannot save \(fileName) in the gallery: \(error).")
        }
        do {
            return try await json(for: photo)
        } catch {
            throw UploadAppError(status: 500, message: error.description)
        }
    }

    /// `GET /photos/finalize` with its raw query, `token=…&bucket=…&key=…` form-encoded as S3 writes it
    /// (`+` for a space): ``finalizeDirectUpload(token:key:)``; 400 without a token or a key.
    public func finalizeDirectUpload(query: String) async throws(UploadAppError) -> PhotoJSON {
        // A form-encoded query: `+` is a space (S3 writes a key's spaces so), the rest percent-encoded.
        // A query that is not valid URL syntax yields no items (`URLComponents(string:)` is nil), never a trap.
        let items = URLComponents(string: "?" + query.replacingOccurrences(of: "+", with: "%20"))?.queryItems ?? []
        func first(_ name: String) -> String? { items.first { $0.name == name }?.value }
        guard let token = first("token"), let key = first("key") else {
            throw UploadAppError(status: 400, message: "The finalize URL needs a token and a key.")
        }
        return try await finalizeDirectUpload(token: token, key: key)
    }

    /// `GET /photos/finalize?token=…&key=…` (where S3 redirects after a direct upload): checks the
    /// uploaded object, makes its thumbnails from one read of it, saves its row and promotes it.
    ///
    /// - Throws: ``UploadAppError``: 4xx `"<file name>: <reason>"` for a token that is not this app's
    ///   or expired, an object missing or refused (which is deleted from the bucket); 404 when direct
    ///   uploads are off; 500 when the storage or the database fails.
    public func finalizeDirectUpload(token: String, key: String) async throws(UploadAppError) -> PhotoJSON {
        guard let direct else { throw UploadAppError(status: 404, message: "Direct uploads are off.") }
        let fileName = key.split(separator: "/").last.map(String.init) ?? key
        let photo: GalleryPhoto
        do {
            let staged = try await direct.uploads.finalize(
                token: token, key: key, for: GalleryPhoto.imageField(storage: gallery.storageName),
                record: GalleryPhoto())
            photo = try await gallery.add(staged)
        } catch let error as DirectUploadError {
            throw UploadAppError(status: error.status, message: "\(fileName): \(error.reason)")
        } catch {
            throw UploadAppError(status: 500, message: "Cannot save \(fileName) in the gallery: \(error).")
        }
        do {
            return try await json(for: photo)
        } catch {
            throw UploadAppError(status: 500, message: error.description)
        }
    }

    /// `GET /photos` as JSON: every photo, newest first, each as ``upload(_:)`` answered with its `id`.
    ///
    /// - Throws: ``UploadAppError`` (500) when the database or the storage fails.
    public func photosJSON() async throws(UploadAppError) -> Data {
        let list = try await photos()
        do {
            return try JSONEncoder.app.encode(list)
        } catch {
            throw UploadAppError(status: 500, message: "Cannot encode the gallery: \(error).")
        }
    }

    /// `DELETE /photos/{id}`: removes the row, then (after the commit) the original and every thumbnail.
    ///
    /// - Throws: ``UploadAppError``: 400 for an id that is not a number, 404 for no such photo, 500 when
    ///   the database fails.
    public func deletePhoto(_ id: String) async throws(UploadAppError) {
        guard let number = Int(id), number > 0, String(number) == id else {
            throw UploadAppError(status: 400, message: "\"\(id.prefix(64))\" is not a photo id.")
        }
        let deleted: Bool
        do {
            deleted = try await gallery.delete(id: number)
        } catch {
            throw UploadAppError(status: 500, message: "Cannot delete photo \(number): \(error).")
        }
        guard deleted else { throw UploadAppError(status: 404, message: "There is no photo \(number).") }
    }

    /// How many photos one HTML page shows; a link leads to the older ones.
    ///
    /// Reading and signing a row costs about 50 µs (Fluent's decoding of the row and its attachment,
    /// the signed URLs): a page of every photo would grow with the gallery, a page of 24 stays a
    /// milliseconds however many there are.
    public static let photosPerPage = 24

    /// The HTML page: the upload form, `error` when given, and the gallery, newest first: the newest
    /// ``photosPerPage`` photos, or those older than the photo `olderThan` (the page's "Older photos" link).
    public func page(error: String? = nil, olderThan: Int? = nil) async -> String {
        var message = error
        var form: DirectUpload?
        if let direct {
            do throws(DirectUploadError) {
                form = try direct.uploads.prepare(
                    for: GalleryPhoto.imageField(storage: gallery.storageName), record: GalleryPhoto(),
                    redirectTo: direct.finalizeURL)
            } catch {
                message = message ?? error.description
            }
        }
        do {
            var shown = try await photos(olderThan: olderThan, limit: Self.photosPerPage + 1)
            var older: String?
            if shown.count > Self.photosPerPage {
                shown.removeLast()
                older = shown.last?.id.map { "/?before=\($0)" }
            }
            return GalleryPage(photos: shown, error: message, directUpload: form, olderPhotos: older).html
        } catch let failure {
            return GalleryPage(photos: [], error: message ?? failure.message, directUpload: form).html
        }
    }

    /// Every photo's JSON, newest first (or at most `limit` of those older than the photo `olderThan`):
    /// one query, and no storage call beyond the URLs.
    public func photos(olderThan: Int? = nil, limit: Int? = nil) async throws(UploadAppError) -> [PhotoJSON] {
        do {
            var list: [PhotoJSON] = []
            for photo in try await gallery.photos(olderThan: olderThan, limit: limit) {
                list.append(try await json(for: photo))
            }
            return list
        } catch let error as UploadAppError {
            throw error
        } catch {
            throw UploadAppError(status: 500, message: "Cannot read the gallery: \(error).")
        }
    }

    /// The storage `GET /media/<name>` serves, for the server's own streaming file serving
    /// (Hummingbird's `FileMiddleware`, Vapor's `FileIO`); `nil` on S3, whose URLs point at the bucket.
    public var mediaStorage: (any FileStorage)? {
        StorageChoice.servesMedia(storage) ? storage : nil
    }

    /// The storage the signed `GET /media/v/…` route streams its variants from: this app's storage on
    /// every backend, S3 included (see ``serveVariant(path:refused:stored:)``).
    public var variantStorage: any FileStorage { storage }

    /// `GET /media/v/{signature}/{spec}/{source}` for the request path `path` (percent-encoded, without
    /// the query): `stored` serves a storage name of ``variantStorage`` as the server serves
    /// `/media/<name>` (adding ``VariantFile/cacheControl``) and returns `nil` when there is no such
    /// file; `refused` makes the server's response from a refusal: 403 for a bad signature, 400 for a
    /// malformed path, 404 for an unknown spec or a missing source (all before anything is opened or
    /// decoded), 422 for an image that cannot be decoded.
    ///
    /// ```swift
    /// router.get("/media/v/**") { request, context in
    ///     try await app.serveVariant(path: request.uri.path, refused: send) { name in try await serveMedia(name) }
    /// }
    /// ```
    ///
    /// Cost, for a variant already stored: the HMAC check, the variant's name, and one `stored` call,
    /// no other storage call; a missing variant is made once (concurrent requests share the one
    /// generation) and `stored` is called again.
    ///
    /// On S3 the page links its thumbnails to the bucket, but the route still answers: several servers
    /// sharing one bucket may all be asked for one missing variant at once, and each stores the same
    /// bytes under the same deterministic name (the last write wins, and the writes are identical).
    public func serveVariant<Served>(
        path: String, refused: (MediaResponse) -> Served, stored: (String) async throws -> Served?
    ) async rethrows -> Served {
        try await variants.serve(path: path, refused: refused, stored: stored)
    }

    /// The signed `/media/v/…` URL of the spec `specName`'s variant of `source`.
    public func variantURL(_ specName: String, of source: String) -> String {
        variants.signer.variantPath(spec: specName, source: source, prefix: SignedVariants.prefix)
    }

    /// Whether a request with this `Accept` header wants JSON rather than the page.
    public static func wantsJSON(accept: String?) -> Bool {
        guard let accept = accept?.lowercased() else { return false }
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    /// The JSON of a gallery photo, with the storage's URLs.
    func json(for photo: GalleryPhoto) async throws(UploadAppError) -> PhotoJSON {
        guard let image = photo.image.attachment else {
            throw UploadAppError(status: 500, message: "Photo \(photo.id ?? 0) has no image.")
        }
        do throws(StorageError) {
            var thumbnails: [String: PhotoJSON.Image] = [:]
            for variant in image.variants {
                // On disk the server serves the thumbnails itself, behind signed, immutable URLs.
                let url =
                    StorageChoice.servesMedia(storage)
                    ? variantURL(variant.spec, of: image.name) : try await storage.url(variant.name)
                thumbnails[variant.spec] = PhotoJSON.Image(
                    name: variant.name, url: url, width: variant.width, height: variant.height)
            }
            var json = PhotoJSON(
                id: photo.id, name: image.name, url: try await storage.url(image.name), width: image.width ?? 0,
                height: image.height ?? 0, thumbnails: thumbnails)
            json.thumbhash = photo.placeholders?.thumbHashBase64
            json.blurhash = photo.placeholders?.blurHash.string
            return json
        } catch {
            throw UploadAppError(status: 500, message: error.description)
        }
    }
}
