import Bridge
import Crypto
import Files
import Imaging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Validates a file against a field's rules and writes it, with its variants, under a new staging
/// directory: the first half of an attachment's life, before its row is saved.
package struct AttachmentStager {
    let rules: AttachmentRules
    let image: ImageRules?

    package init(rules: AttachmentRules, image: ImageRules?) {
        self.rules = rules
        self.image = image
    }

    nonisolated(nonsending) func stage(
        _ content: FileObject, as candidate: String, originalName: String, at date: Date
    ) async throws(AttachmentError) -> StagedAttachment {
        let storage = try rules.storage()
        let facts = try await inspectOffThread(content, name: originalName)
        let name = try await reserveName(candidate, in: storage)
        let directory = StagingDirectory(prefix: rules.stagingPrefix, date: date)
        let staging = StagingStorage(base: storage, directory: directory.path)
        var attachment = Attachment(
            name: name, storage: rules.storageName, contentType: facts.contentType, size: facts.size,
            sha256: facts.sha256, originalName: originalName, width: facts.displaySize?.width,
            height: facts.displaySize?.height)
        do {
            attachment.variants = try await write(content, as: name, to: staging)
        } catch {
            NameReservations.shared.release(name, in: rules.storageName)
            await staging.deleteQuietly([name] + (image?.specs.map { $0.variantName(of: name) } ?? []))
            throw error
        }
        return StagedAttachment(attachment: attachment, directory: directory, specs: image?.specs ?? [])
    }

    /// ``inspect(_:name:)`` on the imaging threads: it reads and hashes the whole content, and probes it.
    private nonisolated(nonsending) func inspectOffThread(_ content: FileObject, name: String)
        async throws(AttachmentError) -> ContentFacts
    {
        try await WorkerThreads.imaging.runBorrowing { [self] () throws(AttachmentError) in
            try inspect(content, name: name)
        }
    }

    /// What is known of the content before anything is written: its size, type, digest and, for an
    /// image, its displayed size. Every rule is checked here.
    private func inspect(_ content: FileObject, name: String) throws(AttachmentError) -> ContentFacts {
        func unreadable(_ error: FileError) -> AttachmentError {
            AttachmentError(.unreadable, field: rules.field, file: name, reason: error.reason)
        }
        let size: Int
        do { size = try content.requireSize() } catch { throw unreadable(error) }
        try checkSize(size, name: name)
        let header: [UInt8]
        do { header = try content.leadingBytes(ContentSniffing.headerLength) } catch { throw unreadable(error) }
        let (contentType, displaySize) = try recognise(header, probing: content, name: name)
        let digest: String
        do { digest = try content.sha256() } catch { throw unreadable(error) }
        return ContentFacts(size: size, contentType: contentType, sha256: digest, displaySize: displaySize)
    }

    /// Checks a file from its size and first bytes alone (`header`: enough of them for the image's
    /// header) before it is read whole, and returns its content type: what a direct upload's finalize
    /// checks first, so that a text file or a huge image costs no download.
    package func precheck(size: Int, header: [UInt8], name: String) throws(AttachmentError) -> String {
        try checkSize(size, name: name)
        do {
            return try recognise(header, probing: ContentFile(Data(header), name: name), name: name).contentType
        } catch  where error.code == .disallowedType && header.count < size && ImageFormat(detecting: header) != nil {
            // An image whose header runs past the bytes read: the type stands, and the inspection of
            // the whole file measures it.
            let contentType = ContentSniffing.contentType(of: Array(header.prefix(ContentSniffing.headerLength)))
            if let allowed = rules.allowedContentTypes, !allowed.contains(contentType) { throw error }
            return contentType
        }
    }

    private func checkSize(_ size: Int, name: String) throws(AttachmentError) {
        if let maximum = rules.maximumBytes, size > maximum {
            throw AttachmentError(
                .tooLarge, field: rules.field, file: name,
                reason: "it has \(size) bytes, more than the \(maximum) the field allows")
        }
    }

    /// The content type from `header` (and, for an image field, the displayed size from `content`'s
    /// header); an error when the field does not accept them.
    private func recognise(_ header: [UInt8], probing content: FileObject, name: String) throws(AttachmentError) -> (
        contentType: String, displaySize: Size?
    ) {
        let contentType = ContentSniffing.contentType(of: Array(header.prefix(ContentSniffing.headerLength)))
        var displaySize: Size?
        if let image {
            displaySize = try probe(content, name: name, rules: image, header: header)
        }
        if let allowed = rules.allowedContentTypes, !allowed.contains(contentType) {
            throw AttachmentError(
                .disallowedType, field: rules.field, file: name,
                reason: "its content is \(contentType), which the field does not accept")
        }
        return (contentType, displaySize)
    }

    /// Makes a staged attachment of a file a client wrote itself as `stagedName` under `directory` (a
    /// direct upload): checks `content`, the file's bytes read once, against every rule; gives the file
    /// `candidate` as its final name, or a free one when it is taken (moving the file within its
    /// directory, on the server, when the name differs from `stagedName`); and writes the variants
    /// beside it from that one read. On any failure the staged file and what was written beside it are
    /// deleted.
    package nonisolated(nonsending) func adopt(
        _ content: FileObject, stagedAs stagedName: String, finalName candidate: String, in directory: StagingDirectory,
        originalName: String
    ) async throws(AttachmentError) -> StagedAttachment {
        let storage = try rules.storage()
        let staging = StagingStorage(base: storage, directory: directory.path)
        let facts: ContentFacts
        let name: String
        do throws(AttachmentError) {
            facts = try await inspectOffThread(content, name: originalName)
            name = try await reserveName(candidate, in: storage)
        } catch {
            await staging.deleteQuietly([stagedName])
            throw error
        }
        var attachment = Attachment(
            name: name, storage: rules.storageName, contentType: facts.contentType, size: facts.size,
            sha256: facts.sha256, originalName: originalName, width: facts.displaySize?.width,
            height: facts.displaySize?.height)
        do throws(AttachmentError) {
            if name != stagedName {
                do {
                    _ = try await staging.move(stagedName, to: name)
                } catch {
                    throw AttachmentError.storage(error, field: rules.field, file: stagedName)
                }
            }
            if let image, image.timing == .atAttach, !image.specs.isEmpty {
                let generator = VariantGenerator(
                    storage: staging, options: DecodingOptions(maximumPixelCount: image.maximumPixels))
                let stored: StoredImage
                do {
                    stored = try await generator.generate(image.specs, for: name, from: content)
                } catch {
                    throw AttachmentError(.imaging, field: rules.field, file: name, reason: error.reason)
                }
                attachment.variants = try await records(of: stored, in: staging, specs: image.specs)
            }
        } catch {
            NameReservations.shared.release(name, in: rules.storageName)
            await staging.deleteQuietly(
                [stagedName, name] + (image?.specs.map { $0.variantName(of: name) } ?? []))
            throw error
        }
        return StagedAttachment(attachment: attachment, directory: directory, specs: image?.specs ?? [])
    }

    /// The displayed size of an image, from its header alone; an error when it is no image or too big.
    private func probe(_ content: FileObject, name: String, rules image: ImageRules, header: [UInt8])
        throws(AttachmentError)
        -> Size
    {
        guard ImageFormat(detecting: header) != nil else {
            throw AttachmentError(
                .disallowedType, field: rules.field, file: name, reason: "its content is not an image")
        }
        let info: ImageInfo
        do {
            info = try content.imageInfo()
        } catch {
            throw AttachmentError(.disallowedType, field: rules.field, file: name, reason: error.reason)
        }
        let pixels = info.width.multipliedReportingOverflow(by: info.height)
        if pixels.overflow || pixels.partialValue > image.maximumPixels {
            throw AttachmentError(
                .tooManyPixels, field: rules.field, file: name,
                reason:
                    "it is \(info.width) × \(info.height) pixels, more than the \(image.maximumPixels) the field allows"
            )
        }
        return info.displaySize
    }

    /// A name for the file, free in the storage and not promised to another staged file of this
    /// process; the stem is cut to fit the maximum length before any suffix is added. A storage that
    /// overwrites (S3 by default) gets a free name too: two records never share one file.
    private nonisolated(nonsending) func reserveName(_ candidate: String, in storage: any FileStorage)
        async throws(AttachmentError) -> String
    {
        var attempt = candidate
        for _ in 0..<100 {
            let taken: Bool
            do {
                taken = try await storage.exists(attempt)
            } catch {
                throw AttachmentError.storage(error, field: rules.field, file: candidate)
            }
            if !taken, NameReservations.shared.reserve(attempt, in: rules.storageName) { return attempt }
            attempt = StemShortening.withSuffix(candidate, Self.randomSuffix(), maximumLength: rules.maximumLength)
        }
        throw AttachmentError(
            .invalidName, field: rules.field, file: candidate, reason: "no free name was found in 100 attempts")
    }

    /// Writes the file and, when the field makes them now, its variants (one decode) under `staging`.
    private nonisolated(nonsending) func write(_ content: FileObject, as name: String, to staging: StagingStorage)
        async throws(AttachmentError) -> [AttachmentVariant]
    {
        guard let image, image.timing == .atAttach, !image.specs.isEmpty else {
            do {
                _ = try await staging.store(content, as: name)
            } catch {
                throw AttachmentError.storage(error, field: rules.field, file: name)
            }
            return []
        }
        let generator = VariantGenerator(
            storage: staging, options: DecodingOptions(maximumPixelCount: image.maximumPixels))
        let stored: StoredImage
        do {
            stored = try await generator.save(name, content: content, specs: image.specs)
        } catch {
            throw AttachmentError(.imaging, field: rules.field, file: name, reason: error.reason)
        }
        return try await records(of: stored, in: staging, specs: image.specs)
    }

    /// The records of `stored`'s variants, in the order of `specs`, with their sizes as stored.
    private nonisolated(nonsending) func records(
        of stored: StoredImage, in staging: StagingStorage, specs: [ImageSpec]
    ) async throws(AttachmentError) -> [AttachmentVariant] {
        var variants: [AttachmentVariant] = []
        for spec in specs {
            guard let variant = stored.variants[spec.name] else { continue }
            let bytes: Int
            do { bytes = try await staging.size(variant.name) } catch {
                throw AttachmentError.storage(error, field: rules.field, file: variant.name)
            }
            variants.append(
                AttachmentVariant(
                    spec: spec.name, name: variant.name, width: variant.width, height: variant.height,
                    contentType: spec.format.format.mimeType, size: bytes))
        }
        return variants
    }

    private static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<7).map { _ in suffixAlphabet[Int.random(in: 0..<suffixAlphabet.count, using: &generator)] })
    }

    private static let suffixAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
}

