import Files

/// Runs at most one piece of work per key at a time: a caller that arrives while the work for its key
/// is running awaits that run's result instead of starting another.
actor SingleFlight<Value: Sendable> {
    private var running: [String: Task<Value, Never>] = [:]

    func run(_ key: String, _ work: @escaping @Sendable () async -> Value) async -> Value {
        if let task = running[key] { return await task.value }
        let task = Task { await work() }
        running[key] = task
        let value = await task.value
        running[key] = nil
        return value
    }
}
