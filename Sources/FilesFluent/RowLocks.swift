import NIOConcurrencyHelpers

/// Mutual exclusion per row within this process: two saves of one record's attachment never
/// interleave between re-reading the row and writing it.
final class RowLocks: Sendable {
    static let shared = RowLocks()

    private let state = NIOLockedValueBox<[String: [CheckedContinuation<Void, Never>]]>([:])

    /// Runs `body` while holding the lock named `key`; waiters are served in arrival order.
    func withLock<T>(_ key: String, _ body: () async throws -> T) async throws -> T {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    private func acquire(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLockedValue { waiters -> Bool in
                if waiters[key] == nil {
                    waiters[key] = []
                    return true
                }
                waiters[key]!.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    private func release(_ key: String) {
        let next = state.withLockedValue { waiters -> CheckedContinuation<Void, Never>? in
            guard var queue = waiters[key], !queue.isEmpty else {
                waiters[key] = nil
                return nil
            }
            let next = queue.removeFirst()
            waiters[key] = queue
            return next
        }
        next?.resume()
    }
}
