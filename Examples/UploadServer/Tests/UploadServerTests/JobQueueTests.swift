import Testing

@testable import UploadApp

/// The upload queue admits in order, and a waiter whose client went away leaves the line.
@Suite struct JobQueueTests {
    @Test func aCancelledWaiterLeavesTheLineAtOnceAndTakesNoPlace() async throws {
        let queue = JobQueue(width: 1)
        let (started, start) = AsyncStream.makeStream(of: Void.self)
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        // The first job holds the only place until the gate opens.
        let first = Task {
            await queue.run { () async -> Int in
                start.yield()
                for await _ in gate {}
                return 1
            }
        }
        for await _ in started { break }

        let second = Task { await queue.run { Task.isCancelled } }
        while await queue.waitingCount < 1 { await Task.yield() }
        second.cancel()
        // It returns while the first job still holds the place: its job ran, cancelled, outside the width.
        #expect(await second.value)
        #expect(await queue.waitingCount == 0)

        // The next waiter gets the place when the first job ends, as if the cancelled one had never come.
        let third = Task { await queue.run { 3 } }
        while await queue.waitingCount < 1 { await Task.yield() }
        open.finish()
        #expect(await first.value == 1)
        #expect(await third.value == 3)
        #expect(await queue.waitingCount == 0)
    }
}
