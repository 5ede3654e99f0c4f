import Dispatch
import HuifangCore

#if canImport(Glibc)
    import Glibc
#endif

/// `.huifang/cache`, in the spirit of git's index: per record file its path, size,
/// modification and change times in nanoseconds and inode, with the parsed record and its
/// findings in a compact binary form. A file whose stat data changed is parsed again; a file
/// modified in the same second as the cache was written is treated as changed (git's "racy"
/// rule). The cache is never required: when missing, corrupt, from another huifang version or
/// for another huifang.yaml or calendar, it is rebuilt without a word.
///
/// Layout: magic, version, config stamp, time written, entry count, then one index entry per
/// file (path, stat data, payload length, payload checksum) in the order the repository walk
/// lists files, then the payloads, then a trailer: the length of the header and index and
/// their checksum (seeded with the file's length). Every byte is covered: the trailer covers
/// the header and the index (paths, stat data, lengths and each payload's checksum) and is
/// verified before the index is used; each payload's checksum is verified, by the worker
/// thread that needs it, before it is decoded. A cache whose trailer does not match is ignored
/// as a whole; an entry whose payload does not match is treated as missing (its file is read
/// again), so that a damaged entry is never used nor copied to the next cache. Checksums are
/// XXH64 (see `Checksum`), the payloads' cut to 32 bits.
///
/// Loading reads the whole file into memory (not a mapping: a file truncated by another
/// process while mapped would kill this one with SIGBUS) and parses only the index (no
/// strings made); a payload that is still right is copied to the next cache as it is, never
/// encoded again.
public struct RecordCache: Sendable {
    /// A file's stat data as the cache compares them.
    typealias Stamp = FileSystem.Stamp

    /// One file of the index: where its path and payload lie in `bytes`.
    struct IndexEntry: Sendable {
        var pathStart: Int
        var pathCount: Int
        var stamp: Stamp
        var payloadStart: Int
        var payloadCount: Int
        var checksum: UInt32
    }

    static let magic: [UInt8] = Array("HFCACHE3".utf8)
    /// The trailer: the length of the header and index, and their checksum (8 bytes each).
    static let trailerCount = 16
    static let path = ".huifang/cache"

    /// The whole cache file, read into memory; index entries point into it.
    private var file: CacheFile?
    var bytes: UnsafeBufferPointer<UInt8> { file?.bytes ?? UnsafeBufferPointer(start: nil, count: 0) }
    private(set) var index: [IndexEntry] = []
    /// When the cache was written; entries modified in that second or later are not trusted.
    var writtenSec: Int64 = 0

    var count: Int { index.count }

    /// The cache for `stamp` (huifang version, huifang.yaml and calendars), or an empty one
    /// (also when `.huifang` leads out of the repository).
    static func load(_ repo: Repository, stamp: UInt64) -> RecordCache {
        waitForSave()
        guard repo.outsideFolder(of: path) == nil, let file = CacheFile(repo.path(path)),
            let (written, index) = index(of: file.bytes, stamp: stamp)
        else {
            return RecordCache()
        }
        var cache = RecordCache()
        cache.file = file
        cache.index = index
        cache.writtenSec = written
        return cache
    }

