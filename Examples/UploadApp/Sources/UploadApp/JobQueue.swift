/// Runs at most `width` jobs at once; the others wait, and start in the order they arrived.
///
/// An upload's work — its body received and parsed, the photo decoded, two thumbnails, three
/// writes — is CPU-bound on a loopback or LAN link: running more at once than there are cores only
/// makes each slower, and Swift's executor resumes waiting tasks in no promised order. Admitted in
/// order, each upload waits for the ones before it and then runs at full speed, as gunicorn's sync
/// workers serve their backlog; a waiting request's body stays in the socket (TCP flow control).
///
/// A waiter whose task is cancelled (its client went away) leaves the line at once: it takes no place
/// and holds up no one behind it, and its job runs straight away, outside the width, to meet its
/// cancellation at its first check (the body read) instead of after every upload before it.
actor JobQueue {
    private let width: Int
    private var running = 0
    private var waiting: [(id: UInt64, admit: CheckedContinuation<Bool, Never>)] = []
    private var nextID: UInt64 = 0

    /// A queue running at most `width` (at least 1) jobs at a time.
    init(width: Int) {
        self.width = max(1, width)
    }

    /// How many jobs wait for a place: for tests.
    var waitingCount: Int { waiting.count }

    /// Runs `job` once a place is free, and frees the place when `job` returns; runs it at once, with no
    /// place, when the task is cancelled while it waits.
    nonisolated func run<T>(_ job: () async -> T) async -> T {
        let admitted = await enter()
        let value = await job()
        if admitted { await leave() }
        return value
    }

    /// Takes a place, waiting in line for one; `false` when the task was cancelled instead.
    private func enter() async -> Bool {
        guard running == width else {
            running += 1
            return true
        }
        let id = nextID
        nextID += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (admit: CheckedContinuation<Bool, Never>) in
                // Appended before this actor runs anything else, so `withdraw` always finds it.
                if Task.isCancelled { return admit.resume(returning: false) }
                waiting.append((id, admit))
            }
        } onCancel: {
            Task { await self.withdraw(id) }
        }
    }

    /// Takes the cancelled waiter `id` out of the line, if it is still in it.
    private func withdraw(_ id: UInt64) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).admit.resume(returning: false)
    }

    private func leave() {
        guard !waiting.isEmpty else {
            running -= 1
            return
        }
        // The place passes straight to the longest-waiting job; `running` stays the same.
        waiting.removeFirst().admit.resume(returning: true)
    }
}
