import Files

/// What a ``VariantGenerator`` has done since it was made.
public struct GenerationStatistics: Sendable, Hashable {
    /// Source images decoded: one per eager save, per ``VariantGenerator/generate(_:for:)`` and per
    /// lazily made variant.
    public var decodes = 0
    /// Variant files written.
    public var variantsWritten = 0

    /// Creates statistics.
    public init(decodes: Int = 0, variantsWritten: Int = 0) {
        self.decodes = decodes
        self.variantsWritten = variantsWritten
    }
}
