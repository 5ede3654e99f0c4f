#if canImport(Glibc)
    import Glibc
#endif

/// `.huifang/cache`, in the spirit of git's index: per record file its path, size,
/// modification and change times in nanoseconds and inode, with the parsed record and its
/// findings in a compact binary form. A file whose stat data changed is parsed again; a file
/// modified in the same second as the cache was written is treated as changed (git's "racy"
/// rule). The cache is never required: when missing, corrupt, from another huifang version or
/// for another huifang.yaml or calendar, it is rebuilt without a word.
struct RecordCache {
    struct Stamp: Equatable, Sendable {
        var size: Int64
        var mtimeSec: Int64
        var mtimeNsec: Int64
        var ctimeSec: Int64
        var ctimeNsec: Int64
        var inode: UInt64

        init(_ st: stat) {
            size = Int64(st.st_size)
            mtimeSec = Int64(st.st_mtim.tv_sec)
            mtimeNsec = Int64(st.st_mtim.tv_nsec)
            ctimeSec = Int64(st.st_ctim.tv_sec)
            ctimeNsec = Int64(st.st_ctim.tv_nsec)
            inode = UInt64(st.st_ino)
        }

        init(size: Int64, mtimeSec: Int64, mtimeNsec: Int64, ctimeSec: Int64, ctimeNsec: Int64, inode: UInt64) {
            self.size = size
            self.mtimeSec = mtimeSec
            self.mtimeNsec = mtimeNsec
            self.ctimeSec = ctimeSec
            self.ctimeNsec = ctimeNsec
            self.inode = inode
        }

        static func of(_ path: String) -> Stamp? {
            var st = stat()
            return stat(path, &st) == 0 ? Stamp(st) : nil
        }
    }

    struct Entry: Sendable {
        var stamp: Stamp
        var outcome: RepositoryLoader.Outcome
    }

    static let magic: [UInt8] = Array("HFCACHE1".utf8)
    static let path = ".huifang/cache"

    var entries: [String: Entry] = [:]
    /// When the cache was written; entries modified in that second or later are not trusted.
    var writtenSec: Int64 = 0

    /// The cache for `stamp` (huifang version, huifang.yaml and calendars), or an empty one.
    static func load(_ repo: Repository, stamp: UInt64) -> RecordCache {
        guard let bytes = try? FileSystem.read(repo.path(path), limit: 1 << 31), bytes.count > magic.count,
            Array(bytes.prefix(magic.count)) == magic
        else { return RecordCache() }
        return bytes.withUnsafeBufferPointer { buf in
            var r = BinaryReader(buf, at: magic.count)
            do {
                guard try r.string() == HuifangStoreVersion.current, try r.uint() == stamp else { return RecordCache() }
                var cache = RecordCache()
                cache.writtenSec = Int64(try r.int())
                let n = try r.count()
                cache.entries.reserveCapacity(n)
                for _ in 0..<n {
                    let path = try r.string()
                    let s = Stamp(size: Int64(try r.int()), mtimeSec: Int64(try r.int()), mtimeNsec: Int64(try r.int()),
                                  ctimeSec: Int64(try r.int()), ctimeNsec: Int64(try r.int()), inode: try r.uint())
                    cache.entries[path] = Entry(stamp: s, outcome: try RecordCoding.outcome(&r, path: path))
                }
                return cache
            } catch {
                return RecordCache()
            }
        }
    }

    /// The cached outcome of `path` when its stat data are unchanged and not racy.
    func outcome(_ path: String, _ stamp: Stamp) -> RepositoryLoader.Outcome? {
        guard let e = entries[path], e.stamp == stamp, stamp.mtimeSec < writtenSec else { return nil }
        return e.outcome
    }

    /// Writes the cache atomically; failures are ignored (the cache is never required).
    static func save(_ repo: Repository, stamp: UInt64, entries: [(String, Entry)]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var w = BinaryWriter()
        w.bytes += magic
        w.string(HuifangStoreVersion.current)
        w.uint(stamp)
        w.int(Int(now.tv_sec))
        w.uint(UInt64(entries.count))
        for (path, e) in entries {
            w.string(path)
            w.int(Int(e.stamp.size))
            w.int(Int(e.stamp.mtimeSec))
            w.int(Int(e.stamp.mtimeNsec))
            w.int(Int(e.stamp.ctimeSec))
            w.int(Int(e.stamp.ctimeNsec))
            w.uint(e.stamp.inode)
            RecordCoding.write(&w, e.outcome)
        }
        try? FileSystem.writeAtomically(w.bytes, to: repo.path(path), sync: false)
    }

    /// FNV-1a over the bytes that decoding depends on.
    static func stamp(_ parts: [[UInt8]]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in parts {
            for b in part {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01B3
            }
            h ^= 0xFF
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}

/// Bumped whenever the record layout or the decoding rules change: old caches are ignored.
public enum HuifangStoreVersion {
    public static let current = "huifang-store-1"
}
