import Benchmark
import Imaging

let benchmarks: @Sendable () -> Void = {
    Benchmark("placeholder") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Array(repeating: UInt8(0), count: 1000))
        }
    }
}
