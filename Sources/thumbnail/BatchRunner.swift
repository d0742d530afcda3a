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
        var results = [Result<Value, any Error>?](repeating: nil, count: items.count)
        await runWindowed(
            items, width: jobs, work: { item in Result { try work(item) } },
            receive: { index, result in results[index] = result })
        // `runWindowed` hands back every item's result, so none is left nil.
        return zip(items, results).compactMap { job, result in result.map { Outcome(job: job, result: $0) } }
    }
}