    /// The time the cache was written and its index, or nil for a cache of another version or
    /// stamp, or one whose trailer does not match its header and index (or its length).
    static func index(of buf: UnsafeBufferPointer<UInt8>, stamp: UInt64) -> (Int64, [IndexEntry])? {
        guard buf.count >= magic.count + trailerCount, buf.prefix(magic.count).elementsEqual(magic) else { return nil }
        var t = BinaryReader(buf, at: buf.count - trailerCount)
        guard let indexEnd = try? t.fixed64(), let sum = try? t.fixed64(), indexEnd > magic.count,
            indexEnd <= UInt64(buf.count - trailerCount)
        else { return nil }
        let head = UnsafeBufferPointer(rebasing: buf[..<Int(indexEnd)])
        var r = BinaryReader(head, at: magic.count)
        do {
            // Version and stamp before the checksum: a cache of another version is not hashed.
            guard try r.string() == HuifangStoreVersion.current, try r.uint() == stamp,
                Checksum.xxh64(head, seed: UInt64(buf.count)) == sum
            else { return nil }
            let written = Int64(try r.int())
            let n = try r.count()
            var index: [IndexEntry] = []
            index.reserveCapacity(n)
            for _ in 0..<n {
                let pathCount = try r.count()
                let pathStart = r.at
                r.at += pathCount
                let s = Stamp(size: Int64(try r.int()), mtimeSec: Int64(try r.int()), mtimeNsec: Int64(try r.int()),
                              ctimeSec: Int64(try r.int()), ctimeNsec: Int64(try r.int()), inode: try r.uint())
                let payloadCount = try r.uint()
                guard payloadCount <= UInt64(buf.count) else { return nil }
                index.append(IndexEntry(pathStart: pathStart, pathCount: pathCount, stamp: s, payloadStart: 0,
                                        payloadCount: Int(payloadCount), checksum: try r.fixed32()))
            }
            guard r.at == head.count else { return nil }
            var at = r.at
            for i in index.indices {
                index[i].payloadStart = at
                at += index[i].payloadCount
                guard at <= buf.count else { return nil }
            }
            guard at == buf.count - trailerCount else { return nil }
            return (written, index)
        } catch {
            return nil
        }
    }

    /// The checksum of one payload as the index keeps it.
    static func checksum(_ payload: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(truncatingIfNeeded: Checksum.xxh64(payload))
    }

    /// For each path, the index entry that holds it, or -1. The walk lists files in the same
    /// order each time, so entry i is nearly always path i; a dictionary is built only when not.
    func entries(for paths: [String]) -> [Int] {
        var out = [Int](repeating: -1, count: paths.count)
        var byPath: [String: Int]?
        do {
            let buf = bytes
            func pathMatches(_ e: IndexEntry, _ path: String) -> Bool {
                var p = path
                return p.withUTF8 { u in
                    u.count == e.pathCount && (u.count == 0 || memcmp(u.baseAddress!, buf.baseAddress! + e.pathStart, u.count) == 0)
                }
            }
            for (i, path) in paths.enumerated() {
                if i < index.count, pathMatches(index[i], path) {
                    out[i] = i
                    continue
                }
                if byPath == nil {
                    var d: [String: Int] = [:]
                    d.reserveCapacity(index.count)
                    for (j, e) in index.enumerated() {
                        d[String(decoding: UnsafeBufferPointer(rebasing: buf[e.pathStart..<(e.pathStart + e.pathCount)]), as: UTF8.self)] = j
                    }
                    byPath = d
                }
                out[i] = byPath?[path] ?? -1
            }
        }
        return out
    }

    /// The cached outcome in entry `i` when the file's stat data are unchanged and not racy,
    /// and its payload matches its checksum.
    func outcome(_ i: Int, path: String, stamp: Stamp, bytes buf: UnsafeBufferPointer<UInt8>) -> RepositoryLoader.Outcome? {
        guard i >= 0, i < index.count else { return nil }
        let e = index[i]
        guard e.stamp == stamp, stamp.mtimeSec < writtenSec,
            Self.checksum(UnsafeBufferPointer(rebasing: buf[e.payloadStart..<(e.payloadStart + e.payloadCount)])) == e.checksum
        else { return nil }
        var r = BinaryReader(UnsafeBufferPointer(rebasing: buf[..<(e.payloadStart + e.payloadCount)]), at: e.payloadStart)
        guard let outcome = try? RecordCoding.outcome(&r, path: path), r.atEnd else { return nil }
        return outcome
    }

    /// The payload of entry `i`, as it lies in the file.
    func payload(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let e = index[i]
        return UnsafeBufferPointer(rebasing: bytes[e.payloadStart..<(e.payloadStart + e.payloadCount)])
    }

    /// One file for `save`: its payload either made by a worker (at `start` in the buffer of
    /// its chunk of jobs, with its checksum) or copied from the old cache (an entry whose
    /// payload was verified when it was used).
    enum Payload: Sendable {
        case fresh(chunk: Int, start: Int, count: Int, checksum: UInt32)
        case old(Int)
    }

    /// One file of the next cache.
    struct Entry: Sendable {
        var path: String
        var stamp: Stamp
        var payload: Payload
    }

