/// Why ``JPEGEighthScaleRewriter`` leaves a file to the decoder's usual path. Not an error the
/// caller sees: the usual path then decodes the file, or throws its own typed error.
struct JPEGRewriteRefusal: Error, Equatable, CustomStringConvertible {
    /// What the file has that the rewrite does not reproduce exactly, as a clause.
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }

    var description: String { "The progressive JPEG is decoded whole because \(reason)." }
}
