import Attachments
import Files
import FilesS3
import VariantURLs

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Uploads that go from the browser straight to the bucket: the app signs a form and a token, the
/// browser posts the file to S3, and the app finalizes the object into a staged attachment, checking
/// everything rather than trusting the client or the server's enforcement of the policy.
///
/// ```swift
/// let directUploads = DirectUploads(signingKey: try URLSigningKey(hex: secret))
/// // The page: a form posting straight to the bucket, S3 then redirects to the finalize URL.
/// let upload = try directUploads.prepare(
///     for: Photo.image, record: photo, clientName: "cat.jpg", redirectTo: "https://example.com/photos/finalize")
/// // The finalize URL (?token=…&bucket=…&key=…&etag=…): verify, probe, make the variants.
/// let staged = try await directUploads.finalize(token: token, key: key, for: Photo.image)
/// await photo.attach(staged, to: \.$image)   // FilesFluent: saved, then promoted after the commit
/// try await photo.save(on: db)
/// ```
///
/// The server keeps nothing between the two calls: the token carries the staged name, the field, the
/// size limit, the expiry and the client's name under an HMAC-SHA256 (the first key signs, every key
/// verifies, so keys rotate). The object is uploaded under the field's staging prefix, in a directory of
/// its own, so that `StagingSweeper` removes it when it is never finalized.
///
/// Cost: `prepare` is local (two HMACs, no request). `finalize` sends a `HEAD`, a ranged `GET` of the
/// first ``probeLength`` bytes, one `GET` of the whole object streamed to a temporary file (memory holds
/// one network buffer), one decode for every variant, a `PUT` per variant and a `HEAD` per variant for
/// its size; promotion afterwards is a server-side copy per file.
public struct DirectUploads: Sendable {
    /// The keys tokens are verified with; the first one signs.
    public var signingKeys: [URLSigningKey]
    /// How long a prepared form and its token are accepted (ten minutes by default). Keep it well under
    /// the sweeper's age, so that no upload is swept before it can be finalized.
    public var expiresIn: Duration
    /// The largest upload accepted for a field without `AttachmentRules.maximumBytes`: S3
    /// needs a bound for the policy (100 MiB by default).
    public var defaultMaximumBytes: Int
    /// How many leading bytes finalize reads to recognise the type and the image's dimensions before it
    /// reads the rest (256 KiB: a camera's EXIF block and its thumbnail come before the frame header).
    public var probeLength: Int

    /// Direct uploads signed with `signingKey`, whose tokens are also accepted when signed with one of
    /// `acceptedKeys` (the keys being rotated out).
    public init(
        signingKey: URLSigningKey, acceptedKeys: [URLSigningKey] = [], expiresIn: Duration = .seconds(600),
        defaultMaximumBytes: Int = 100 << 20, probeLength: Int = 256 << 10
    ) {
        self.signingKeys = [signingKey] + acceptedKeys
        self.expiresIn = expiresIn
        self.defaultMaximumBytes = defaultMaximumBytes
        self.probeLength = probeLength
    }

    var signer: UploadTokenSigner { UploadTokenSigner(keys: signingKeys) }

    // MARK: Prepare

    /// A form for one image, to be posted straight to the bucket: a new name under the field's staging
    /// prefix, the field's size limit, `Content-Type` starting with `image/`, a short expiry; and the
    /// token `finalize(token:key:for:record:at:)` checks.
    ///
    /// With `clientName` the object's key is exact: the staging directory, then `clientName` through
    /// the field's `uploadTo`. Without it (a plain HTML form, rendered before the person picks a file)
    /// the key is the staging directory and `${filename}`, which S3 replaces with the file's name; the
    /// final name is made at finalize.
    ///
    /// With `redirectTo`, S3 sends the browser there after the upload (303), with `token` (added here)
    /// and S3's `bucket`, `key` and `etag` in the query. Local: no request is sent.
    ///
    /// - Throws: ``DirectUploadError`` when the name cannot be made safe, the field's storage is not an
    ///   `S3Storage`, or the form cannot be signed.
    public func prepare<Record>(
        for field: ImageField<Record>, record: Record, clientName: String? = nil, redirectTo: String? = nil,
        at date: Date = Date()
    ) throws(DirectUploadError) -> DirectUpload {
        try prepare(
            rules: field.rules, contentType: .startingWith("image/"), clientName: clientName, redirectTo: redirectTo,
            at: date
        ) { original throws(AttachmentError) in
            try field.generateFilename(for: record, clientName: original, at: date)
        }
    }

