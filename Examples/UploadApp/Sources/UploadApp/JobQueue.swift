/// Runs at most `width` jobs at once; the others wait, and start in the order they arrived.
///
/// An upload's work — its body received and parsed, the photo decoded, two thumbnails, three
/// writes — is CPU-bound on a loopback or LAN link: running more at once than there are cores only
/// makes each slower, and Swift's executor resumes waiting tasks in no promised order. Admitted in
/// order, each upload waits for the ones before it and then runs at full speed, as gunicorn's sync
/// workers serve their backlog; a waiting request's body stays in the socket (TCP flow control).
actor JobQueue {
    private let width: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var next = 0  // index of the first waiter not yet resumed

    /// A queue running at most `width` (at least 1) jobs at a time.
    init(width: Int) {
        self.width = max(1, width)
    }

    /// Runs `job` once a place is free, and frees the place when `job` returns.
    nonisolated func run<T>(_ job: () async -> T) async -> T {
        await enter()
        let value = await job()
        await leave()
        return value
    }

    private func enter() async {
        guard running == width else {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        guard next < waiting.count else {
            running -= 1
            return
        }
        // The place passes straight to the longest-waiting job; `running` stays the same.
        waiting[next].resume()
        next += 1
        if next == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            next = 0
        }
    }
}
