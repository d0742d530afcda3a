import Bridge
import Synchronization

/// The variant names the signed route has computed, so that a thumbnail asked for again costs a lookup
/// instead of `ImageSpec.variantName(of:)` (about as much as the signature check: the spec's canonical
/// description, its hash, the name split into scalars).
///
/// ```swift
/// let names = VariantNames()
/// names.name(of: small, for: "photos/cat.jpg")   // "photos/cat.small-cd50196e.jpg", computed once
/// ```
///
/// Safe to keep for the process's life: a variant name is a pure function of the spec and the source
/// name. Bounded: at ``capacity`` names it starts again empty; only the sources of URLs whose signature
/// was checked get here, so the table holds names this server signed.
final class VariantNames: Sendable {
    /// The most names kept.
    static let capacity = 4096

    private struct Key: Hashable {
        let spec: String
        let source: String
    }

    private let names = Mutex<[Key: String]>([:])

    /// `spec.variantName(of: source)`.
    func name(of spec: ImageSpec, for source: String) -> String {
        let key = Key(spec: spec.name, source: source)
        if let known = names.withLock({ $0[key] }) { return known }
        let name = spec.variantName(of: source)
        names.withLock { names in
            if names.count >= Self.capacity { names.removeAll(keepingCapacity: true) }
            names[key] = name
        }
        return name
    }
}
