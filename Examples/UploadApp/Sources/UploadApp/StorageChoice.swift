import Files
import Foundation

/// The storage the flags choose.
enum StorageChoice {
    /// The URL prefix the servers serve a `FileSystemStorage` under.
    static let mediaURLPrefix = "/media/"

    /// `--media-root` as a `FileSystemStorage` whose URLs are `/media/<name>`.
    static func storage(for options: UploadOptions) throws(UploadAppError) -> any Storage {
        if let bucket = options.s3Bucket {
            throw UploadAppError(
                status: 500,
                message: "Cannot use the S3 bucket \"\(bucket)\": this build has no FilesS3; use --media-root.")
        }
        // The directory is created on the first save; until then the gallery is simply empty.
        return FileSystemStorage(location: options.mediaRoot, baseURL: mediaURLPrefix)
    }
}
