import Bridge
import Files
import Foundation
import VariantURLs

/// `GET /media/v/{signature}/{spec}/{source}`: a variant of a stored image, made on first request and
/// kept in the storage under the spec's deterministic name, behind a signed URL so that nobody can
/// make the server resize for free.
///
/// ```swift
/// let variants = SignedVariants(signer: signer, specs: PhotoSpecs.shared.all, storage: storage)
/// variants.url(PhotoSpecs.shared.small, of: "photos/cat.jpg")  // "/media/v/<signature>/small/photos/cat.jpg"
/// try await variants.serve(path: request.path, refused: send) { try await serveMedia($0) }
/// ```
///
/// A bad signature, an unknown spec or a missing source is answered before anything is opened or
/// decoded; the source's bytes and pixels are checked from its header before the decode.
struct SignedVariants: Sendable {
    /// The URL prefix of the route.
    static let prefix = "/media/v"

    let signer: VariantURLSigner
    let specs: [ImageSpec]
    let generator: VariantGenerator
    /// The sizes a URL may name instead of a spec; `nil`: only `specs`.
    let freeForm: FreeFormSizes?
    /// The variant names of the URLs served so far.
    let names = VariantNames()

    init(signer: VariantURLSigner, specs: [ImageSpec], storage: any FileStorage, freeForm: FreeFormSizes? = nil) {
        self.signer = signer
        self.specs = specs
        self.freeForm = freeForm
        generator = VariantGenerator(storage: storage)
    }

    /// The signed URL of `spec`'s variant of `source`.
    func url(_ spec: ImageSpec, of source: String) -> String {
        signer.variantPath(spec, of: source, prefix: Self.prefix)
    }

    /// The answer to the request path `path` (percent-encoded, without the query): `stored` serves the
    /// variant's storage name as the server serves `/media/<name>` (`nil`: no such file), `refused`
    /// turns a refusal into the server's response.
    ///
    /// The usual request, a variant already stored, costs the signature check and `stored`: the name
    /// is the spec's deterministic one, so it is served straight away, and only when `stored` finds
    /// nothing are the source checked and the generator (single-flight) asked to make it. A variant
    /// served under that name is always complete: the file-system storage publishes finished files only
    /// (it links or renames them into place), and deleting a photo deletes its variants.
    func serve<Served>(
        path: String, refused: (MediaResponse) -> Served, stored: (String) async throws -> Served?
    ) async rethrows -> Served {
        let named: NamedVariant
        switch variant(at: path) {
        case .refused(let refusal): return refused(refusal)
        case .named(let variant): named = variant
        }
        if let served = try await stored(named.storedName) { return served }
        switch await make(named) {
        case .refused(let refusal):
            return refused(refusal)
        case .stored(let name):
            if let served = try await stored(name) { return served }
            return refused(Self.refusal(404, "The \(named.spec.name) variant of \(named.source) is not stored."))
        }
    }

    /// The spec, source and stored name a signed path asks for, or why it is refused: no storage call,
    /// nothing decoded.
    func variant(at path: String) -> NamedVariant.Lookup {
        let request: SignedVariantPath
        do {
            request = try signer.verifyVariantPath(path, prefix: Self.prefix)
        } catch {
            return .refused(Self.refusal(Self.status(of: error), "The signed URL was refused: \(error.reason)."))
        }
        var named = specs.first { $0.name == request.spec }
        if named == nil, let freeForm {
            do throws(UploadAppError) {
                named = try freeForm.spec(named: request.spec)
            } catch {
                return .refused(Self.refusal(error.status, error.message))
            }
        }
        guard let spec = named else {
            return .refused(Self.refusal(404, "There is no image spec named \"\(request.spec)\"."))
        }
        // `verifyVariantPath` has already refused what `MediaFiles.safeName` refuses (an empty, `.` or
        // `..` segment, a backslash, a NUL, an encoded slash) and decoded the name once: a `%` left in
        // it is part of the name, not an escape to decode again.
        return .named(
            NamedVariant(spec: spec, source: request.source, storedName: names.name(of: spec, for: request.source)))
    }

    /// `named`'s variant made and stored (once for concurrent requests), or why it cannot be: 404 for
    /// a missing source, 422 for one that is not an image the library decodes.
    func make(_ named: NamedVariant) async -> VariantFile {
        guard (try? await generator.storage.exists(named.source)) == true else {
            return .refused(Self.refusal(404, "There is no image named \"\(named.source.prefix(200))\"."))
        }
        do {
            return .stored(name: try await generator.variant(named.spec, of: named.source).name)
        } catch {
            // The sentence is ours; the generator's error contributes its reason, not its own sentence.
            let status = error.imagingError == nil ? 500 : 422
            return .refused(
                Self.refusal(
                    status, "The \(named.spec.name) variant of \(named.source) cannot be made: \(error.reason)."))
        }
    }

    /// 403 for a signature that does not match or has expired, 400 for a path that is malformed.
    static func status(of error: SignedURLError) -> Int {
        switch error {
        case .wrongLength, .wrongAlphabet, .unknownKeyID, .unknownKey, .expired: 403
        case .dotSegment, .encodedSeparator, .badSpecName, .badExpiry, .malformedPath: 400
        case .invalidConfiguration: 500
        }
    }

    static func refusal(_ status: Int, _ sentence: String) -> MediaResponse {
        MediaResponse(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data("\(sentence)\n".utf8))
    }
}
