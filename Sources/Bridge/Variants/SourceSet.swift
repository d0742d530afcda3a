import Files

/// The variants of one spec at several pixel densities, and the `srcset` attribute that offers them.
///
/// ```swift
/// let set = try await record.sourceSet(small, densities: [1, 2, 3], in: storage)
/// html += #"<img src="\#(set.fallback.url)" srcset="\#(set.attribute)">"#
/// // srcset="/media/a.small-….jpg 1x, /media/a.small-2x-….jpg 2x"
/// ```
///
/// A density is offered only when the source has the pixels for it (see
/// ``ImageSpec/densities(_:forSourceOf:)``): browsers pick the 1× image on screens the missing ones
/// were for, which is what they expect instead of an upscaled copy.
public struct SourceSet: Sendable, Hashable {
    /// One image of the set.
    public struct Candidate: Sendable, Hashable {
        /// Device pixels per CSS pixel: 1, 2, 3.
        public var density: Int
        /// The variant made for that density.
        public var variant: ImageVariant

        /// Creates a candidate.
        public init(density: Int, variant: ImageVariant) {
            self.density = density
            self.variant = variant
        }
    }

    /// The candidates, by increasing density; the first is always the 1× variant.
    public var candidates: [Candidate]

    /// Creates a set from its candidates, the 1× first.
    public init(candidates: [Candidate]) {
        self.candidates = candidates
    }

    /// The 1× variant, for the `src`, `width` and `height` attributes.
    public var fallback: ImageVariant? { candidates.first?.variant }

    /// The `srcset` attribute's value: `"<url> 1x, <url> 2x"`.
    public var attribute: String {
        candidates.map { "\($0.variant.url) \($0.density)x" }.joined(separator: ", ")
    }
}

extension ImageSpec {
    /// The densities of `densities` (sorted, without duplicates, 1 always kept) whose variant a
    /// source of displayed size `source` can give without upscaling: the source has at least
    /// `density` times the pixels of the 1× variant along both axes (less `density - 1` pixels for a
    /// fitted 1× side, which may have been rounded up).
    ///
    /// ```swift
    /// small.densities([1, 2, 3], forSourceOf: Size(width: 4000, height: 3000))  // [1, 2, 3]
    /// small.densities([1, 2, 3], forSourceOf: Size(width: 300, height: 200))    // [1]
    /// ```
    public func densities(_ densities: [Int], forSourceOf source: Size) -> [Int] {
        let candidates = Set(densities.filter { $0 >= 1 } + [1]).sorted()
        switch shape {
        case .fitting(let box):
            let single = source.thumbnailSize(fitting: box)
            // Each 1× side may have been rounded up by a pixel, so density d may lack d - 1 pixels.
            return candidates.filter { density in
                density == 1
                    || (density * single.width <= source.width + density - 1
                        && density * single.height <= source.height + density - 1)
            }
        case .filling(let box):
            // Divided rather than multiplied: a huge box times a density must not overflow.
            return candidates.filter { density in
                density == 1 || (box.width <= source.width / density && box.height <= source.height / density)
            }
        }
    }

    /// This spec at each of `densities` (see ``atDensity(_:)``), all of them: for eager generation,
    /// which does not know the source's size yet.
    ///
    /// - Throws: ``ImageSpecError`` when a density is below 1 or makes the box overflow.
    public func atDensities(_ densities: [Int]) throws(ImageSpecError) -> [ImageSpec] {
        var specs: [ImageSpec] = []
        for density in Set(densities + [1]).sorted() { specs.append(try atDensity(density)) }
        return specs
    }
}

extension ImageSpec {
    /// ``atDensity(_:)``, its error naming the source whose source set is being made.
    func atDensity(_ density: Int, source: String) throws(VariantError) -> ImageSpec {
        do {
            return try atDensity(density)
        } catch {
            throw VariantError(source: source, specs: [name], cause: .spec(error))
        }
    }
}

extension StoredImage {
    /// The source set of `spec` from this record: the 1× variant and those of `densities` the source
    /// has the pixels for and the record holds. `nil` when the record has no current 1× variant.
    /// The only storage calls are `FileStorage.url(_:)`.
    ///
    /// - Throws: ``VariantError`` naming this source and the spec: a density whose spec cannot be made
    ///   (its box overflows), as ``VariantGenerator/sourceSet(_:densities:of:)`` throws it, or the
    ///   storage's error from `url(_:)`.
    public func sourceSet(
        _ spec: ImageSpec, densities: [Int] = [1, 2, 3], in storage: any FileStorage
    ) async throws(VariantError) -> SourceSet? {
        var candidates: [SourceSet.Candidate] = []
        for density in spec.densities(densities, forSourceOf: size) {
            let scaled = try spec.atDensity(density, source: name)
            guard let variant = variant(for: scaled) else {
                if density == 1 { return nil }
                continue
            }
            do {
                candidates.append(
                    SourceSet.Candidate(density: density, variant: try await variant.rendered(in: storage)))
            } catch {
                throw VariantError(source: name, specs: [scaled.name], cause: .storage(error))
            }
        }
        return SourceSet(candidates: candidates)
    }
}

extension VariantGenerator {
    /// The source set of `spec` for the stored file `source`, its variants made on first request
    /// (see ``variant(_:of:)``). Reads the source's header for its size.
    ///
    /// - Throws: ``VariantError`` naming the source and the spec.
    public func sourceSet(
        _ spec: ImageSpec, densities: [Int] = [1, 2, 3], of source: String
    ) async throws(VariantError) -> SourceSet {
        let size = try await displayedSize(of: source, specs: [spec])
        var candidates: [SourceSet.Candidate] = []
        for density in spec.densities(densities, forSourceOf: size) {
            let scaled = try spec.atDensity(density, source: source)
            candidates.append(SourceSet.Candidate(density: density, variant: try await variant(scaled, of: source)))
        }
        return SourceSet(candidates: candidates)
    }
}
