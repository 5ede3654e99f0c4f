#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin POSIX file access for the hot path: readdir, whole-file open/read, atomic writes.
/// (Foundation's FileManager enumeration and String(contentsOf:) cost several times more.)
public enum FileSystem {
    public struct Entry: Sendable {
        public var name: String
        public var isDirectory: Bool
        public var isSymlink: Bool
        /// What stat(2) says of the entry (links followed), when `list` was asked for it.
        public var status: Stamp?
        /// False when the name on disk is not UTF-8: `name` then shows it with the bytes that
        /// are not escaped as `\xFF` (no file of that name exists; the caller reports it).
        public var isUTF8Name = true
        /// What the entry is when it is neither a folder nor a regular file (links followed):
        /// such a file is never opened as a record (a FIFO would block the reader forever).
        public var special: Special?
    }

    /// `bytes` as text, each byte that is not part of valid UTF-8 written `\xFF`; nil when
    /// all of it is valid UTF-8.
    public static func escapedName<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        let b = Array(bytes)
        if String(validating: b, as: UTF8.self) != nil { return nil }
        var out = ""
        var i = 0
        while i < b.count {
            let lead = b[i]
            let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            if length > 0, i + length <= b.count, let s = String(validating: b[i..<(i + length)], as: UTF8.self) {
                out += s
                i += length
            } else {
                let hex = String(lead, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
                i += 1
            }
        }
        return out
    }

    /// A directory entry that is neither a folder nor a regular file.
    public enum Special: Sendable, Equatable, CustomStringConvertible {
        case fifo, socket, device, brokenLink, other

        /// From the file type bits of a mode (stat's st_mode); nil for folders and regular files.
        init?(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG, S_IFDIR: return nil
            case S_IFIFO: self = .fifo
            case S_IFSOCK: self = .socket
            case S_IFCHR, S_IFBLK: self = .device
            default: self = .other
            }
        }

