/// A BlurHash (Wolt's): a 20–30 character placeholder string of an image's blurred colours, as
/// Mastodon, Signal and Jellyfin show while a thumbnail loads.
///
/// ```swift
/// let hash = try BlurHash(encoding: thumbnail)            // 4×3 components: "LEHV6nWB2yk8pyo0adR*.7kCMdnj"
/// let preview = try hash.decoded(to: Size(width: 32, height: 24))
/// ```
///
/// The encoder and decoder equal the `blurhash` package on PyPI byte for byte on the same pixels
/// (checked against committed vectors): the image is taken as sRGB, linearised, and each component
/// is the cosine-weighted mean over every pixel.
///
/// Cost: O(pixels × components); encode from a small variant (≤ 100 pixels a side) — the result is
/// blurred anyway.
public struct BlurHash: Sendable, Hashable, CustomStringConvertible {
    /// The hash text: base 83, `4 + 2 × components` characters.
    public let string: String

    /// Wraps a stored hash.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when `string` holds a character outside the base-83
    ///   alphabet or its length does not match the component counts its first character gives.
    public init(_ string: String) throws(ImagingError) {
        let characters = Array(string.utf8)
        guard characters.count >= 6, characters.allSatisfy({ Base83.value(of: $0) != nil }) else {
            throw .invalidArgument("a BlurHash is at least 6 base-83 characters")
        }
        let sizes = Base83.decode(characters[0..<1])
        let expected = 4 + 2 * (sizes % 9 + 1) * (sizes / 9 + 1)
        guard characters.count == expected else {
            throw .invalidArgument("the BlurHash has \(characters.count) characters, its header says \(expected)")
        }
        self.string = string
    }

    /// Encodes an image with `components` cosine components across and down (1 to 9 each).
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when a component count is outside 1…9.
    public init(encoding image: Image, components: (x: Int, y: Int) = (4, 3)) throws(ImagingError) {
        guard (1...9).contains(components.x), (1...9).contains(components.y) else {
            throw .invalidArgument("BlurHash component counts must be 1 to 9, got \(components.x)×\(components.y)")
        }
        string = Self.encode(image, componentsX: components.x, componentsY: components.y)
    }

    public var description: String { string }

    /// The number of components across and down.
    public var components: (x: Int, y: Int) {
        let sizes = Base83.decode(Array(string.utf8)[0..<1])
        return (sizes % 9 + 1, sizes / 9 + 1)
    }

    private static func encode(_ image: Image, componentsX: Int, componentsY: Int) -> String {
        let width = Double(image.width)
        let height = Double(image.height)
        let rgba = PlaceholderMath.rgba(of: image)
        let linear = (0...255).map { Self.sRGBToLinear($0) }
        let pixelCount = image.width * image.height
        var red = [Double](repeating: 0, count: pixelCount)
        var green = [Double](repeating: 0, count: pixelCount)
        var blue = [Double](repeating: 0, count: pixelCount)
        for index in 0..<pixelCount {
            red[index] = linear[Int(rgba[index * 4])]
            green[index] = linear[Int(rgba[index * 4 + 1])]
            blue[index] = linear[Int(rgba[index * 4 + 2])]
        }
        var factors: [(Double, Double, Double)] = []
        var maximumAC = 0.0
        var cosX = [Double](repeating: 0, count: image.width)
        var cosY = [Double](repeating: 0, count: image.height)
        for j in 0..<componentsY {
            for y in 0..<image.height { cosY[y] = PlaceholderMath.cosine(Double.pi * Double(j) * Double(y) / height) }
            for i in 0..<componentsX {
                for x in 0..<image.width {
                    cosX[x] = PlaceholderMath.cosine(Double.pi * Double(i) * Double(x) / width)
                }
                let normalisation = i == 0 && j == 0 ? 1.0 : 2.0
                var r = 0.0
                var g = 0.0
                var b = 0.0
                for y in 0..<image.height {
                    for x in 0..<image.width {
                        let basis = normalisation * cosX[x] * cosY[y]
                        let index = y * image.width + x
                        r += basis * red[index]
                        g += basis * green[index]
                        b += basis * blue[index]
                    }
                }
                let scale = width * height
                factors.append((r / scale, g / scale, b / scale))
                if i != 0 || j != 0 {
                    maximumAC = max(maximumAC, Swift.abs(r / scale), Swift.abs(g / scale), Swift.abs(b / scale))
                }
            }
        }
        let dc = factors[0]
        let dcValue = linearToSRGB(dc.0) << 16 + linearToSRGB(dc.1) << 8 + linearToSRGB(dc.2)
        let quantisedMaximum = Int(max(0, min(82, (maximumAC * 166 - 0.5).rounded(.down))))
        let normalisation = Double(quantisedMaximum + 1) / 166
        func quantise(_ value: Double) -> Int {
            Int(max(0, min(18, (PlaceholderMath.signedPower(value / normalisation, 0.5) * 9 + 9.5).rounded(.down))))
        }
        var text = Base83.encode((componentsX - 1) + (componentsY - 1) * 9, length: 1)
        text += Base83.encode(quantisedMaximum, length: 1)
        text += Base83.encode(dcValue, length: 4)
        for factor in factors.dropFirst() {
            text += Base83.encode(
                quantise(factor.0) * 19 * 19 + quantise(factor.1) * 19 + quantise(factor.2), length: 2)
        }
        return text
    }

    static func sRGBToLinear(_ value: Int) -> Double {
        let fraction = Double(value) / 255
        return fraction <= 0.04045 ? fraction / 12.92 : PlaceholderMath.power((fraction + 0.055) / 1.055, 2.4)
    }

    static func linearToSRGB(_ value: Double) -> Int {
        let clamped = max(0, min(1, value))
        if clamped <= 0.0031308 { return Int(clamped * 12.92 * 255 + 0.5) }
        return Int((1.055 * PlaceholderMath.power(clamped, 1 / 2.4) - 0.055) * 255 + 0.5)
    }
}

/// BlurHash's base-83 digits.
enum Base83 {
    static let alphabet = Array(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~".utf8)
    private static let values: [UInt8: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    static func value(of character: UInt8) -> Int? { values[character] }

    static func decode(_ characters: some Collection<UInt8>) -> Int {
        characters.reduce(0) { $0 * 83 + (values[$1] ?? 0) }
    }

    static func encode(_ value: Int, length: Int) -> String {
        var digits = [UInt8](repeating: 0, count: length)
        var rest = value
        for index in stride(from: length - 1, through: 0, by: -1) {
            digits[index] = alphabet[rest % 83]
            rest /= 83
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
