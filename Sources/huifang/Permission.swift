import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// A file huifang may not read is a permission error (exit 77) that names it, not bad data:
/// throws when opening `path` for reading is refused (EACCES, EPERM), returns otherwise (a
/// missing or broken file is the caller's to report).
func requireReadable(_ path: String) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)  // a FIFO must not block
    if fd >= 0 {
        close(fd)
        return
    }
    let e = errno
    if e == EACCES || e == EPERM { throw CommandFailure(StoreError.io(FileError(path: path, errno: e, action: "read"))) }
}
