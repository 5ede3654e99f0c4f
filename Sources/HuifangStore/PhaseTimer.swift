#if canImport(Glibc)
    import Glibc
#endif

/// `HUIFANG_TIMINGS=1` prints how long each phase of a command took to standard error, for
/// the benchmark and for anyone asking where the time goes. Off, it costs one branch.
public enum PhaseTimer {
    public static let enabled = getenv("HUIFANG_TIMINGS") != nil
    nonisolated(unsafe) static var last = now()

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Prints how long `work` took under `name`, apart from the phases (for other threads).
    public static func time<T>(_ name: String, _ work: () -> T) -> T {
        guard enabled else { return work() }
        let t = now()
        let result = work()
        let line = "huifang timings: \(name) \(Int(((now() - t) * 1000).rounded())) ms (on another thread)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        return result
    }

    /// Prints the time since the previous mark under `name`.
    public static func mark(_ name: @autoclosure () -> String) {
        guard enabled else { return }
        let t = now()
        let line = "huifang timings: \(name()) \(Int(((t - last) * 1000).rounded())) ms\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        last = t
    }
}
