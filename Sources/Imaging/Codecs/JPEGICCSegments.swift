/// The `APP2` segments a JPEG carries its ICC profile in (ICC.1, annex B.4): `ICC_PROFILE\0`, the
/// chunk's 1-based number, the number of chunks, then at most 65,519 bytes of the profile.
///
/// Reading collects the chunks as the header parser meets them and assembles them only when every
/// number from 1 to the count arrived exactly once; anything else is no profile, as in libjpeg's
/// `jpeg_read_icc_profile`. Writing cuts a profile into segments for the encoder to splice in.
struct JPEGICCSegments {
    static let identifier: [UInt8] = Array("ICC_PROFILE\0".utf8)
    /// 65,535 (the largest segment length) − 2 (the length) − 12 (the identifier) − 2 (the numbering).
    static let maximumChunkSize = 65_519

    private var chunks: [Int: [UInt8]] = [:]
    private var declaredCount: Int?
    private var totalSize = 0
    private var isDamaged = false

    /// Adds the body of an `APP2` segment that starts with ``identifier``.
    mutating func add(_ body: Span<UInt8>) {
        guard !isDamaged else { return }
        let header = Self.identifier.count
        guard let number = body.uint8(at: header).map(Int.init), let count = body.uint8(at: header + 1).map(Int.init),
            number >= 1, number <= count, declaredCount == nil || declaredCount == count, chunks[number] == nil
        else {
            isDamaged = true
            return
        }
        let data = body.extracting((header + 2)...)
        totalSize += data.count
        guard totalSize <= ICCProfile.maximumSize else {
            isDamaged = true
            return
        }
        declaredCount = count
        chunks[number] = data.withUnsafeBufferPointer { Array($0) }
    }

    /// The assembled profile, or `nil` when there was none or the chunks do not make a valid one.
    var profile: ICCProfile? {
        guard !isDamaged, let declaredCount, chunks.count == declaredCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(totalSize)
        for number in 1...declaredCount { bytes += chunks[number]! }
        return ICCProfile(embedded: bytes)
    }

    /// `profile` as complete `APP2` segments (markers and lengths included), in order.
    ///
    /// ``ICCProfile/maximumSize`` keeps the count within the format's 255 chunks.
    static func encoded(_ profile: ICCProfile) -> [UInt8] {
        let count = (profile.count + maximumChunkSize - 1) / maximumChunkSize
        var segments: [UInt8] = []
        segments.reserveCapacity(profile.count + count * 18)
        for index in 0..<count {
            let chunk = profile.bytes[(index * maximumChunkSize)..<min(profile.count, (index + 1) * maximumChunkSize)]
            let length = 2 + identifier.count + 2 + chunk.count
            segments += [0xFF, 0xE2, UInt8(length >> 8), UInt8(length & 0xFF)]
            segments += identifier
            segments += [UInt8(index + 1), UInt8(count)]
            segments += chunk
        }
        return segments
    }
}
