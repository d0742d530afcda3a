import Files

/// Counts a generator's work across its concurrent calls.
actor GenerationLedger {
    private(set) var statistics = GenerationStatistics()

    func recordDecode() { statistics.decodes += 1 }
    func recordWrites(_ count: Int) { statistics.variantsWritten += count }
}
