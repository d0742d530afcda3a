/// Runs `work` on every item with at most `width` items in flight, starting them in order, and hands
/// each result to `receive` with the item's index as soon as it is done (in completion order), on the
/// caller's task. The one windowed task group of the tool: file jobs and variant runs both use it.
func runWindowed<Item: Sendable, Value: Sendable>(
    _ items: [Item], width: Int, work: @escaping @Sendable (Item) async -> Value,
    receive: (_ index: Int, _ value: Value) -> Void
) async {
    await withTaskGroup(of: (Int, Value).self) { group in
        var next = 0
        func startNext() {
            guard next < items.count else { return }
            let index = next
            let item = items[index]
            group.addTask { (index, await work(item)) }
            next += 1
        }
        for _ in 0..<min(max(width, 1), items.count) { startNext() }
        while let (index, value) = await group.next() {
            receive(index, value)
            startNext()
        }
    }
}
