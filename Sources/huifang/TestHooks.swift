import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// Hooks for end-to-end tests, off unless their environment variable is set.
enum TestHooks {
    /// `HUIFANG_TEST_SEARCH_BY_TERMS=1`: `huifang search` matches every field by cutting it into
    /// string terms and sorts every hit (`Search.hits(byTerms:)`, `Search.ranked`), as before the
    /// scorer over UTF-8 bytes and the bounded heap: the answer those must give byte for byte.
    static let searchByTerms = getenv("HUIFANG_TEST_SEARCH_BY_TERMS").map { String(cString: $0) == "1" } ?? false

    /// `HUIFANG_TEST_HOLD_WRITES=DIR`: a record write, once its files are written under
    /// temporary names, creates DIR/ready and waits (at most 30 s) for DIR/go before it compares
    /// and renames them, so that a test can change a record or kill the process in between.
    static func install() {
        guard let s = getenv("HUIFANG_TEST_HOLD_WRITES") else { return }
        let dir = String(cString: s)
        RecordUpdate.beforeRename = { _ in
            let fd = open(dir + "/ready", O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
            if fd >= 0 { close(fd) }
            var waited = 0
            while !FileSystem.exists(dir + "/go"), waited < 3000 {
                usleep(10_000)
                waited += 1
            }
        }
    }
}
