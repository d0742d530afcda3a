/// Runs independent jobs with at most `jobs` of them in flight, and returns every outcome in input order.
struct BatchRunner {
    var jobs: Int

    struct Outcome<Job: Sendable, Value: Sendable>: Sendable {
        var job: Job
        var result: Result<Value, any Error>
    }

    func run<Job: Sendable, Value: Sendable>(
        _ items: [Job], _ work: @escaping @Sendable (Job) throws -> Value
    ) async -> [Outcome<Job, Value>] {
        await withTaskGroup(of: (Int, Result<Value, any Error>).self) { group in
            var results = [Result<Value, any Error>?](repeating: nil, count: items.count)
            var next = 0
            func startNext() {
                guard next < items.count else { return }
                let index = next
                let item = items[index]
                group.addTask { (index, Result { try work(item) }) }
                next += 1
            }
            for _ in 0..<min(jobs, items.count) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                startNext()
            }
            return zip(items, results).map { Outcome(job: $0, result: $1!) }
        }
    }
}
