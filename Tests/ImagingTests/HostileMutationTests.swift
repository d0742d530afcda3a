import Imaging
import TestSupport
import Testing

/// Every corpus image, truncated at many offsets and with single bytes changed: each copy either
/// decodes to a consistent image or throws an ``ImagingError``; never a crash or a hang (Documentation/Hostile-Input.md).
/// The mutations come from a PRNG seeded by the file's path, so every run tests the same inputs.
@Suite struct HostileMutationTests {
    /// Every image in the corpus, both codecs, valid and corrupt alike.
    static let images = Corpus.entries { _ in true }.map(\.path)

    /// Big files (the 1800 × 1200 EXIF photos) get fewer copies, to keep the suite in seconds.
    static func plan(forSize count: Int) -> (evenlySpaced: Int, leading: Int, mutations: Int) {
        count > 100_000 ? (12, 8, 12) : (64, 40, 50)
    }

    @Test(arguments: images)
    func truncatedCopiesDecodeOrThrow(path: String) throws {
        let bytes = try Corpus.bytes(path)
        let intactDecodes = (try? Image(decoding: bytes, options: Self.options)) != nil
        let end = Self.endOfImage(bytes)
        let plan = Self.plan(forSize: bytes.count)
        var lengths = Set(0..<min(plan.leading, bytes.count))
        for step in 0..<plan.evenlySpaced { lengths.insert(bytes.count * step / plan.evenlySpaced) }
        for length in lengths.sorted() {
            let prefix = Array(bytes.prefix(length))
            let image = Self.checkedDecode(prefix, label: "\(path) cut to \(length)")
            Self.checkedProbe(prefix, agreeingWith: image, label: "\(path) cut to \(length)")
            // A cut before the end of the image data is never passed off as a whole image.
            if intactDecodes, length < end {
                #expect(image == nil, "\(path) cut to \(length) of \(bytes.count) bytes decoded")
            }
        }
    }

    @Test(arguments: images)
    func mutatedCopiesDecodeOrThrow(path: String) throws {
        let bytes = try Corpus.bytes(path)
        var random = SplitMix64(seed: path)
        for _ in 0..<Self.plan(forSize: bytes.count).mutations {
            var copy = bytes
            let offset = Int.random(in: 0..<copy.count, using: &random)
            copy[offset] ^= UInt8.random(in: 1...255, using: &random)
            let label = "\(path) with byte \(offset) set to \(copy[offset])"
            let image = Self.checkedDecode(copy, label: label)
            Self.checkedProbe(copy, agreeingWith: image, label: label)
        }
    }

    /// Stored orientation: the probe's stored size must then equal the decoded size.
    static let options = DecodingOptions(appliesOrientation: false)

    /// Decodes; a decoded image must hold exactly `width * height * channels` samples.
    static func checkedDecode(_ bytes: [UInt8], label: String) -> Image? {
        do {
            let image = try Image(decoding: bytes, options: options)
            #expect(image.width > 0 && image.height > 0, "\(label)")
            #expect(image.pixels.count == image.width * image.height * image.pixelFormat.channelCount, "\(label)")
            return image
        } catch {
            #expect(!error.description.isEmpty, "\(label)")
            return nil
        }
    }

    /// Probes; whenever the decode succeeded, the probe must too, with the same size and format.
    static func checkedProbe(_ bytes: [UInt8], agreeingWith image: Image?, label: String) {
        let info = try? ImageInfo(probing: bytes)
        guard let image else { return }
        #expect(info?.size == image.size, "\(label): probe \(String(describing: info?.size)), decode \(image.size)")
        #expect(info?.pixelFormat == image.pixelFormat, "\(label)")
    }

    /// The offset just past a JPEG's last EOI or a PNG's IEND chunk, past a GIF's first frame (the
    /// only one decoded), and the file's length otherwise.
    static func endOfImage(_ bytes: [UInt8]) -> Int {
        if ImageFormat(detecting: bytes) == .gif { return endOfFirstGIFFrame(bytes) ?? bytes.count }
        if ImageFormat(detecting: bytes) != .jpeg, ImageFormat(detecting: bytes) != .png { return bytes.count }
        let marker: [UInt8] = ImageFormat(detecting: bytes) == .png ? Array("IEND".utf8) : [0xFF, 0xD9]
        let trailing = ImageFormat(detecting: bytes) == .png ? 8 : 2  // IEND's type and CRC; EOI itself
        var index = bytes.count - marker.count
        while index >= 0 {
            if bytes[index..<index + marker.count].elementsEqual(marker) { return index + trailing }
            index -= 1
        }
        return bytes.count
    }

    /// The offset just past the last data sub-block of a GIF's first image.
    static func endOfFirstGIFFrame(_ bytes: [UInt8]) -> Int? {
        func tableSize(_ packed: UInt8) -> Int { packed & 0x80 == 0 ? 0 : 3 << (Int(packed & 7) + 1) }
        func skipSubBlocks(from start: Int) -> Int? {
            var offset = start
            while offset < bytes.count {
                let length = Int(bytes[offset])
                offset += 1 + length
                if length == 0 { return offset }
            }
            return nil
        }
        guard bytes.count > 13 else { return nil }
        var offset = 13 + tableSize(bytes[10])
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x21:
                guard let next = skipSubBlocks(from: offset + 2) else { return nil }
                offset = next
            case 0x2C:
                guard offset + 10 < bytes.count else { return nil }
                // Descriptor (10 bytes), local table, LZW code size, data sub-blocks.
                return skipSubBlocks(from: offset + 10 + tableSize(bytes[offset + 9]) + 1)
            default:
                return nil
            }
        }
        return nil
    }
}
