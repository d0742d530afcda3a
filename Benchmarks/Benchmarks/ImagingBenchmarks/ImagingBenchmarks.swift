import Benchmark
import Bridge
import Files
import Foundation
import Imaging

/// Time, allocations and peak memory for each step of the thumbnail job.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .mallocBytesCount, .peakMemoryResident],
        warmupIterations: 2,
        maxDuration: .seconds(2),
        maxIterations: 200)

    let inputs: Inputs
    do {
        inputs = try Inputs.make()
    } catch {
        fatalError("benchmark inputs: \(error) (is the shared corpus at \(Inputs.corpus.path)?)")
    }

    // MARK: Decode

    Benchmark("Decode JPEG 3000×2000 full size") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Image(decoding: inputs.largeJPEG))
        }
    }

    // A 256-px thumbnail (256×171) asks for twice its size (Pillow's reducing_gap = 2), 512×342,
    // which DCT scale 1/4 (750×500) covers.
    Benchmark("Decode JPEG 3000×2000 DCT-scaled 1/4 for a 256-px thumbnail") { benchmark in
        var options = DecodingOptions()
        options.minimumSize = Size(width: 512, height: 342)
        for _ in benchmark.scaledIterations {
            blackHole(try Image(decoding: inputs.largeJPEG, options: options))
        }
    }

    Benchmark("Decode JPEG corpus testorig 227×149") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Image(decoding: inputs.corpusJPEG))
        }
    }

    Benchmark("Decode PNG 3000×2000") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Image(decoding: inputs.largePNG))
        }
    }

    Benchmark("Decode PNG corpus vgl_5674_0098") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Image(decoding: inputs.corpusPNG))
        }
    }

    // MARK: Resample

    // The resampler yardstick: 3000×2000 RGB → 256 wide, a full convolution per filter,
    // as Pillow's Image.resize (compare with `Benchmarks/compare.sh`'s in-process row).
    let resizedSize = Size(width: 256, height: 171)
    for filter in ResamplingFilter.allCases {
        Benchmark("Resize 3000×2000 RGB → 256 wide, \(filter)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try inputs.large.resized(to: resizedSize, filter: filter))
            }
        }
    }

    Benchmark("Thumbnail 3000×2000 RGB → 256 px, bicubic, reducing gap 2") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try inputs.large.thumbnail(fitting: Inputs.thumbnailBox))
        }
    }

    // MARK: Encode

    Benchmark("Encode JPEG q85 256 px") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try inputs.thumbnail.encoded(as: .jpeg(quality: 85)))
        }
    }

    Benchmark("Encode PNG 256 px") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try inputs.thumbnail.encoded(as: .png()))
        }
    }

    Benchmark("Encode JPEG q85 3000×2000") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try inputs.large.encoded(as: .jpeg(quality: 85)))
        }
    }

    Benchmark("Encode PNG 3000×2000") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try inputs.large.encoded(as: .png()))
        }
    }

    // MARK: The whole job in memory

    Benchmark("Image(thumbnailOf:) JPEG 3000×2000 → 256 px, then encode JPEG q85") { benchmark in
        for _ in benchmark.scaledIterations {
            let image = try Image(thumbnailOf: inputs.largeJPEG, fitting: Inputs.thumbnailBox)
            blackHole(try image.encoded(as: .jpeg(quality: 85)))
        }
    }

    // The one-call Bridge path an upload handler uses: file in, thumbnail file object out.
    let upload = ContentFile(Data(inputs.largeJPEG), name: "upload.jpg")
    Benchmark("Bridge FileObject.thumbnail(fitting: 256) JPEG 3000×2000 → JPEG q85") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try upload.thumbnail(fitting: Inputs.thumbnailBox, format: .jpeg(quality: 85)))
        }
    }

    let pngUpload = ContentFile(Data(inputs.largePNG), name: "upload.png")
    Benchmark("Bridge FileObject.thumbnail(fitting: 256) PNG 3000×2000 → PNG") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try pngUpload.thumbnail(fitting: Inputs.thumbnailBox))
        }
    }
}
