/// Choices (sizes, filters, flags) taken from the last bytes of a fuzz input.
///
/// Reading them from the end leaves the front of the input a valid JPEG or PNG for the
/// seed images: bytes after a JPEG's EOI or a PNG's IEND do not change the picture, so the
/// fuzzer can vary the choices without breaking the image. When the input is shorter than
/// the choices need, the missing bytes read as zero.
public struct FuzzChoices {
    private let bytes: [UInt8]
    private var position: Int

    /// Takes choices from the last `count` bytes of `input`.
    public init(trailingBytesOf input: [UInt8], count: Int = 16) {
        bytes = Array(input.suffix(count).reversed())
        position = 0
    }

    /// The next byte, or 0 when they are used up.
    public mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    /// A value in `range`, from one or two bytes.
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        let span = range.upperBound - range.lowerBound + 1
        let raw = span <= 256 ? Int(byte()) : Int(byte()) << 8 | Int(byte())
        return range.lowerBound + raw % span
    }

    /// A boolean from one byte.
    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// One of `options`.
    public mutating func pick<T>(_ options: [T]) -> T {
        options[integer(in: 0...(options.count - 1))]
    }
}
