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
/// await variants.file(path: request.path)  // .stored(name:) for the server to stream, or .refused
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

    /// The variant the request path `path` (percent-encoded, without the query) names, made and
    /// stored on first request; or why it is refused.
    func file(path: String) async -> VariantFile {
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
        guard MediaFiles.safeName(request.source) != nil else {
            return .refused(Self.refusal(404, "There is no image named \"\(request.source.prefix(200))\"."))
        }
        // The usual request, a variant already stored: one existence check, then the server streams it.
        // The generator would also check the source and re-read the variant's header (its guard against
        // a half-written copy); the storage served here publishes only finished files (FileSystemStorage
        // links or renames them into place), and deleting a photo deletes its variants.
        let stored = spec.variantName(of: request.source)
        if (try? await generator.storage.exists(stored)) == true { return .stored(name: stored) }
        guard (try? await generator.storage.exists(request.source)) == true else {
            return .refused(Self.refusal(404, "There is no image named \"\(request.source.prefix(200))\"."))
        }
        do {
            return .stored(name: try await generator.variant(spec, of: request.source).name)
        } catch {
            let status = error.imagingError == nil ? 500 : 422
            return .refused(
                Self.refusal(
                    status, "The \(spec.name) variant of \(request.source) cannot be made: \(error.description)"))
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
