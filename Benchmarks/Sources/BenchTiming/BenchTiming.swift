// What the in-process timers share: a wall-clock measurement in milliseconds and the median.

/// The wall-clock milliseconds `job` takes.
public func milliseconds(_ job: () throws -> Void) rethrows -> Double {
    let elapsed = try ContinuousClock().measure(job)
    return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
}

/// The median of `values` (the mean of the middle two for an even count); `values` is not empty.
public func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
