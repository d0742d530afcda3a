import Files
import Foundation
import Synchronization
import Testing

/// The threads blocking work runs on, and the file-system storage's use of them.
@Suite("WorkerThreads")
struct WorkerThreadsTests {
    /// The name the kernel has for the calling thread (what the pool names its threads).
    static func currentThreadName() -> String {
        let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
        return name.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct Refusal: Error, Equatable {
        let reason: String
    }

    /// Atomics shared by the jobs and threads of a test.
    final class Shared: Sendable {
        let running = Atomic(0)
        let most = Atomic(0)
        let rescued = Atomic(false)
        let writer = Atomic<Int32>(-1)
    }

    @Test func runsTheWorkOnThePoolsThreadsAndReturnsItsValue() async throws {
        let pool = WorkerThreads(name: "test-run", threadCount: 2)
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { await pool.run { Self.currentThreadName() } } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(!names.isEmpty && names.isSubset(of: ["test-run-0", "test-run-1"]))
    }

    @Test func rethrowsTheWorksTypedError() async {
        let pool = WorkerThreads(name: "test-throw", threadCount: 1)
        await #expect(throws: Refusal(reason: "no")) {
            try await pool.run { () throws(Refusal) -> Int in throw Refusal(reason: "no") }
        }
    }

    /// Each job waits (up to 10 s) until three have been seen running at once, so the width is reached
    /// however slowly the jobs are submitted; a fourth at once would be seen too.
    @Test func runsAtMostThreadCountJobsAtOnce() async {
        let pool = WorkerThreads(name: "test-width", threadCount: 3)
        let shared = Shared()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    await pool.run {
                        let now = shared.running.add(1, ordering: .sequentiallyConsistent).newValue
                        _ = shared.most.max(now, ordering: .sequentiallyConsistent)
                        let deadline = ContinuousClock.now + .seconds(10)
                        while shared.most.load(ordering: .sequentiallyConsistent) < 3, ContinuousClock.now < deadline {
                            usleep(1_000)
                        }
                        usleep(5_000)
                        shared.running.subtract(1, ordering: .sequentiallyConsistent)
                    }
                }
            }
        }
        let most = shared.most.load(ordering: .sequentiallyConsistent)
        #expect(most == 3)
    }

    /// The jobs block their threads until another task of their caller releases them. The caller is a
    /// one-thread executor (as an event loop is): had `run` blocked it, the releasing task could not
    /// run and the jobs would give up waiting after 20 s; on the pool's own threads it runs at once.
    @Test func blockingJobsLeaveTheCallersThreadFree() async {
        let pool = WorkerThreads(name: "test-free", threadCount: 2)
        let caller = WorkerThreads(name: "test-caller", threadCount: 1)
        let release = DispatchSemaphore(value: 0)
        let released = await withTaskExecutorPreference(caller) {
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask { await pool.run { release.wait(timeout: .now() + 20) == .success } }
                }
                group.addTask {
                    for _ in 0..<2 { release.signal() }
                    return true
                }
                return await group.reduce(true) { $0 && $1 }
            }
        }
        #expect(released)
    }

    @Test func aTaskExecutorPreferenceRunsTheTaskOnThePool() async {
        let pool = WorkerThreads(name: "test-prefer", threadCount: 1)
        let name = await withTaskExecutorPreference(pool) {
            await withTaskGroup(of: String.self) { group in
                group.addTask { Self.currentThreadName() }
                return await group.next() ?? ""
            }
        }
        #expect(name == "test-prefer-0")
    }

    @Test func theSharedPoolsAreNamedAndSized() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(WorkerThreads.imaging.threadCount == cores && WorkerThreads.imaging.niceness == 5)
        #expect(WorkerThreads.fileIO.threadCount == max(4, cores) && WorkerThreads.fileIO.niceness == 0)
    }

    @Test func theImagingThreadsRunAtALowerPriority() async {
        let nice = await WorkerThreads.imaging.run { () -> Int32 in
            errno = 0
            return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        }
        let ours = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #expect(nice == min(ours + 5, 19))
    }

    /// Opening a FIFO for reading blocks until a writer opens it. The caller is a one-thread executor
    /// (as an event loop is): it asks the storage to open the FIFO, and a second task on the same
    /// thread must then open the writer. Had the storage blocked the caller's thread, that task could
    /// never run and the open would wait forever; a thread of our own opens the writer after 20 s as a
    /// last resort, and the test fails. The cooperative pool, busy with other tests, plays no part.
    @Test func fileSystemStorageBlocksNoCallersThread() async throws {
        let scratch = try ScratchDirectory()
        let storage = FileSystemStorage(location: scratch.path)
        let pipe = scratch.file("pipe")
        #expect(mkfifo(pipe, 0o600) == 0)
        let caller = WorkerThreads(name: "test-caller", threadCount: 1)
        let shared = Shared()
        let rescue = Thread {
            Thread.sleep(forTimeInterval: 20)
            guard shared.writer.load(ordering: .sequentiallyConsistent) < 0 else { return }
            shared.rescued.store(true, ordering: .sequentiallyConsistent)
            shared.writer.store(open(pipe, O_RDWR), ordering: .sequentiallyConsistent)
        }
        rescue.start()
        try await withTaskExecutorPreference(caller) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let file = try await storage.open("pipe", mode: .read.binary)
                    try file.close()
                }
                group.addTask {
                    // A writer's open succeeds once the reader is waiting; held open, it lets the reader in.
                    while shared.writer.load(ordering: .sequentiallyConsistent) < 0 {
                        let descriptor = open(pipe, O_WRONLY | O_NONBLOCK)
                        if descriptor >= 0 {
                            shared.writer.store(descriptor, ordering: .sequentiallyConsistent)
                        } else {
                            try await Task.sleep(for: .milliseconds(5))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let rescued = shared.rescued.load(ordering: .sequentiallyConsistent)
        #expect(!rescued)
        close(shared.writer.load(ordering: .sequentiallyConsistent))
    }
}
