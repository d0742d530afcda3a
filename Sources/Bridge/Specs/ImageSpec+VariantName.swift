import Files

extension ImageSpec {
    /// The storage name of this spec's variant of the stored file `source`: the source's directory and
    /// base name without its extension, then `.<spec name>-<tag>.<format extension>`.
    ///
    /// ```swift
    /// small.variantName(of: "photos/IMG_1234.jpg")   // "photos/IMG_1234.small-cd50196e.jpg"
    /// ```
    ///
    /// The tag is the FNV-1a digest of ``canonicalDescription`` and the source's extension, so the name
    /// depends on nothing but the two: two servers sharing a bucket compute the same one, a changed
    /// parameter gives a new one (old variants are never served for a new recipe), and `a.jpg` and
    /// `a.png` get different ones. Pure; no storage call.
    public func variantName(of source: String) -> String {
        let (stem, sourceExtension) = PathSyntax.splitExtension(source)
        let tag = FNV1a.hexDigest(of: canonicalDescription + "\n" + String(scalars: sourceExtension))
        return "\(String(scalars: stem)).\(name)-\(tag).\(format.format.fileExtension)"
    }

    /// Whether `name` has the shape of a variant's name, `<stem>.<spec>-<8 hex digits>.<extension>`,
    /// where the extension is the usual one of a format the library encodes (`jpg`, `png`, `webp`,
    /// `avif`: Imaging's `ImageFormat.defaultEncoding`), so that a listing of sources can leave
    /// variants out.
    public static func isVariantName(_ name: String) -> Bool {
        let (stemScalars, fileExtension) = PathSyntax.splitExtension(PathSyntax.basename(name))
        guard fileExtension.first == ".", variantExtensions.contains(String(scalars: fileExtension.dropFirst()))
        else { return false }
        let (_, suffixScalars) = PathSyntax.splitExtension(String(scalars: stemScalars))
        let suffix = String(scalars: suffixScalars)
        // suffix is ".<spec>-<tag>"
        guard let dash = suffix.lastIndex(of: "-"), suffix.count > 10 else { return false }
        let specName = suffix.dropFirst().prefix(upTo: dash)
        let tag = suffix[suffix.index(after: dash)...]
        return !specName.isEmpty && specName.allSatisfy(isAllowedInName)
            && tag.count == 8 && tag.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// The extensions ``variantName(of:)`` writes: the usual one of every encodable format.
    private static let variantExtensions = Set(
        ImageFormat.allCases.filter { $0.defaultEncoding != nil }.map(\.fileExtension))
}
