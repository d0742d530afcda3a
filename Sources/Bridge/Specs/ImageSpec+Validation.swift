import Files

extension ImageSpec {
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
