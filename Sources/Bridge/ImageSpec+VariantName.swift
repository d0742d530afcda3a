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
        let directoryEnd = source.lastIndex(of: "/").map { source.index(after: $0) } ?? source.startIndex
        let base = source[directoryEnd...]
        let (stem, sourceExtension) = Self.splitExtension(base)
        let tag = FNV1a.hexDigest(of: canonicalDescription + "\n" + sourceExtension)
        return "\(source[..<directoryEnd])\(stem).\(name)-\(tag).\(format.format.fileExtension)"
    }

    /// Whether `name` has the shape of a variant's name, `<stem>.<spec>-<8 hex digits>.<jpg|png>`, so
    /// that a listing of sources can leave variants out.
    public static func isVariantName(_ name: String) -> Bool {
        let base = name.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        let (stem, fileExtension) = splitExtension(base)
        guard fileExtension == ".jpg" || fileExtension == ".png" else { return false }
        let (_, suffix) = splitExtension(stem)
        // suffix is ".<spec>-<tag>"
        guard let dash = suffix.lastIndex(of: "-"), suffix.count > 10 else { return false }
        let specName = suffix.dropFirst().prefix(upTo: dash)
        let tag = suffix[suffix.index(after: dash)...]
        return !specName.isEmpty && specName.allSatisfy(ImageSpecError.isAllowedInName)
            && tag.count == 8 && tag.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// Python's `os.path.splitext` on a base name: leading dots start no extension.
    private static func splitExtension(_ base: Substring) -> (stem: Substring, extension: Substring) {
        guard let dot = base.lastIndex(of: "."), base[base.startIndex..<dot].contains(where: { $0 != "." }) else {
            return (base, "")
        }
        return (base[..<dot], base[dot...])
    }
}
