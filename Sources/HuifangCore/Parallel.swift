import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Work spread over the machine's cores, with results in a fixed order (the same output on
/// one thread or many).
public enum Parallel {
    /// The machine's cores.
    public static let machineThreads: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// The cores to use: all of the machine's, unless the program sets another number at
    /// start-up, before any work starts (the command reads `HUIFANG_THREADS`, so that tests
    /// compare 1 and many; the core itself never reads the environment).
    nonisolated(unsafe) public static var defaultThreads: Int = machineThreads

    /// `body(i)` for every i in `0..<count`, computed on `threads` threads in chunks (several
    /// per thread, so that a slow chunk does not hold the others up), returned in index order.
    public static func map<T: Sendable>(_ count: Int, threads: Int = defaultThreads, chunksPerThread: Int = 16, _ body: @Sendable (Int) -> T) -> [T] {
        if count == 0 { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            let (chunks, perChunk) = layout(count, threads, chunksPerThread)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in min(count, c * perChunk)..<min(count, (c + 1) * perChunk) {
                    (out.baseAddress! + i).initialize(to: body(i))
                }
            }
            initialized = count
        }
    }

    /// `body(range, chunk)` for consecutive ranges covering `0..<count` (several per thread),
    /// computed on `threads` threads, returned in order: for work that keeps state per chunk.
    public static func mapChunks<T: Sendable>(_ count: Int, threads: Int = defaultThreads, chunksPerThread: Int = 16,
                                             _ body: @Sendable (Range<Int>, Int) -> T) -> [T] {
        if count == 0 { return [] }
        let (chunks, perChunk) = layout(count, threads, chunksPerThread)
        return map(chunks, threads: threads, chunksPerThread: chunksPerThread) { c in
            body(min(count, c * perChunk)..<min(count, (c + 1) * perChunk), c)
        }
    }

    /// How many chunks `0..<count` is cut into, and how long each is (the last may be shorter).
    private static func layout(_ count: Int, _ threads: Int, _ chunksPerThread: Int) -> (chunks: Int, perChunk: Int) {
        let chunks = threads <= 1 ? 1 : min(count, threads * chunksPerThread)
        return (chunks, (count + chunks - 1) / chunks)
    }
}
