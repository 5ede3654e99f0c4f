import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Storage that one worker reads file after file into: grown when a file is larger than
/// anything before, never shrunk, so that reading thousands of records allocates once.
final class ReadBuffer {
    private(set) var base: UnsafeMutableRawPointer?
    private(set) var capacity = 0

    init() {}

    deinit { free(base) }

    /// Room for at least `count` bytes (the contents are not kept).
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        let grown = max(count, capacity * 2, 4096)
        free(base)
        base = malloc(grown)
        capacity = base == nil ? 0 : grown
    }
}

extension FileSystem {
    /// `O_NOATIME` (Glibc's module does not export it), as git opens its objects: reading a
    /// record does not write its inode. A record freshly checked out has its access time equal
    /// to its change time, so without it the first read of a fresh clone (every CI run) updates
    /// the access time of every file, each an inode write for the file system's journal.
    /// Cleared for good at the first file of another user (the kernel allows it only to the
    /// owner).
    #if os(Linux) && (arch(x86_64) || arch(arm64) || arch(i386) || arch(arm))
        static let noAtimeFlag = Atomic<Int32>(0o1000000)
    #else
        static let noAtimeFlag = Atomic<Int32>(0)
    #endif

    /// Opens a regular file for reading and leaves its stat data in `st`: the checks and the
    /// messages of `read` (a FIFO, socket or device, or a file over `limit`, is an error).
    static func openRegularFile(_ path: String, relativeTo base: Int32, limit: Int, stat st: inout stat) throws(FileError) -> (fd: Int32, size: Int) {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY
        let noAtime = noAtimeFlag.load(ordering: .relaxed)
        var fd = openat(base, path, flags | noAtime)
        if fd < 0, errno == EPERM, noAtime != 0 {
            // Not our file: the kernel refuses O_NOATIME to anyone but the owner.
            noAtimeFlag.store(0, ordering: .relaxed)
            fd = openat(base, path, flags)
        }
        guard fd >= 0 else {
            let e = errno
            if e == ENXIO || e == ENODEV, fstatat(base, path, &st, 0) == 0, let special = Special(mode: st.st_mode) {
                throw FileError(path: path, message: notRegular(special))
            }
            throw FileError(path: path, errno: e, action: "read")
        }
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw FileError(path: path, errno: e, action: "read")
        }
        if let special = Special(mode: st.st_mode) {
            close(fd)
            throw FileError(path: path, message: notRegular(special))
        }
        let size = Int(st.st_size)
        if size > limit {
            close(fd)
            throw FileError(path: path, message: "file is \(size) bytes, more than the \(limit) bytes a record may have")
        }
        return (fd, size)
    }

    /// Reads up to `size` bytes of `fd` into `to` until the end of the file; the count read.
    static func readAll(_ fd: Int32, size: Int, to: UnsafeMutableRawPointer?, path: String) throws(FileError) -> Int {
        var count = 0
        while count < size, let to {
            let n = Glibc.read(fd, to + count, size - count)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, errno: errno, action: "read")
            }
            if n == 0 { break }
            count += n
        }
        return count
    }

    /// `read(_:relativeTo:limit:stat:)` into `buffer` instead of a new array: the bytes are
    /// valid until the next read into the same buffer.
    static func read(_ path: String, relativeTo base: Int32 = AT_FDCWD, limit: Int = 64 << 20, into buffer: ReadBuffer,
                     stat st: inout stat) throws(FileError) -> UnsafeBufferPointer<UInt8> {
        let (fd, size) = try openRegularFile(path, relativeTo: base, limit: limit, stat: &st)
        defer { close(fd) }
        buffer.reserve(size)
        if buffer.base == nil, size > 0 { throw FileError(path: path, errno: ENOMEM, action: "read") }
        let count = try readAll(fd, size: size, to: buffer.base, path: path)
        return UnsafeBufferPointer(start: buffer.base?.assumingMemoryBound(to: UInt8.self), count: count)
    }
}
