import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A spec's variant, encoded in memory and not stored yet.
struct RenderedVariant {
    var spec: ImageSpec
    var bytes: Data
    var size: Size
}

/// The source's displayed size and every variant of a set, from one decode.
struct RenderedSet {
    var sourceSize: Size
    var variants: [RenderedVariant]
    /// The size the source was decoded at, in stored orientation.
    var decodedSize: Size
    /// The placeholders, from the smallest variant's pixels, when asked for.
    var placeholders: ImagePlaceholders?
}

extension FileObject {
    /// Decodes this file's image once (at the DCT scale the largest spec needs) and encodes every spec's
    /// variant from that decode. Reads from the start in pieces and puts the position back.
    func renderVariants(
        _ specs: [ImageSpec], source: String?, options: DecodingOptions, placeholders: Bool = false
    ) throws(VariantError) -> RenderedSet {
        let names = specs.map(\.name)
        let shapes = specs.map { spec in
            switch spec.shape {
            case .fitting(let box): ThumbnailShape(fills: false, box: box, filter: spec.filter)
            case .filling(let box): ThumbnailShape(fills: true, box: box, filter: spec.filter, crop: spec.crop)
            }
        }
        let decoded: Result<ThumbnailSet, ImagingError>
        do throws(FileError) {
            decoded = try decodingPieces { read throws(ThumbnailReadingError<FileError>) in
                try Image.thumbnails(reading: read, shapes: shapes, options: options)
            }
        } catch {
            throw VariantError(source: source, specs: names, cause: .file(error))
        }
        let set: ThumbnailSet
        do throws(ImagingError) {
            set = try decoded.get()
        } catch {
            throw VariantError(source: source, specs: names, cause: .imaging(error))
        }
        var variants: [RenderedVariant] = []
        for (spec, image) in zip(specs, set.images) {
            do {
                variants.append(
                    RenderedVariant(spec: spec, bytes: Data(try image.encoded(as: spec.format)), size: image.size))
            } catch {
                throw VariantError(source: source, specs: [spec.name], cause: .imaging(error))
            }
        }
        var made: ImagePlaceholders?
        if placeholders, let smallest = set.images.min(by: { $0.width * $0.height < $1.width * $1.height }) {
            do {
                made = try ImagePlaceholders(of: smallest)
            } catch {
                throw VariantError(source: source, specs: names, cause: .imaging(error))
            }
        }
        return RenderedSet(
            sourceSize: options.appliesOrientation ? set.source.displaySize : set.source.size, variants: variants,
            decodedSize: set.decodedSize, placeholders: made)
    }
}
