#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed set of threads for work that must not run on Swift's cooperative pool or an event loop:
/// blocking system calls and long CPU-bound stretches.
///
/// ```swift
/// let thumb = try await WorkerThreads.imaging.run { try upload.thumbnail(fitting: Size(square: 256)) }
/// let names = try await WorkerThreads.fileIO.run { try FileManager.default.contentsOfDirectory(atPath: dir) }
/// ```
///
/// The cooperative pool has one thread per core, and an event loop one thread for many connections: a
/// 100 ms decode or a disk read that waits on the device holds one of them, and every request that
/// needs it waits too. ``run(_:)`` hands the work to one of these threads and suspends the caller
/// until it is done, so the caller's thread goes on serving other tasks meanwhile.
///
/// - The library's own asynchronous APIs already do this (see "Threads, blocking and copies" in the
///   Files documentation): ``FileSystemStorage`` runs its system calls on ``fileIO``, and Bridge's
///   variant generation and the attachment stagers decode and encode on ``imaging``. Call ``run(_:)``
///   yourself around the synchronous APIs (`FileObject.thumbnail(fitting:)`, `Image(decoding:)`,
///   `FileObject.read()` on a disk file) when you call them from asynchronous code.
/// - Jobs start in the order they were submitted; at most ``threadCount`` run at once. The threads
///   are started on the first job and live as long as the process: make a few pools at start-up,
///   never one per request.
/// - It is also a `TaskExecutor`: `withTaskExecutorPreference(WorkerThreads.imaging) { … }` runs a
///   whole asynchronous stretch on these threads.
/// - A job is not cancelled with its task: the work runs to its end (it holds no place in the line
///   once done), as a blocking call would.
///
/// Cost: a hand-off to a waiting thread and back, a few microseconds; a job submitted from one of
/// the pool's own threads runs in place, without a hand-off.
public final class WorkerThreads: TaskExecutor, @unchecked Sendable {
    /// Threads for decoding, resampling and encoding images: one per core, at a lower priority (5
    /// nice levels below the process's, on Linux), so that the threads serving requests come first
    /// when the cores are busy.
    public static let imaging = WorkerThreads(name: "imaging", threadCount: coreCount, niceness: 5)

    /// Threads for blocking file I/O (``FileSystemStorage``, temporary upload files): at least four, so
    /// that a slow disk does not hold up every file operation behind one.
    public static let fileIO = WorkerThreads(name: "file-io", threadCount: max(4, coreCount), niceness: 0)

    /// The name the pool's threads carry (seen in `top -H` and debuggers).
    public let name: String
    /// How many jobs run at once.
    public let threadCount: Int
    /// How much lower the pool's threads are scheduled than the thread that started them: nice levels
    /// added to that thread's (Linux; at most 19 in all), 0 for the same priority.
    public let niceness: Int32

    /// The jobs waiting for a thread and whether the threads exist, under `lock`.
    private var waiting: [() -> Void] = []
    private var nextJob = 0
    private var threadsStarted = false
    private var runsInPlace = false
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let jobArrived: UnsafeMutablePointer<pthread_cond_t>

    /// A pool of `threadCount` threads (at least one) named `name`, `niceness` nice levels below the
    /// thread that starts them (negative values are taken as 0).
    ///
    /// ```swift
    /// let thumbnails = WorkerThreads(name: "thumbnails", threadCount: 2)
    /// ```
    ///
    /// No thread starts until the first job arrives.
    public init(name: String, threadCount: Int, niceness: Int32 = 0) {
        self.name = name
        self.threadCount = max(1, threadCount)
        self.niceness = niceness
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        jobArrived = .allocate(capacity: 1)
        pthread_cond_init(jobArrived, nil)
    }

    /// Runs `work` on one of the pool's threads and returns its result; the caller is suspended, not
    /// blocked, until then.
    ///
    /// ```swift
    /// let image = try await WorkerThreads.imaging.run { try Image(decoding: bytes) }
    /// ```
    ///
    /// Errors of `work` are rethrown as they are. Called from one of this pool's threads, `work` runs
    /// in place.
    public func run<Value, Failure: Error>(
        _ work: sending @escaping () throws(Failure) -> sending Value
    ) async throws(Failure) -> sending Value {
        if WorkerThreads.current === self { return try work() }
        let outcome = await withUnsafeContinuation { (finished: UnsafeContinuation<Outcome<Value, Failure>, Never>) in
            submit {
                do throws(Failure) {
                    finished.resume(returning: Outcome(.success(try work())))
                } catch {
                    finished.resume(returning: Outcome(.failure(error)))
                }
            }
        }
        return try outcome.result.get()
    }

