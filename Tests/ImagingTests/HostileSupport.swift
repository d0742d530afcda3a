import Foundation
import TestSupport

/// The committed hostile inputs under `Tests/Fixtures/hostile/`.
enum Hostile {
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Corpus.fixture("hostile/" + relativePath)))
    }

    /// The file names in one of the hostile directories, sorted.
    static func names(in directory: String, extensions: Set<String> = ["jpg", "png"]) -> [String] {
        let url = Corpus.fixture("hostile/" + directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return Corpus.nonEmpty(names.filter { extensions.contains(($0 as NSString).pathExtension) }.sorted()) { $0 }
    }
}

/// Builds PNG chunks with correct CRCs, for inputs too large to commit.
enum PNGChunk {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func make(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(payload.count)) + typeBytes + payload + bigEndian(crc32(typeBytes + payload))
    }

    /// `png` with `chunks` inserted right after its IHDR chunk.
    static func inserting(_ chunks: [UInt8], afterHeaderOf png: [UInt8]) -> [UInt8] {
        let headerEnd = 8 + 4 + 4 + 13 + 4
        return Array(png[..<headerEnd]) + chunks + Array(png[headerEnd...])
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
