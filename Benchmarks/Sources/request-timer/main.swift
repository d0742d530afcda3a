// The request-time images' in-process timings (Documentation/Performance.md) and crop windows, for Benchmarks/request-time.sh:
//
//     request-timer verify ROUNDS                 signature verification of a variant path, µs per call
//     request-timer crops PHOTO ROUNDS            a 128×128 fill of PHOTO by each crop rule, ms (whole: decode, crop, encode, store)
//     request-timer placeholders PHOTO ROUNDS     ThumbHash / BlurHash of the smallest variant, and the 256-px thumbnail with and without
//     request-timer windows PHOTO...              the attention and entropy windows of a 128×128 fill, as shares of the width and height
import BenchTiming
import Bridge
import Files
import Foundation
import VariantURLs

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: request-timer verify|crops|placeholders|windows …")
    exit(2)
}

/// The CPU time this thread has used, in microseconds: on a machine shared with other jobs (load
/// average above the core count) wall time counts the time the thread waits for a core too.
func threadCPUMicroseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e6 + Double(time.tv_nsec) / 1e3
}

func load(_ path: String) -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        exit(1)
    }
    return data
}

/// One 128×128 fill, as the app makes a variant: one decode at the DCT scale, crop, encode, store.
func fill(_ photo: Data, crop: CropStrategy) async throws -> StoredImage {
    let spec = try ImageSpec("avatar", filling: Size(square: 128), crop: crop)
    let generator = VariantGenerator(storage: InMemoryStorage())
    return try await generator.save("photo.jpg", content: ContentFile(photo, name: "photo.jpg"), specs: [spec])
}

switch arguments[1] {
case "verify":
    let rounds = Int(arguments[2]) ?? 7
    let signer = try VariantURLSigner(keys: [URLSigningKey(bytes: Array("a 32-byte secret for the bench!!".utf8))])
    let path = signer.variantPath(spec: "small", source: "photos/2026/12/IMG_1234.jpg")
    let calls = 100_000
    var perCall: [Double] = []
    var cpuPerCall: [Double] = []
    for _ in 0..<rounds {
        var accepted = 0
        let cpuStart = threadCPUMicroseconds()
        let elapsed = try milliseconds {
            for _ in 0..<calls {
                if try signer.verifyVariantPath(path).spec.count == 5 { accepted += 1 }
            }
        }
        cpuPerCall.append((threadCPUMicroseconds() - cpuStart) / Double(calls))
        precondition(accepted == calls)
        perCall.append(elapsed * 1000 / Double(calls))
    }
    print("verify \(median(perCall)) \(perCall.min()!)")
    print("verify-cpu \(median(cpuPerCall)) \(cpuPerCall.min()!)")
    // The HMAC check alone, without reading the path: what the parsing costs is the difference.
    let signed = path.dropFirst("/media/v/".count)
    let slash = signed.firstIndex(of: "/")!
    let signature = signed[..<slash]
    let rest = signed[slash...]
    var hmacOnly: [Double] = []
    var hmacCPU: [Double] = []
    for _ in 0..<rounds {
        let cpuStart = threadCPUMicroseconds()
        let elapsed = try milliseconds {
            for _ in 0..<calls { try signer.verify(signature: signature, for: rest) }
        }
        hmacCPU.append((threadCPUMicroseconds() - cpuStart) / Double(calls))
        hmacOnly.append(elapsed * 1000 / Double(calls))
    }
    print("verify-hmac \(median(hmacOnly)) \(hmacOnly.min()!)")
    print("verify-hmac-cpu \(median(hmacCPU)) \(hmacCPU.min()!)")

case "crops":
    let photo = load(arguments[2])
    let rounds = Int(arguments[3]) ?? 7
    for (name, crop) in [("centre", CropStrategy.centre), ("entropy", .entropy), ("attention", .attention)] {
        var times: [Double] = []
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            _ = try await fill(photo, crop: crop)
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
        }
        print("\(name) \(median(times)) \(times.min()!)")
    }

case "placeholders":
    let photo = load(arguments[2])
    let rounds = Int(arguments[3]) ?? 7
    let thumbnail = try Image(thumbnailOf: [UInt8](photo), fitting: Size(square: 256))
    // What ImagePlaceholders(of:) hashes: the smallest variant reduced to fit 100×100.
    let small = try thumbnail.thumbnail(fitting: Size(square: 100), filter: .bilinear, reducingGap: nil)
    var thumbHash: [Double] = []
    var blurHash: [Double] = []
    var both: [Double] = []
    for _ in 0..<rounds {
        thumbHash.append(try milliseconds { _ = try ThumbHash(encoding: small) })
        blurHash.append(try milliseconds { _ = try BlurHash(encoding: small) })
        both.append(try milliseconds { _ = try ImagePlaceholders(of: thumbnail) })
    }
    print("thumbhash \(median(thumbHash)) \(thumbHash.min()!)")
    print("blurhash \(median(blurHash)) \(blurHash.min()!)")
    print("placeholders-from-256 \(median(both)) \(both.min()!)")
    let spec = try ImageSpec("small", fitting: Size(square: 256))
    for (name, makes) in [("thumbnail-256", false), ("thumbnail-256-with-placeholders", true)] {
        var times: [Double] = []
        for _ in 0..<rounds {
            let generator = VariantGenerator(storage: InMemoryStorage(), makesPlaceholders: makes)
            let start = ContinuousClock.now
            _ = try await generator.save("photo.jpg", content: ContentFile(photo, name: "photo.jpg"), specs: [spec])
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
        }
        print("\(name) \(median(times)) \(times.min()!)")
    }

case "windows":
    for path in arguments.dropFirst(2) {
        let bytes = [UInt8](load(path))
        var options = DecodingOptions.default
        // As the pipeline: a DCT-scaled decode that still covers the box twice over.
        options.minimumSize = Size(square: 512)
        let image = try Image(decoding: bytes, options: options)
        var line = path
        for crop in [CropStrategy.attention, .entropy] {
            let window = try image.fillRegion(for: Size(square: 128), crop: crop)
            line += String(
                format: " %@ %.4f %.4f %.4f %.4f", crop.description, window.x / Double(image.width),
                window.y / Double(image.height), window.width / Double(image.width),
                window.height / Double(image.height))
        }
        print(line)
    }

default:
    print("unknown mode \(arguments[1])")
    exit(2)
}
