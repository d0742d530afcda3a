import NIOCore

/// A request body as a list of buffers (the chunks read from the content), never joined into one:
/// a part of several MiB is several 1 MiB buffers, so no allocation is ever part-sized.
///
/// Part-sized allocations are what made glibc's allocator keep memory: after one large block is freed
/// it raises its mmap threshold, and later blocks of that size stay in per-thread arenas. Chunk-sized
/// buffers are reused instead (measured in Documentation/Performance.md, "S3 storage").
struct S3Body: Sendable {
    private(set) var pieces: [ByteBuffer] = []
    /// The number of bytes in all pieces.
    private(set) var count = 0

    init() {}

    init(_ buffer: ByteBuffer) {
        append(buffer)
    }

    mutating func append(_ buffer: ByteBuffer) {
        guard buffer.readableBytes > 0 else { return }
        pieces.append(buffer)
        count += buffer.readableBytes
    }

    /// Removes and returns the first `length` bytes (at most ``count``), slicing a piece where it must.
    mutating func removeFirst(_ length: Int) -> S3Body {
        var taken = S3Body()
        var remaining = min(length, count)
        var index = 0
        while remaining > 0, index < pieces.count {
            if pieces[index].readableBytes <= remaining {
                remaining -= pieces[index].readableBytes
                taken.append(pieces[index])
                index += 1
            } else if let slice = pieces[index].readSlice(length: remaining) {
                taken.append(slice)
                remaining = 0
            }
        }
        pieces.removeFirst(index)
        count -= taken.count
        return taken
    }

    /// The bytes, as an async sequence the HTTP client streams from.
    var sequence: Pieces { Pieces(pieces: pieces) }

    /// The pieces one after the other.
    struct Pieces: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let pieces: [ByteBuffer]

        struct AsyncIterator: AsyncIteratorProtocol {
            var rest: ArraySlice<ByteBuffer>
            mutating func next() async -> ByteBuffer? { rest.popFirst() }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: pieces[...]) }
    }
}