    /// A form for one file, as for an image field; the `Content-Type` is fixed when the field accepts
    /// exactly one type, free otherwise (finalize recognises the type from the bytes either way).
    public func prepare<Record>(
        for field: FileField<Record>, record: Record, clientName: String? = nil, redirectTo: String? = nil,
        at date: Date = Date()
    ) throws(DirectUploadError) -> DirectUpload {
        let types = field.rules.allowedContentTypes
        let contentType: S3PostPolicy.Match? = types?.count == 1 ? types.map { .exactly($0.first!) } : nil
        return try prepare(
            rules: field.rules, contentType: contentType, clientName: clientName, redirectTo: redirectTo, at: date
        ) { original throws(AttachmentError) in
            try field.generateFilename(for: record, clientName: original, at: date)
        }
    }

    private func prepare(
        rules: AttachmentRules, contentType: S3PostPolicy.Match?, clientName: String?, redirectTo: String?,
        at date: Date, name: (String) throws(AttachmentError) -> String
    ) throws(DirectUploadError) -> DirectUpload {
        func failure(_ code: DirectUploadError.Code, _ reason: String) -> DirectUploadError {
            DirectUploadError(code, operation: "prepare", subject: rules.field, reason: reason)
        }
        let storage = try Self.s3Storage(of: rules, operation: "prepare", subject: rules.field)
        let directory = StagingDirectory.unique(prefix: rules.stagingPrefix, date: date).path
        var original = ""
        var stagedName = directory
        if let clientName {
            do {
                original = try AttachmentRules.sanitizedClientName(clientName, field: rules.field)
                stagedName += try name(original)
            } catch {
                throw failure(.rejected(error.code), error.reason)
            }
        }
        let seconds = max(1, Int(expiresIn.components.seconds))
        let expires = Int(date.timeIntervalSince1970) + seconds
        let maximum = rules.maximumBytes ?? defaultMaximumBytes
        let token = signer.token(
            for: UploadClaims(
                name: stagedName, field: rules.field, maximumBytes: maximum, expires: expires, originalName: original))
        // The directory's name alone, in the prefix form: S3 puts the file's name after it.
        var policy = S3PostPolicy(
            key: clientName == nil ? .startingWith(stagedName) : .exactly(stagedName), expiresIn: .seconds(seconds))
        policy.contentType = contentType
        policy.contentLength = 1...max(1, maximum)
        policy.successActionRedirect = redirectTo.map { $0 + ($0.contains("?") ? "&" : "?") + "token=" + token }
        do {
            let post = try storage.presignedPost(policy, at: date)
            return DirectUpload(
                post: post, token: token, stagedName: stagedName, key: post.fields["key"] ?? "",
                expires: Date(timeIntervalSince1970: TimeInterval(expires)))
        } catch {
            throw failure(.storage, error.reason)
        }
    }

    /// The field's storage, which must be an `S3Storage`.
    static func s3Storage(of rules: AttachmentRules, operation: String, subject: String?) throws(DirectUploadError)
        -> S3Storage
    {
        let storage: any FileStorage
        do {
            storage = try rules.storage()
        } catch {
            throw DirectUploadError(.storage, operation: operation, subject: subject, reason: error.reason)
        }
        guard let s3 = storage as? S3Storage else {
            throw DirectUploadError(
                .notS3, operation: operation, subject: subject,
                reason: "the field's storage \"\(rules.storageName)\" is not an S3Storage, and only S3 takes uploads "
                    + "straight from a browser")
        }
        return s3
    }
}
