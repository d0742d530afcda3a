import Files
import FilesS3
import Foundation

/// The storage the flags choose: a directory, or an S3 bucket.
enum StorageChoice {
    /// The URL prefix the servers serve a `FileSystemStorage` under.
    static let mediaURLPrefix = "/media/"

    /// `--s3-bucket` as an `S3Storage` whose URLs are presigned and which never replaces an object
    /// (`fileOverwrite` off), else `--media-root` as a `FileSystemStorage` whose URLs are `/media/<name>`.
    ///
    /// The bucket must exist; the storage never creates one (as django-storages). Its credentials come
    /// from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`; with `--s3-endpoint`
    /// (MinIO, moto, Ceph) the bucket is addressed path-style, since such servers rarely have wildcard DNS.
    static func storage(for options: UploadOptions) throws(UploadAppError) -> any FileStorage {
        guard let bucket = options.s3Bucket else {
            // The directory is created on the first save; until then the gallery is simply empty.
            return FileSystemStorage(location: options.mediaRoot, baseURL: mediaURLPrefix)
        }
        var configuration = S3Configuration(
            bucket: bucket, region: options.s3Region, endpoint: options.s3Endpoint,
            addressingStyle: options.s3Endpoint == nil ? .virtualHosted : .path)
        // Several servers may share the bucket (Documentation/Deployment.md). Two of them can stage
        // uploads of `cat.jpg` under the same final name, since each reserves names only in its own
        // process; the later promotion must then take a new name, as on disk, not replace the
        // earlier one's file (two rows would share one object). Variants keep their one
        // deterministic name all the same: a second generation's duplicate is deleted.
        configuration.fileOverwrite = false
        do {
            return try S3Storage(configuration)
        } catch {
            throw UploadAppError(status: 500, message: "Cannot use the S3 bucket \"\(bucket)\": \(error.description)")
        }
    }

    /// Closes what `storage` holds open beyond a request: an `S3Storage`'s HTTP client.
    static func shutdown(_ storage: any FileStorage) async {
        guard let s3 = storage as? S3Storage else { return }
        try? await s3.shutdown()
    }

    /// Whether `GET /media/<name>` serves `storage`: an S3 bucket's URLs point at the bucket itself, so
    /// the server never proxies its objects.
    static func servesMedia(_ storage: any FileStorage) -> Bool {
        !(storage is S3Storage)
    }
}