        public var description: String {
            switch self {
            case .fifo: return "a FIFO (named pipe)"
            case .socket: return "a socket"
            case .device: return "a device"
            case .brokenLink: return "a broken symbolic link"
            case .other: return "not a regular file"
            }
        }
    }

    /// What stat(2) says of a file that tells whether it changed, as git's index keeps it:
    /// size, modification and change times in nanoseconds, inode.
    public struct Stamp: Equatable, Sendable {
        public var size: Int64
        public var mtimeSec: Int64
        public var mtimeNsec: Int64
        public var ctimeSec: Int64
        public var ctimeNsec: Int64
        public var inode: UInt64

        public init(_ st: stat) {
            size = Int64(st.st_size)
            mtimeSec = Int64(st.st_mtim.tv_sec)
            mtimeNsec = Int64(st.st_mtim.tv_nsec)
            ctimeSec = Int64(st.st_ctim.tv_sec)
            ctimeNsec = Int64(st.st_ctim.tv_nsec)
            inode = UInt64(st.st_ino)
        }

        public init(size: Int64, mtimeSec: Int64, mtimeNsec: Int64, ctimeSec: Int64, ctimeNsec: Int64, inode: UInt64) {
            self.size = size
            self.mtimeSec = mtimeSec
            self.mtimeNsec = mtimeNsec
            self.ctimeSec = ctimeSec
            self.ctimeNsec = ctimeNsec
            self.inode = inode
        }
    }

    /// The entries of a directory, sorted by name, without `.` and `..`; nil when it is missing.
    /// With `statFiles`, files (not folders) come with their stat data, taken relative to the
    /// open directory (no walk of the whole path per file).
    /// A relative `path` is taken from the directory `base` (an open descriptor) when given.
    public static func list(_ path: String, relativeTo base: Int32 = AT_FDCWD, statFiles: Bool = false) -> [Entry]? {
        let dfd = openat(base, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { return nil }
        defer { close(dfd) }
        // Names are gathered as bytes and sorted by memcmp; strings are made once, in order.
        var arena: [UInt8] = []
        arena.reserveCapacity(1024)
        var found: [(start: Int, count: Int, isDirectory: Bool, isSymlink: Bool, status: Stamp?, special: Special?)] = []
        func add(_ cname: UnsafePointer<CChar>, _ type: UInt8) {
            let count = strlen(cname)
            if cname[0] == 0x2E, count == 1 || (count == 2 && cname[1] == 0x2E) { return }  // . and ..
            var isDir = type == UInt8(DT_DIR)
            var special: Special?
            var status: Stamp?
            if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                // What the entry is, links followed (links are rare: one more stat for each).
                var st = stat()
                if fstatat(dfd, cname, &st, 0) == 0 {
                    isDir = (st.st_mode & S_IFMT) == S_IFDIR
                    special = Special(mode: st.st_mode)
                    if statFiles, !isDir { status = Stamp(st) }
                } else {
                    special = type == UInt8(DT_LNK) ? .brokenLink : .other
                }
            } else if type != UInt8(DT_REG), type != UInt8(DT_DIR) {
                special = type == UInt8(DT_FIFO) ? .fifo : type == UInt8(DT_SOCK) ? .socket
                    : type == UInt8(DT_CHR) || type == UInt8(DT_BLK) ? .device : .other
            } else if statFiles, !isDir {
                var st = stat()
                if fstatat(dfd, cname, &st, 0) == 0 { status = Stamp(st) }
            }
            found.append((arena.count, count, isDir, type == UInt8(DT_LNK), status, special))
            arena.append(contentsOf: UnsafeRawBufferPointer(start: cname, count: count))
        }
        if !readEntries(dfd, add) { return nil }
        return arena.withUnsafeBufferPointer { bytes in
            // Byte order (as git sorts paths), without Unicode-aware comparisons.
            let order = found.indices.sorted { a, b in
                let x = found[a], y = found[b]
                let c = memcmp(bytes.baseAddress! + x.start, bytes.baseAddress! + y.start, min(x.count, y.count))
                return c != 0 ? c < 0 : x.count < y.count
            }
            return order.map { i in
                let e = found[i]
                let raw = UnsafeBufferPointer(rebasing: bytes[e.start..<(e.start + e.count)])
                var entry = Entry(name: String(decoding: raw, as: UTF8.self), isDirectory: e.isDirectory, isSymlink: e.isSymlink,
                                  status: e.status, special: e.special)
                // Names are ASCII or UTF-8 almost always: the check costs one scan of the name.
                if raw.contains(where: { $0 >= 0x80 }), let escaped = escapedName(raw) {
                    entry.name = escaped
                    entry.isUTF8Name = false
                }
                return entry
            }
        }
    }

    /// glibc's getdents64(2) wrapper (the Glibc module does not declare it), looked up once;
    /// nil where the C library has none (then `readdir` is used).
    nonisolated(unsafe) private static let getdents64: (@convention(c) (Int32, UnsafeMutableRawPointer?, Int) -> Int)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "getdents64") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafeMutableRawPointer?, Int) -> Int).self)
    }()

    /// Calls `body` with the name and type (`DT_...`) of each entry of the open directory
    /// `fd` (`.` and `..` included), in the order the kernel lists them; false when the
    /// directory cannot be read. The entries come from getdents64 into a buffer on the stack:
    /// no `DIR` stream (fdopendir checks the descriptor's flags with one more system call and
    /// allocates 32 KB for each folder).
    static func readEntries(_ fd: Int32, _ body: (UnsafePointer<CChar>, UInt8) -> Void) -> Bool {
        guard let getdents64 else { return readEntriesWithDirStream(fd, body) }
        // struct linux_dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), d_name.
        return withUnsafeTemporaryAllocation(byteCount: 32768, alignment: 8) { buffer in
            while true {
                let n = getdents64(fd, buffer.baseAddress, buffer.count)
                if n < 0, errno == EINTR { continue }
                if n < 0 { return false }
                if n == 0 { return true }
                var at = 0
                while at + 19 < n {
                    let entry = buffer.baseAddress! + at
                    let length = Int(entry.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
                    guard length > 19, at + length <= n else { return false }
                    body((entry + 19).assumingMemoryBound(to: CChar.self), entry.load(fromByteOffset: 18, as: UInt8.self))
                    at += length
                }
            }
        }
    }

    /// `readEntries` with a `DIR` stream (on a duplicate of `fd`, which closedir closes).
    static func readEntriesWithDirStream(_ fd: Int32, _ body: (UnsafePointer<CChar>, UInt8) -> Void) -> Bool {
        let own = dup(fd)
        guard own >= 0 else { return false }
        guard let dir = fdopendir(own) else {
            close(own)
            return false
        }
        defer { closedir(dir) }
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let ent = readdir(dir) {
            body((UnsafeRawPointer(ent) + nameOffset).assumingMemoryBound(to: CChar.self), ent.pointee.d_type)
        }
        return true
    }

    /// A descriptor of the directory at `path` to name files relative to (one path walk for
    /// the repository root instead of one per file); -1 when it cannot be opened.
    public static func openDirectory(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Reads a whole file with open/fstat/read.
    public static func read(_ path: String, limit: Int = 64 << 20) throws(FileError) -> [UInt8] {
        var st = stat()
        return try read(path, limit: limit, stat: &st)
    }

    /// Reads a whole file and leaves its stat data (from fstat on the open file) in `st`.
    /// A relative `path` is taken from the directory `base` (an open descriptor) when given.
    /// Only a regular file is read: a FIFO, socket or device is an error (opened without
    /// blocking, so that a FIFO cannot hang the reader; ENXIO for a socket says the same).
    public static func read(_ path: String, relativeTo base: Int32 = AT_FDCWD, limit: Int = 64 << 20, stat st: inout stat) throws(FileError) -> [UInt8] {
        let (fd, size) = try openRegularFile(path, relativeTo: base, limit: limit, stat: &st)
        defer { close(fd) }
        // Read straight into uninitialised storage (no zero fill), as much as fstat said.
        var failure: FileError?
        let buffer = [UInt8](unsafeUninitializedCapacity: size) { raw, count in
            do throws(FileError) { count = try readAll(fd, size: size, to: UnsafeMutableRawPointer(raw.baseAddress), path: path) } catch {
                count = 0
                failure = error
            }
        }
        if let failure { throw failure }
        return buffer
    }

    /// The message of a file that cannot be read because it is not a regular file.
    public static func notRegular(_ special: Special) -> String {
        "cannot read: \(special), not a regular file"
    }

    /// Writes `bytes` to `path` so that the file is complete or absent, never partial: a
    /// temporary file in the same directory, fsync, rename over the target, fsync the folder.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(FileError) {
        try writeAtomically([bytes], to: path, sync: sync)
    }

    /// `writeAtomically` of the parts one after the other (no joined copy is made).
    public static func writeAtomically(_ parts: [[UInt8]], to path: String, sync: Bool = true) throws(FileError) {
        _ = try writeAtomically(to: path, sync: sync) { fd in
            for bytes in parts {
                let e = bytes.withUnsafeBytes { writeAll(fd, $0) }
                if e != 0 { return e }
            }
            return 0
        }
    }

    /// `writeAtomically` of what `body` writes to the open temporary file (with `writeAll`),
    /// for a file written in pieces. `body` returns 0, an errno (a write failed: thrown), or
    /// -1 (it gave up: nothing is written, and the result is false).
    public static func writeAtomically(to path: String, sync: Bool = true, _ body: (Int32) -> Int32) throws(FileError) -> Bool {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        try makeDirectories(dir)
        var template = Array((dir + "/.\(base).tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileError(path: path, errno: errno, action: "write") }
        let tmp = String(cString: template)
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        let failed = body(fd)
        if failed != 0 {
            close(fd)
            if failed < 0 { return false }
            throw FileError(path: path, errno: failed, action: "write")
        }
        fchmod(fd, 0o644)
        if let delay = slowWriteMicroseconds { usleep(delay) }
        if sync, fsync(fd) != 0 {
            let e = errno
            close(fd)
            throw FileError(path: path, errno: e, action: "write")
        }
        close(fd)
        guard rename(tmp, path) == 0 else { throw FileError(path: path, errno: errno, action: "write") }
        ok = true
        let dfd = sync ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
        return true
    }

    /// Writes all of `bytes` to `fd`; 0, or the errno of the write that failed.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var written = 0
        while written < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += n
        }
        return 0
    }

    /// For crash tests only: `HUIFANG_TEST_SLOW_WRITE_MS` holds every write between writing the
    /// temporary file and renaming it, so that a test can kill the process inside that window.
    static let slowWriteMicroseconds: UInt32? = {
        guard let s = getenv("HUIFANG_TEST_SLOW_WRITE_MS"), let ms = UInt32(String(cString: s)) else { return nil }
        return ms * 1000
    }()

    /// `mkdir -p`.
    public static func makeDirectories(_ path: String) throws(FileError) {
        if path.isEmpty || isDirectory(path) { return }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectories(String(path[..<slash]))
        }
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw FileError(path: path, errno: errno, action: "create the folder")
        }
    }

    public static func remove(_ path: String) {
        unlink(path)
    }

    /// The current working directory.
    public static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(cString: buf)
    }

    /// The canonical absolute path (symlinks resolved), or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// A file could not be read or written; says which file, what failed and why.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// The errno that caused it (0 when none did): EACCES and EPERM make the exit code 77.
    public var code: Int32 = 0

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public init(path: String, errno code: Int32, action: String) {
        self.path = path
        self.message = "cannot \(action): " + String(cString: strerror(code))
        self.code = code
    }

    public var isPermissionDenied: Bool { code == EACCES || code == EPERM }

    public var description: String { "\(path): \(message)" }
}
