import Crypto
import Files
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension S3Storage {
    /// A form a browser posts straight to the bucket, with S3 checking `policy`'s conditions: the name,
    /// the type, the size, the expiry.
    ///
    /// ```swift
    /// var policy = S3PostPolicy(key: .exactly("staging/\(UUID()).jpg"), expiresIn: .seconds(300))
    /// policy.contentType = .startingWith("image/")
    /// policy.contentLength = 1...10_000_000
    /// let post = try storage.presignedPost(policy)
    /// // <form action=post.url method=post enctype=multipart/form-data>: post.fields, then the file
    /// ```
    ///
    /// The policy is signed with Signature Version 4 (HMAC-SHA256 of the base64 policy with the day's
    /// key), as botocore's `generate_presigned_post` signs it; its conditions are written in botocore's
    /// order: the policy's own, then `bucket`, `key`, and the `x-amz-*` fields. Signing is local: no
    /// request is sent. S3 enforces the policy; servers that imitate S3 may not (moto accepts any form),
    /// so check the object before you trust it.
    ///
    /// Throws a `StorageError` when the key leads outside ``S3Configuration/location`` or is empty,
    /// the expiry is not positive, the length range starts below zero, or the success status is not 200,
    /// 201 or 204.
    ///
    /// The corresponding boto3 API is `generate_presigned_post(Bucket, Key, Fields, Conditions, ExpiresIn)`.
    public func presignedPost(_ policy: S3PostPolicy, at date: Date = Date()) throws(StorageError) -> S3PresignedPost {
        let name: String
        let key: S3PostPolicy.Match
        switch policy.key {
        case .exactly(let exact):
            name = try keys.cleanName(exact, operation: "presign a form for")
            key = .exactly(try request(.POST, exact, operation: "presign a form for").key)
        case .startingWith(let prefix):
            name = try keys.cleanName(prefix, operation: "presign a form for")
            // The empty prefix is the whole location, slash included, so that `media` does not admit `media2/…`.
            key = .startingWith(
                name.isEmpty
                    ? try keys.listingPrefix(for: "") : try keys.key(for: prefix, operation: "presign a form for"))
        }
        try Self.validate(policy, name: name)
        let time = SigningTime(date)
        let lifetime = policy.expiresIn.components
        let expiration = date.addingTimeInterval(Double(lifetime.seconds) + Double(lifetime.attoseconds) / 1e18)
        var document = PolicyDocument(expiration: HTTPDate.iso8601(expiration))
        var fields: [String: String] = [:]
        if let contentType = policy.contentType {
            document.require("Content-Type", contentType)
            if case .exactly(let type) = contentType { fields["Content-Type"] = type }
        }
        if let range = policy.contentLength { document.requireLength(range) }
        if let redirect = policy.successActionRedirect {
            document.require("success_action_redirect", equals: redirect)
            fields["success_action_redirect"] = redirect
        }
        if let status = policy.successActionStatus {
            document.require("success_action_status", equals: String(status))
            fields["success_action_status"] = String(status)
        }
        for (field, value) in policy.fields.sorted(by: { $0.key < $1.key }) {
            document.require(field, equals: value)
            fields[field] = value
        }
        for (field, prefix) in policy.fieldPrefixes.sorted(by: { $0.key < $1.key }) {
            document.require(field, startsWith: prefix)
        }
        document.require("bucket", equals: configuration.bucket)
        switch key {
        case .exactly(let exact):
            document.require("key", equals: exact)
            fields["key"] = exact
        case .startingWith(let prefix):
            document.require("key", startsWith: prefix)
            fields["key"] = prefix + "${filename}"
        }
        let signer = client.signer
        let credential = signer.credential(at: time)
        fields["x-amz-algorithm"] = StringToSign.algorithm
        fields["x-amz-credential"] = credential
        fields["x-amz-date"] = time.timestamp
        document.require("x-amz-algorithm", equals: StringToSign.algorithm)
        document.require("x-amz-credential", equals: credential)
        document.require("x-amz-date", equals: time.timestamp)
        if let token = client.credentials.sessionToken {
            fields["x-amz-security-token"] = token
            document.require("x-amz-security-token", equals: token)
        }
        let policyText = Data(document.text.utf8).base64EncodedString()
        fields["policy"] = policyText
        fields["x-amz-signature"] = signer.signature(ofPolicy: policyText, at: time)
        let endpoint = client.endpoint
        let url = endpoint.url(path: endpoint.path(forKey: ""), encodedQuery: "")
        return S3PresignedPost(url: url, fields: fields, name: name)
    }

    /// A presigned `PUT` of `name` for a client that cannot post a form, signed for exactly this
    /// `Content-Length`, `Content-MD5` (and `Content-Type`, when given): S3 refuses a body of another
    /// size or digest.
    ///
    /// ```swift
    /// let put = try storage.presignedPut(
    ///     "staging/a.jpg", contentLength: 48_213, contentMD5: "1B2M2Y8AsgTpgAmY7PhCfg==", contentType: "image/jpeg")
    /// // PUT put.url with put.headers and the 48,213 bytes
    /// ```
    ///
    /// `contentMD5` is the base64 of the body's 16-byte MD5 digest, which the client computes and the app
    /// passes on. Valid for `expiresIn` (one hour by default, at most seven days, S3's limit). Signing is
    /// local: no request is sent.
    ///
    /// Throws a `StorageError` when the name is empty or leads outside ``S3Configuration/location``,
    /// the length is negative, the digest is not the base64 of 16 bytes, or the expiry is outside 1 s…7 days.
    ///
    /// The corresponding boto3 API is `generate_presigned_url("put_object", Params={ContentLength, ContentMD5,
    /// ContentType})`.
    public func presignedPut(
        _ name: String, contentLength: Int, contentMD5: String, contentType: String? = nil,
        expiresIn: Duration = .seconds(3600), at date: Date = Date()
    ) throws(StorageError) -> S3PresignedRequest {
        let put = try request(.PUT, name, operation: "presign an upload of")
        let seconds = Int(expiresIn.components.seconds)
        guard contentLength >= 0, (1...604_800).contains(seconds),
            Data(base64Encoded: contentMD5)?.count == Insecure.MD5.byteCount
        else {
            throw StorageError(
                .failed, operation: "presign an upload of", name: name,
                reason: "the length must not be negative, the MD5 must be the base64 of 16 bytes and the expiry "
                    + "between 1 second and 7 days")
        }
        var headers: HTTPHeaders = ["Content-Length": String(contentLength), "Content-MD5": contentMD5]
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        let url = client.presignedURL(
            key: put.key, method: .PUT, headers: headers, expires: seconds, at: SigningTime(date))
        return S3PresignedRequest(
            method: "PUT", url: url, headers: Dictionary(headers.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }))
    }

    private static func validate(_ policy: S3PostPolicy, name: String) throws(StorageError) {
        var problems: [String] = []
        if policy.expiresIn <= .zero { problems.append("the expiry must be positive") }
        if let range = policy.contentLength, range.lowerBound < 0 {
            problems.append("the length range must not start below zero")
        }
        if let status = policy.successActionStatus, ![200, 201, 204].contains(status) {
            problems.append("the success status must be 200, 201 or 204")
        }
        guard problems.isEmpty else {
            throw StorageError(
                .failed, operation: "presign a form for", name: name, reason: problems.joined(separator: ", "))
        }
    }
}
