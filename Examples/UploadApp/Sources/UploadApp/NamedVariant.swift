import Bridge

/// What a verified `/media/v/{signature}/{spec}/{source}` path names: the spec, the source, and the
/// storage name the variant has (or will have once made).
struct NamedVariant: Sendable {
    /// What checking a signed path comes to: the variant it names, or the refusal to send.
    enum Lookup: Sendable {
        case named(NamedVariant)
        case refused(MediaResponse)
    }

    let spec: ImageSpec
    let source: String
    /// `spec`'s deterministic variant name for `source` (`ImageSpec.variantName(of:)`).
    let storedName: String
}
