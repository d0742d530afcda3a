/// Why an ``ImageSpec`` could not be made, naming the spec.
///
/// ```swift
/// do { _ = try ImageSpec("small", fitting: Size(width: 0, height: 256)) }
/// catch { print(error) }  // Cannot make the image spec "small": the box 0×256 must be at least 1×1.
/// ```
public struct ImageSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The spec's name, as given.
    public var spec: String
    /// Why, as the end of a sentence.
    public var reason: String

    /// Creates an error about the spec named `spec`.
    public init(spec: String, reason: String) {
        self.spec = spec
        self.reason = reason
    }

    /// `Cannot make the image spec "<spec>": <reason>.`
    public var description: String { "Cannot make the image spec \"\(spec)\": \(reason)." }

    /// The characters a spec name may hold, so that it is safe in every storage's file names and URLs.
    static func isAllowedInName(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_-@".contains(character))
    }

    /// Throws unless `name`, `shape` and `format` make a spec whose variants can always be encoded.
    static func check(name: String, shape: ImageSpec.Shape, format: ImageEncoding) throws(ImageSpecError) {
        guard !name.isEmpty, name.count <= 64, name.allSatisfy(isAllowedInName) else {
            throw ImageSpecError(
                spec: name, reason: "the name must be 1 to 64 letters, digits, \"_\", \"-\" or \"@\"")
        }
        let box = shape.box
        guard box.width >= 1, box.height >= 1 else {
            throw ImageSpecError(spec: name, reason: "the box \(box) must be at least 1×1")
        }
        guard box.pixelCount != nil else {
            throw ImageSpecError(spec: name, reason: "the box \(box) is too large")
        }
        switch format {
        case .jpeg(let options) where !(1...100).contains(options.quality):
            throw ImageSpecError(spec: name, reason: "the JPEG quality \(options.quality) is not between 1 and 100")
        case .png(let options) where !(0...9).contains(options.compressionLevel):
            throw ImageSpecError(
                spec: name, reason: "the PNG compression level \(options.compressionLevel) is not between 0 and 9")
        case .webp(let options) where !(1...100).contains(options.quality):
            throw ImageSpecError(spec: name, reason: "the WebP quality \(options.quality) is not between 1 and 100")
        case .avif(let options) where !(1...100).contains(options.quality):
            throw ImageSpecError(spec: name, reason: "the AVIF quality \(options.quality) is not between 1 and 100")
        default:
            break
        }
    }
}
