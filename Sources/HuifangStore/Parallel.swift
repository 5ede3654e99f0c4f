import Dispatch

enum Parallel {
    /// `body(i)` for every i in `0..<count`, computed on `threads` threads in chunks (several
    /// per thread, so that a slow chunk does not hold the others up), returned in index order.
    static func map<T: Sendable>(_ count: Int, threads: Int, chunksPerThread: Int = 16, _ body: @Sendable (Int) -> T) -> [T] {
        if count == 0 { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            let chunks = threads <= 1 ? 1 : min(count, threads * chunksPerThread)
            let perChunk = (count + chunks - 1) / chunks
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in min(count, c * perChunk)..<min(count, (c + 1) * perChunk) {
                    (out.baseAddress! + i).initialize(to: body(i))
                }
            }
            initialized = count
        }
    }
}