/// What inspecting a file found.
struct ContentFacts {
    var size: Int
    var contentType: String
    var sha256: String
    var displaySize: Size?
}

extension FileObject {
    /// Up to `count` bytes from the start; the position is restored.
    func leadingBytes(_ count: Int) throws(FileError) -> [UInt8] {
        let position = try tell()
        defer { _ = try? seek(to: position) }
        _ = try seek(to: 0)
        return Array(try read(count))
    }

    /// The SHA-256 of the whole content, read in chunks from the start, as 64 hexadecimal digits.
    func sha256() throws(FileError) -> String {
        var hasher = SHA256()
        var chunks = try chunks()
        while let chunk = try chunks.next() { hasher.update(data: chunk) }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension StagingStorage {
    /// Deletes `names`, ignoring failures: what a failed staging leaves, the sweeper takes.
    func deleteQuietly(_ names: [String]) async {
        for name in names { try? await delete(name) }
    }

    /// Removes the directories below the staging directory (and it) that hold no file. Only the
    /// sweeper calls it, on a window no save writes into any more; a directory that still holds a
    /// file is kept. Object stores list none.
    @discardableResult
    func removeEmptyDirectories(_ path: String = "") async -> Bool {
        guard let listing = try? await listDirectory(path), listing.files.isEmpty else { return false }
        var empty = true
        for directory in listing.directories {
            let child = path.isEmpty ? directory : path + "/" + directory
            if await !removeEmptyDirectories(child) { empty = false }
        }
        guard empty else { return false }
        let own = path.isEmpty ? String(self.directory.dropLast()) : key(path)
        // On disk `delete` of a directory is `rmdir`, which refuses one that is not empty.
        try? await base.delete(own)
        return true
    }
}