    /// The binary form of one outcome, as the cache keeps it (tests compare records by it).
    static func encode(_ outcome: RepositoryLoader.Outcome) -> [UInt8] {
        var w = BinaryWriter(capacity: 256)
        RecordCoding.write(&w, outcome)
        return w.bytes
    }

    /// Saves run on this group; `waitForSave` (before the process ends, and before a cache is
    /// read again) waits for them.
    private static let saving = DispatchGroup()

    /// Writes the cache on another thread, so that the command's own work goes on meanwhile.
    func saveInBackground(_ repo: Repository, stamp: UInt64, entries: [Entry], payloads: [[UInt8]]) {
        Self.saving.enter()
        DispatchQueue.global().async {
            PhaseTimer.time("cache saved") { save(repo, stamp: stamp, entries: entries, payloads: payloads) }
            Self.saving.leave()
        }
    }

    /// Returns once every cache save started by this process has finished.
    public static func waitForSave() {
        saving.wait()
    }

    /// Writes the cache atomically; failures are ignored (the cache is never required). When
    /// every file was parsed afresh, the workers' buffers are the payloads in order and go to
    /// the file as they are; otherwise the payloads are gathered into one buffer. Nothing is
    /// written when `.huifang` leads out of the repository.
    func save(_ repo: Repository, stamp: UInt64, entries: [Entry], payloads: [[UInt8]]) {
        guard repo.outsideFolder(of: Self.path) == nil else { return }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var w = BinaryWriter(capacity: entries.count * 84 + 256)
        w.bytes += Self.magic
        w.string(HuifangStoreVersion.current)
        w.uint(stamp)
        w.int(Int(now.tv_sec))
        w.uint(UInt64(entries.count))
        var allFresh = true
        var payloadBytes = 0
        for e in entries {
            w.string(e.path)
            w.int(Int(e.stamp.size))
            w.int(Int(e.stamp.mtimeSec))
            w.int(Int(e.stamp.mtimeNsec))
            w.int(Int(e.stamp.ctimeSec))
            w.int(Int(e.stamp.ctimeNsec))
            w.uint(e.stamp.inode)
            switch e.payload {
            case .fresh(_, _, let count, let checksum):
                w.uint(UInt64(count))
                w.fixed32(checksum)
                payloadBytes += count
            case .old(let i):
                w.uint(UInt64(index[i].payloadCount))
                w.fixed32(index[i].checksum)
                payloadBytes += index[i].payloadCount
                allFresh = false
            }
        }
        let indexEnd = w.bytes.count
        var trailer = BinaryWriter(capacity: Self.trailerCount)
        trailer.fixed64(UInt64(indexEnd))
        trailer.fixed64(w.bytes.withUnsafeBufferPointer { Checksum.xxh64($0, seed: UInt64(indexEnd + payloadBytes + Self.trailerCount)) })
        if allFresh, payloadBytes == payloads.reduce(0, { $0 + $1.count }) {
            try? FileSystem.writeAtomically([w.bytes] + payloads + [trailer.bytes], to: repo.path(Self.path), sync: false)
            return
        }
        for e in entries {
            switch e.payload {
            case .fresh(let chunk, let start, let count, _): w.bytes += payloads[chunk][start..<(start + count)]
            case .old(let i): w.bytes.append(contentsOf: payload(i))
            }
        }
        w.bytes += trailer.bytes
        try? FileSystem.writeAtomically(w.bytes, to: repo.path(Self.path), sync: false)
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
    public static let current = "huifang-store-2"
}

/// A whole file read into memory, freed when the last reference goes. Read, not mapped: a
/// mapped file that another process truncates kills the reader with SIGBUS. Only a regular
/// file is read (not a FIFO, which would block, nor a device, nor a symbolic link).
final class CacheFile: Sendable {
    nonisolated(unsafe) let bytes: UnsafeBufferPointer<UInt8>

    init?(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0, st.st_size < 1 << 31 else { return nil }
        let size = Int(st.st_size)
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        var count = 0
        while count < size {
            let n = read(fd, base + count, size - count)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            count += n
        }
        // A file that shrank meanwhile is read as far as it goes: its trailer then does not match.
        bytes = UnsafeBufferPointer(start: base, count: count)
    }

    deinit {
        UnsafeMutablePointer(mutating: bytes.baseAddress)?.deallocate()
    }
}
