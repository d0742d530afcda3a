import FilesS3

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A form a browser posts a file with straight to the bucket, and the token that finalizes it.
///
/// ```swift
/// let upload = try directUploads.prepare(for: Photo.image, record: photo, clientName: "cat.jpg",
///                                        redirectTo: "https://example.com/photos/finalize")
/// // <form action=upload.post.url method=post enctype=multipart/form-data>
/// //   upload.post.fields as hidden inputs, a Content-Type input (image/…), then <input type=file name=file>
/// ```
public struct DirectUpload: Sendable, Hashable {
    /// The form: its URL and fields, with the policy S3 checks (key, type, size, expiry).
    public var post: S3PresignedPost
    /// The signed claims `DirectUploads.finalize(token:key:for:record:at:)` checks:
    /// URL-safe text. With a redirect it is in the redirect's query already.
    public var token: String
    /// The storage name the file is uploaded as: `<staging prefix>/<window>-<random>/<final name>`; for a
    /// form prepared without the client's file name, the directory alone (ending in `/`).
    public var stagedName: String
    /// The form's `key` field: the object's key in the bucket (``stagedName`` behind the storage's
    /// location), ending in `${filename}` for a form prepared without the client's file name. S3 hands
    /// the key as stored back with the redirect.
    public var key: String
    /// When the form and the token stop being accepted.
    public var expires: Date
}