    /// Runs `work` on one of the pool's threads while the caller stays suspended, for work on values
    /// the caller owns that are not `Sendable` (a ``FileObject`` to copy, a parser to feed).
    ///
    /// The caller's values are touched by one thread at a time: the worker while the caller waits,
    /// the caller again once `run` returns. The compiler cannot check that no other task reaches them
    /// meanwhile (an actor's reentrant method could), so the library uses it only where the values are
    /// the caller's alone for the call, as a synchronous call would need them to be.
    package nonisolated(nonsending) func runBorrowing<Value, Failure: Error>(
        _ work: @escaping () throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        if WorkerThreads.current === self { return try work() }
        let job = Borrowed(work)
        let outcome = await withUnsafeContinuation { (finished: UnsafeContinuation<Outcome<Value, Failure>, Never>) in
            submit {
                do throws(Failure) {
                    finished.resume(returning: Outcome(.success(try job.work())))
                } catch {
                    finished.resume(returning: Outcome(.failure(error)))
                }
            }
        }
        return try outcome.result.get()
    }

    /// Runs a task's job on one of the pool's threads: the `TaskExecutor` requirement.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        submit { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Queues `job` for the next free thread, starting the threads on the first call.
    private func submit(_ job: @escaping () -> Void) {
        pthread_mutex_lock(lock)
        if runsInPlace {
            pthread_mutex_unlock(lock)
            return job()
        }
        waiting.append(job)
        let start = !threadsStarted
        threadsStarted = true
        pthread_cond_signal(jobArrived)
        pthread_mutex_unlock(lock)
        if start { startThreads() }
    }

    /// The loop each thread runs: take the oldest job, run it, wait when there is none.
    private func serve() {
        WorkerThreads.current = self
        if niceness != 0 { WorkerThreads.lowerPriority(by: niceness) }
        while true {
            pthread_mutex_lock(lock)
            while nextJob == waiting.count { pthread_cond_wait(jobArrived, lock) }
            let job = waiting[nextJob]
            nextJob += 1
            // The line is emptied in one step once every job in it has been taken, so it never grows
            // past the longest backlog.
            if nextJob == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                nextJob = 0
            }
            pthread_mutex_unlock(lock)
            job()
        }
    }

    /// Starts the threads; when the system refuses every one (out of threads), the jobs run in place
    /// on their callers' threads from then on, blocking them as a direct call would, rather than
    /// waiting for a thread that will never come.
    private func startThreads() {
        var started = 0
        for index in 0..<threadCount {
            let threadName = String("\(name)-\(index)".prefix(15))  // Linux's limit on a thread's name
            if WorkerThreads.spawn(named: threadName, { [self] in serve() }) { started += 1 }
        }
        guard started == 0 else { return }
        pthread_mutex_lock(lock)
        runsInPlace = true
        let queued = waiting[nextJob...]
        waiting = []
        nextJob = 0
        pthread_mutex_unlock(lock)
        for job in queued { job() }
    }
}

extension WorkerThreads {
    /// A caller's closure handed to a worker while the caller waits for it (see ``runBorrowing(_:)``).
    private struct Borrowed<Value, Failure: Error>: @unchecked Sendable {
        let work: () throws(Failure) -> Value
        init(_ work: @escaping () throws(Failure) -> Value) { self.work = work }
    }

    /// A result carried back to the suspended caller; the caller alone reads it, after the worker wrote it.
    private struct Outcome<Value, Failure: Error>: @unchecked Sendable {
        var result: Result<Value, Failure>
        init(_ result: Result<Value, Failure>) { self.result = result }
    }

    /// The pool whose thread this is, if any.
    private static var current: WorkerThreads? {
        get {
            guard let pointer = pthread_getspecific(currentKey) else { return nil }
            return Unmanaged<WorkerThreads>.fromOpaque(pointer).takeUnretainedValue()
        }
        set {
            // A pool's threads never exit, so the unretained reference stays valid.
            pthread_setspecific(currentKey, newValue.map { Unmanaged.passUnretained($0).toOpaque() })
        }
    }

    private static let currentKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Lowers the calling thread's priority by `niceness` levels: on Linux a thread's nice value is its
    /// own (inherited from the thread that created it), and `who` 0 is the calling thread, not the
    /// process. Lowering needs no privilege; a failure leaves the thread as it was.
    private static func lowerPriority(by niceness: Int32) {
        #if os(Linux)
        guard niceness > 0 else { return }
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        guard errno == 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(current + niceness, 19))
        #endif
    }

    /// Names the calling thread (Glibc's `pthread_setname_np` is not visible to Swift; its
    /// `/proc` file is what it writes).
    private static func nameCurrentThread(_ threadName: String) {
        #if canImport(Darwin)
        pthread_setname_np(threadName)
        #elseif os(Linux)
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = threadName.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
        close(descriptor)
        #endif
    }

    /// Starts a detached thread named `threadName` running `body`; `false` when the system refuses.
    private static func spawn(named threadName: String, _ body: @escaping () -> Void) -> Bool {
        final class Box {
            let body: () -> Void
            let name: String
            init(_ body: @escaping () -> Void, name: String) {
                self.body = body
                self.name = name
            }
        }
        let box = Unmanaged.passRetained(Box(body, name: threadName)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let started = pthread_create(
            &thread, nil,
            { argument in
                let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
                WorkerThreads.nameCurrentThread(box.name)
                box.body()
                return nil
            }, box)
        guard started == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            return false
        }
        #if canImport(Darwin)
        pthread_detach(thread!)
        #else
        pthread_detach(thread)
        #endif
        return true
    }
}
