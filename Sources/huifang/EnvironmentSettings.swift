import HuifangCore

#if canImport(Glibc)
    import Glibc
#endif

/// Settings that the environment gives the libraries, read once here at start-up so that
/// HuifangCore never reads the environment itself.
enum EnvironmentSettings {
    /// `HUIFANG_THREADS=N` (N > 0): the cores that reading and the reports use (tests compare
    /// 1 and many); unset or anything else leaves all of the machine's.
    static func apply() {
        if let n = threads(getenv("HUIFANG_THREADS").map { String(cString: $0) }) { Parallel.defaultThreads = n }
    }

    /// The thread count that a `HUIFANG_THREADS` value asks for, or nil to keep the default.
    static func threads(_ value: String?) -> Int? {
        guard let value, let n = Int(value), n > 0 else { return nil }
        return n
    }
}
