import Attachments
import Files
import FilesS3

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension DirectUploads {
    /// Checks the object a browser uploaded with a `prepare(for:record:clientName:redirectTo:at:)`
    /// form and makes it a staged attachment of `field`, its variants made; save the row, then promote it
    /// (FilesFluent's `attach(_:to:)` and `save(on:)` do both).
    ///
    /// Nothing the client sends is trusted: the token must be this app's, unexpired and for `field`; `key`
    /// must be the token's (or, for a form prepared without the client's name, a name in the token's
    /// staging directory); the object's size (a `HEAD`) must be within the token's limit, whatever the
    /// server enforced; its first bytes (a ranged `GET`) must be a type the field accepts, an image within
    /// its pixel limit; then the whole object, read once and streamed to a temporary file, is checked
    /// again, hashed and decoded once for every variant. An object that fails a check is deleted from the
    /// bucket. A second finalize of the same token finds no staged object once the first was promoted:
    /// ``DirectUploadError/Code/notUploaded``.
    ///
    /// - Parameters:
    ///   - token: The token from the redirect's query (or ``DirectUpload/token``).
    ///   - key: The object's key, as S3 hands it back in the redirect's `key`.
    ///   - field: The field the upload was prepared for; its rules are checked again here.
    ///   - record: The record the file is for: the field's `uploadTo` names the file with it when the
    ///     form was prepared without the client's name.
    ///   - date: The time the token's expiry is checked against.
    /// - Throws: ``DirectUploadError``, whose ``DirectUploadError/status`` is the 4xx to answer.
    public nonisolated(nonsending) func finalize<Record>(
        token: String, key: String, for field: ImageField<Record>, record: Record, at date: Date = Date()
    ) async throws(DirectUploadError) -> StagedAttachment {
        try await finalize(token: token, key: key, rules: field.rules, image: field.image, at: date) {
            original throws(AttachmentError) in
            try field.generateFilename(for: record, clientName: original, at: date)
        }
    }

    /// As for an image field, for a file field: the type is recognised from the first bytes, no image rule.
    public nonisolated(nonsending) func finalize<Record>(
        token: String, key: String, for field: FileField<Record>, record: Record, at date: Date = Date()
    ) async throws(DirectUploadError) -> StagedAttachment {
        try await finalize(token: token, key: key, rules: field.rules, image: nil, at: date) {
            original throws(AttachmentError) in
            try field.generateFilename(for: record, clientName: original, at: date)
        }
    }

    private nonisolated(nonsending) func finalize(
        token: String, key: String, rules: AttachmentRules, image: ImageRules?, at date: Date,
        name: (String) throws(AttachmentError) -> String
    ) async throws(DirectUploadError) -> StagedAttachment {
        func failure(_ code: DirectUploadError.Code, _ reason: String) -> DirectUploadError {
            DirectUploadError(code, operation: "finalize", subject: key, reason: reason)
        }
        let claims = try signer.claims(of: token, operation: "finalize")
        let storage = try Self.s3Storage(of: rules, operation: "finalize", subject: key)
        guard claims.field == rules.field else {
            throw failure(.wrongField, "the token was made for the field \"\(claims.field)\", not \"\(rules.field)\"")
        }
        // Keys are compared byte for byte: nothing outside the staging prefix is read or deleted.
        let stagingKey = try? storage.objectKey(for: rules.stagingPrefix)
        guard let stagingKey, key.utf8.starts(with: (stagingKey + "/").utf8) else {
            throw failure(.outsideStaging, "the key is not under the staging prefix \"\(rules.stagingPrefix)/\"")
        }
        let wrongKey = failure(.wrongKey, "the key is not the one the token was made for")
        guard let expectedKey = try? storage.objectKey(for: claims.name) else { throw wrongKey }
        let stagedName: String
        if claims.name.hasSuffix("/") {
            // Prepared without the client's name: S3 put the file's name after the token's directory.
            guard key.utf8.starts(with: expectedKey.utf8), key.utf8.count > expectedKey.utf8.count else {
                throw wrongKey
            }
            stagedName = claims.name + String(decoding: key.utf8.dropFirst(expectedKey.utf8.count), as: UTF8.self)
        } else {
            guard key.utf8.elementsEqual(expectedKey.utf8) else { throw wrongKey }
            stagedName = claims.name
        }
        guard let staged = StagingDirectory.parse(stagedName, prefix: rules.stagingPrefix) else { throw wrongKey }
        // From here the object is this upload's own: a rejected one is deleted.
        func reject(_ error: DirectUploadError) async -> DirectUploadError {
            try? await storage.delete(stagedName)
            return error
        }
        guard Int(date.timeIntervalSince1970) <= claims.expires else {
            throw await reject(failure(.expiredToken, "the token expired"))
        }
        let originalName: String
        let finalName: String
        if claims.name.hasSuffix("/") {
            do {
                originalName = try AttachmentRules.sanitizedClientName(staged.name, field: rules.field)
                finalName = try name(originalName)
            } catch {
                throw await reject(.rejected(error, key: key))
            }
        } else {
            originalName = claims.originalName
            finalName = staged.name
        }
        let head: [String: String]
        do {
            head = try await storage.metadata(stagedName)
        } catch  where error.code == .notFound {
            throw failure(.notUploaded, "no file was uploaded under it, or it was finalized already")
        } catch {
            throw failure(.storage, error.reason)
        }
        guard let size = head["content-length"].flatMap(Int.init) else {
            throw await reject(failure(.storage, "the storage sent no Content-Length"))
        }
        // The policy's limit, checked again: a server that ignored the policy must not matter.
        guard (1...max(1, claims.maximumBytes)).contains(size) else {
            throw await reject(
                failure(
                    .rejected(size == 0 ? .unreadable : .tooLarge),
                    size == 0
                        ? "the file is empty" : "it has \(size) bytes, more than the \(claims.maximumBytes) allowed"))
        }
        let etag = head["etag"]
        let stager = AttachmentStager(rules: rules, image: image)
        do {
            let header = try await storage.leadingBytes(of: stagedName, count: probeLength, ifMatch: etag)
            _ = try stager.precheck(size: size, header: header, name: originalName)
        } catch let error as AttachmentError {
            throw await reject(.rejected(error, key: key))
        } catch let error as StorageError {
            throw await reject(failure(.storage, error.reason))
        } catch {
            throw await reject(failure(.storage, String(describing: error)))
        }
        let content: FileObject
        do {
            content = try await storage.openSpooled(stagedName, ifMatch: etag)
        } catch {
            throw await reject(failure(.storage, error.reason))
        }
        defer { try? content.close() }
        do {
            return try await stager.adopt(
                content, stagedAs: staged.name, finalName: finalName, in: staged.directory, originalName: originalName)
        } catch {
            throw .rejected(error, key: key)
        }
    }
}
