import Foundation

/// A raster read from a Netpbm file: binary PGM (`P5`), PPM (`P6`) or PAM (`P7`),
/// 8 bits per sample. Reference images are stored this way so that tests of one
/// part of the imaging module never depend on another part's codecs.
public struct PortablePixmap: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Samples per pixel: 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA).
    public var channels: Int
    /// `width * height * channels` samples, rows top to bottom, interleaved.
    public var samples: [UInt8]

    public init(width: Int, height: Int, channels: Int, samples: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.samples = samples
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a Netpbm file.
    public init(contentsOf url: URL) throws {
        try self.init(bytes: [UInt8](try Data(contentsOf: url)))
    }

    /// Reads a fixture committed under `Tests/Fixtures/`.
    public static func fixture(_ relativePath: String) throws -> PortablePixmap {
        try PortablePixmap(contentsOf: Corpus.fixture(relativePath))
    }

    /// Parses the bytes of a `P5`, `P6` or `P7` file with `MAXVAL 255`.
    public init(bytes: [UInt8]) throws {
        var position = 0
        func token() throws -> String {
            // Skip whitespace and comments, then read one word.
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "#") {
                    while position < bytes.count && bytes[position] != UInt8(ascii: "\n") { position += 1 }
                } else if [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
                    position += 1
                } else {
                    break
                }
            }
            let start = position
            while position < bytes.count && ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
            guard position > start else { throw FormatError(description: "unexpected end of Netpbm header") }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
        func number() throws -> Int {
            let word = try token()
            guard let value = Int(word) else { throw FormatError(description: "expected a number, got \(word)") }
            return value
        }
        let magic = try token()
        var maxValue = 255
        switch magic {
        case "P5", "P6":
            width = try number()
            height = try number()
            maxValue = try number()
            channels = magic == "P5" ? 1 : 3
        case "P7":
            var fields: [String: String] = [:]
            while true {
                let key = try token()
                if key == "ENDHDR" { break }
                fields[key] = try token()
            }
            guard let w = fields["WIDTH"].flatMap(Int.init), let h = fields["HEIGHT"].flatMap(Int.init),
                let depth = fields["DEPTH"].flatMap(Int.init), let maximum = fields["MAXVAL"].flatMap(Int.init)
            else { throw FormatError(description: "PAM header lacks WIDTH, HEIGHT, DEPTH or MAXVAL") }
            (width, height, channels, maxValue) = (w, h, depth, maximum)
        default:
            throw FormatError(description: "not a binary Netpbm file (magic \(magic))")
        }
        guard maxValue == 255 else { throw FormatError(description: "only MAXVAL 255 is supported") }
        position += 1  // the single whitespace byte that ends the header
        let count = width * height * channels
        guard bytes.count - position >= count else {
            throw FormatError(description: "Netpbm data holds \(bytes.count - position) samples, needs \(count)")
        }
        samples = Array(bytes[position..<(position + count)])
    }
}

/// Peak signal-to-noise ratio in dB between two equally long sample arrays
/// (peak 255); `.infinity` when they are identical.
public func psnr(_ a: [UInt8], _ b: [UInt8]) -> Double {
    precondition(a.count == b.count && !a.isEmpty, "PSNR needs two non-empty arrays of equal length")
    var squaredError = 0.0
    for index in a.indices {
        let difference = Double(Int(a[index]) - Int(b[index]))
        squaredError += difference * difference
    }
    guard squaredError > 0 else { return .infinity }
    let meanSquaredError = squaredError / Double(a.count)
    return 10 * log10(255 * 255 / meanSquaredError)
}

/// The largest absolute difference between corresponding samples.
public func maximumDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
    precondition(a.count == b.count, "arrays must be equally long")
    return zip(a, b).map { abs(Int($0) - Int($1)) }.max() ?? 0
}
