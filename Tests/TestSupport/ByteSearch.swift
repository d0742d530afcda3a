extension Array where Element == UInt8 {
    /// How many times `pattern` occurs in these bytes (overlapping occurrences counted).
    public func occurrences(of pattern: [UInt8]) -> Int {
        guard !pattern.isEmpty, count >= pattern.count else { return 0 }
        return (0...(count - pattern.count)).count { self[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }

    /// Whether `pattern` occurs anywhere in these bytes.
    public func contains(subsequence pattern: [UInt8]) -> Bool { occurrences(of: pattern) > 0 }
}
