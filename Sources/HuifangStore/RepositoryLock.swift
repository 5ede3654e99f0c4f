#if canImport(Glibc)
    import Glibc
#endif

/// The repository's write lock: `flock` on `.huifang/lock`. The kernel drops the lock when
/// its holder exits, also after `kill -9`, so a crash never leaves a stale lock behind.
/// Waits up to `timeout` seconds for another huifang to finish, then fails (exit 75). Whoever
/// takes the lock first clears the temporary files that a killed writer left behind.
public final class RepositoryLock {
    let fd: Int32

    public static func acquire(_ repo: Repository, timeout: Double? = nil) throws(StoreError) -> RepositoryLock {
        let wait = timeout ?? Self.defaultTimeout()
        let dir = repo.path(".huifang")
        do { try FileSystem.makeDirectories(dir) } catch { throw StoreError.io(error) }
        let path = dir + "/lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(FileError(path: path, errno: errno, action: "open the lock file")) }
        var waited = 0.0
        var step = 0.002
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno != EWOULDBLOCK && errno != EINTR {
                close(fd)
                throw StoreError.io(FileError(path: path, message: "cannot lock: " + String(cString: strerror(errno))))
            }
            if waited >= wait {
                close(fd)
                throw StoreError.locked(path: ".huifang/lock", seconds: Int(wait))
            }
            usleep(UInt32(step * 1_000_000))
            waited += step
            step = min(step * 2, 0.05)
        }
        // The lock is ours: temporary files in .huifang/tmp/ are from writers that died.
        RecordUpdate.removeStaleTemporaries(in: repo)
        return RepositoryLock(fd: fd)
    }

    init(fd: Int32) { self.fd = fd }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    static func defaultTimeout() -> Double {
        if let s = getenv("HUIFANG_LOCK_TIMEOUT"), let v = Double(String(cString: s)), v >= 0 { return v }
        return 30
    }
}
