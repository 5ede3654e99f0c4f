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
/// The file is read, never mapped: a mapped file that another process truncates kills the
/// reader with SIGBUS. Loading reads the trailer, then the header and index, and parses the
/// index (no strings made); each worker reads the payloads of its chunk of files with one
/// pread into a buffer of its own (small buffers, reused: faulting in one buffer the size of
/// the file would cost more than reading it). A payload that is still right is copied to the
/// next cache as it is, never encoded again.
public struct RecordCache: Sendable {
    /// A file's stat data as the cache compares them.
    typealias Stamp = FileSystem.Stamp

    /// One file of the index: where its path lies in `bytes`, where its payload lies in the file.
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

    /// The open cache file, with its header and index read into memory.
    private var file: CacheFile?
    /// The header and index (paths are compared in it).
    var bytes: UnsafeBufferPointer<UInt8> { file?.head ?? UnsafeBufferPointer(start: nil, count: 0) }
    private(set) var index: [IndexEntry] = []
    /// When the cache was written; entries modified in that second or later are not trusted.
    var writtenSec: Int64 = 0

    var count: Int { index.count }

    /// The cache for `stamp` (huifang version, huifang.yaml and calendars), or an empty one
    /// (also when `.huifang` leads out of the repository).
    static func load(_ repo: Repository, stamp: UInt64) -> RecordCache {
        waitForSave(repo.root)  // this repository's own save only: a roll-up's next read need not wait
        guard repo.outsideFolder(of: path) == nil, let file = CacheFile(repo.path(path)),
            let (written, index) = index(head: file.head, fileSize: file.size, sum: file.sum, stamp: stamp)
        else {
            return RecordCache()
        }
        var cache = RecordCache()
        cache.file = file
        cache.index = index
        cache.writtenSec = written
        return cache
    }

    /// `index(head:...)` of a whole cache file in memory (for tests).
    static func index(of buf: UnsafeBufferPointer<UInt8>, stamp: UInt64) -> (Int64, [IndexEntry])? {
        guard buf.count >= magic.count + trailerCount else { return nil }
        var t = BinaryReader(buf, at: buf.count - trailerCount)
        guard let indexEnd = try? t.fixed64(), let sum = try? t.fixed64(), indexEnd <= UInt64(buf.count - trailerCount) else { return nil }
        return index(head: UnsafeBufferPointer(rebasing: buf[..<Int(indexEnd)]), fileSize: buf.count, sum: sum, stamp: stamp)
    }

    /// The time the cache was written and its index, from the header and index (`head`, as
    /// long as the trailer says) of a file of `fileSize` bytes whose trailer holds `sum`; nil
    /// for a cache of another version or stamp, or one whose trailer does not match its header
    /// and index (or its length).
    static func index(head: UnsafeBufferPointer<UInt8>, fileSize: Int, sum: UInt64, stamp: UInt64) -> (Int64, [IndexEntry])? {
        guard head.count > magic.count, head.prefix(magic.count).elementsEqual(magic) else { return nil }
        var r = BinaryReader(head, at: magic.count)
        do {
            // Version and stamp before the checksum: a cache of another version is not hashed.
            guard try r.string() == HuifangStoreVersion.current, try r.uint() == stamp,
                Checksum.xxh64(head, seed: UInt64(fileSize)) == sum
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
                guard payloadCount <= UInt64(fileSize) else { return nil }
                index.append(IndexEntry(pathStart: pathStart, pathCount: pathCount, stamp: s, payloadStart: 0,
                                        payloadCount: Int(payloadCount), checksum: try r.fixed32()))
            }
            guard r.at == head.count else { return nil }
            var at = r.at
            for i in index.indices {
                index[i].payloadStart = at
                at += index[i].payloadCount
                guard at <= fileSize else { return nil }
            }
            guard at == fileSize - trailerCount else { return nil }
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

    /// Payloads read from the file: the bytes from offset `start`.
    struct Span {
        var start: Int
        var bytes: [UInt8]

        static let empty = Span(start: 0, bytes: [])
    }

    /// The payloads of `entries` (index entries; -1 ignored) with one read of the part of the
    /// file that holds them all; empty when they are not close together (each is then read
    /// alone, see `outcome`) or the file cannot be read.
    func span(_ entries: some Sequence<Int>) -> Span {
        guard let file else { return .empty }
        var lo = Int.max, hi = 0, total = 0
        for i in entries where i >= 0 && i < index.count {
            let e = index[i]
            lo = min(lo, e.payloadStart)
            hi = max(hi, e.payloadStart + e.payloadCount)
            total += e.payloadCount
        }
        guard lo < hi, hi - lo <= 2 * total + 65536, let bytes = file.read(at: lo, count: hi - lo) else { return .empty }
        return Span(start: lo, bytes: bytes)
    }

    /// The cached outcome in entry `i` when the file's stat data are unchanged and not racy,
    /// and its payload (in `span`, else read alone) matches its checksum.
    func outcome(_ i: Int, path: String, stamp: Stamp, span: Span) -> RepositoryLoader.Outcome? {
        guard i >= 0, i < index.count, let file else { return nil }
        let e = index[i]
        guard e.stamp == stamp, stamp.mtimeSec < writtenSec else { return nil }
        var span = span
        if e.payloadStart < span.start || e.payloadStart + e.payloadCount > span.start + span.bytes.count {
            guard let bytes = file.read(at: e.payloadStart, count: e.payloadCount) else { return nil }
            span = Span(start: e.payloadStart, bytes: bytes)
        }
        return span.bytes.withUnsafeBufferPointer { all -> RepositoryLoader.Outcome? in
            let from = e.payloadStart - span.start
            let payload = UnsafeBufferPointer(rebasing: all[from..<(from + e.payloadCount)])
            guard Self.checksum(payload) == e.checksum else { return nil }
            var r = BinaryReader(payload)
            guard let outcome = try? RecordCoding.outcome(&r, path: path), r.atEnd else { return nil }
            return outcome
        }
    }

    /// The payload of entry `i` read from the file, when it still matches its checksum.
    func payload(_ i: Int) -> [UInt8]? {
        let e = index[i]
        guard let bytes = file?.read(at: e.payloadStart, count: e.payloadCount),
            bytes.withUnsafeBufferPointer({ Self.checksum($0) }) == e.checksum
        else { return nil }
        return bytes
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

    /// Saves run on this group; `waitForSave()` (before the process ends) waits for them.
    private static let saving = DispatchGroup()
    /// The saves of each repository (by root), which `waitForSave(root)` waits for before its
    /// cache is read again.
    nonisolated(unsafe) private static var pending: [String: DispatchGroup] = [:]
    private static let pendingQueue = DispatchQueue(label: "huifang.cache.pending")

    private static func group(_ root: String) -> DispatchGroup {
        pendingQueue.sync {
            if let g = pending[root] { return g }
            let g = DispatchGroup()
            pending[root] = g
            return g
        }
    }

    /// Writes the cache on another thread, so that the command's own work goes on meanwhile.
    func saveInBackground(_ repo: Repository, stamp: UInt64, entries: [Entry], payloads: [PayloadBlocks]) {
        let mine = Self.group(repo.root)
        Self.saving.enter()
        mine.enter()
        DispatchQueue.global().async {
            PhaseTimer.time("cache saved") { save(repo, stamp: stamp, entries: entries, payloads: payloads) }
            mine.leave()
            Self.saving.leave()
        }
    }

    /// Returns once every cache save started by this process has finished.
    public static func waitForSave() {
        saving.wait()
    }

    /// Returns once every cache save of the repository at `root` started by this process has finished.
    public static func waitForSave(_ root: String) {
        pendingQueue.sync { pending[root] }?.wait()
    }

    /// The workers' payload blocks are at most this long (a payload longer than that has a
    /// block of its own).
    static let payloadBlockSize = 1 << 20

    /// How much of the file `save` assembles in memory at once (the header and index in
    /// pieces of about this size, and old payloads read again in runs up to it).
    static let savePiece = 1 << 16

    /// Writes the cache atomically; failures are ignored (the cache is never required).
    /// Nothing is joined in memory: the header and index are written through one small buffer
    /// and hashed as they go (the trailer's checksum is seeded with the file's length, so
    /// the index's length is counted first); the workers' payload blocks go to the file as
    /// they are; payloads copied from the old cache are read again in small runs. Nothing is
    /// written when `.huifang` leads out of the repository.
    func save(_ repo: Repository, stamp: UInt64, entries: [Entry], payloads: [PayloadBlocks]) {
        guard repo.outsideFolder(of: Self.path) == nil else { return }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var w = BinaryWriter(capacity: Self.savePiece + 4096)
        w.append(Self.magic)
        w.string(HuifangStoreVersion.current)
        w.uint(stamp)
        w.int(Int(now.tv_sec))
        w.uint(UInt64(entries.count))
        var indexEnd = w.count
        var allFresh = true
        var payloadBytes = 0
        for e in entries {
            let (count, _) = payload(of: e)
            indexEnd += Self.indexEntrySize(e, payloadCount: count)
            payloadBytes += count
            if case .old = e.payload { allFresh = false }
        }
        let fileSize = indexEnd + payloadBytes + Self.trailerCount
        _ = try? FileSystem.writeAtomically(to: repo.path(Self.path), sync: false) { fd in
            // The header and index, a piece at a time (whole stripes of the checksum).
            var sum = Checksum.Stream(seed: UInt64(fileSize))
            for e in entries {
                let (count, checksum) = payload(of: e)
                Self.writeIndexEntry(&w, e, payloadCount: count, checksum: checksum)
                if w.count >= Self.savePiece {
                    let whole = w.count / 32 * 32
                    let failed = w.withBytes { b -> Int32 in
                        let piece = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[..<whole])
                        sum.add(piece)
                        return FileSystem.writeAll(fd, piece)
                    }
                    if failed != 0 { return failed }
                    w.removeFirst(whole)
                }
            }
            // The length counted above is the length written, or no cache is written.
            guard sum.count + w.count == indexEnd else { return -1 }
            let (failed, headSum) = w.withBytes { b in (FileSystem.writeAll(fd, UnsafeRawBufferPointer(b)), sum.finish(UnsafeRawBufferPointer(b))) }
            if failed != 0 { return failed }
            w.removeFirst(w.count)
            let written = allFresh && payloadBytes == payloads.reduce(0, { $0 + $1.count })
                ? writeBlocks(fd, payloads) : writePayloads(fd, entries, payloads, buffer: &w)
            if written != 0 { return written }
            var trailer = BinaryWriter(capacity: Self.trailerCount)
            trailer.fixed64(UInt64(indexEnd))
            trailer.fixed64(headSum)
            return trailer.withBytes { FileSystem.writeAll(fd, UnsafeRawBufferPointer($0)) }
        }
    }

    /// The length and checksum of an entry's payload.
    private func payload(of e: Entry) -> (count: Int, checksum: UInt32) {
        switch e.payload {
        case .fresh(_, _, let count, let checksum): (count, checksum)
        case .old(let i): (index[i].payloadCount, index[i].checksum)
        }
    }

    /// One entry of the index: path, stat data, payload length and checksum.
    static func writeIndexEntry(_ w: inout BinaryWriter, _ e: Entry, payloadCount: Int, checksum: UInt32) {
        w.string(e.path)
        w.int(Int(e.stamp.size))
        w.int(Int(e.stamp.mtimeSec))
        w.int(Int(e.stamp.mtimeNsec))
        w.int(Int(e.stamp.ctimeSec))
        w.int(Int(e.stamp.ctimeNsec))
        w.uint(e.stamp.inode)
        w.uint(UInt64(payloadCount))
        w.fixed32(checksum)
    }

    /// How many bytes `writeIndexEntry` writes.
    static func indexEntrySize(_ e: Entry, payloadCount: Int) -> Int {
        BinaryWriter.stringSize(e.path) + BinaryWriter.intSize(Int(e.stamp.size)) + BinaryWriter.intSize(Int(e.stamp.mtimeSec))
            + BinaryWriter.intSize(Int(e.stamp.mtimeNsec)) + BinaryWriter.intSize(Int(e.stamp.ctimeSec))
            + BinaryWriter.intSize(Int(e.stamp.ctimeNsec)) + BinaryWriter.uintSize(e.stamp.inode)
            + BinaryWriter.uintSize(UInt64(payloadCount)) + 4
    }

    /// Every file parsed afresh: the workers' blocks are the payloads in order.
    private func writeBlocks(_ fd: Int32, _ payloads: [PayloadBlocks]) -> Int32 {
        for blocks in payloads {
            for part in blocks.parts {
                let failed = FileSystem.writeAll(fd, UnsafeRawBufferPointer(part))
                if failed != 0 { return failed }
            }
        }
        return 0
    }

    /// The payloads in the order of `entries`: fresh ones from the workers' blocks (neighbours
    /// in one write), old ones read again from the old cache, each run of neighbours at once
    /// (up to `savePiece` bytes, in `buffer`), and verified again (another process may have
    /// changed the file since): a payload that no longer matches means no cache is written
    /// this time (-1).
    private func writePayloads(_ fd: Int32, _ entries: [Entry], _ payloads: [PayloadBlocks], buffer w: inout BinaryWriter) -> Int32 {
        var run: (from: Int, count: Int, entries: Range<Int>)?
        var fresh: (chunk: Int, start: Int, count: Int)?
        func flushRun() -> Int32 {
            guard let r = run else { return 0 }
            run = nil
            guard let file else { return -1 }
            w.removeFirst(w.count)
            guard file.read(at: r.from, count: r.count, appendingTo: &w) else { return -1 }
            return w.withBytes { all in
                var p = 0
                for i in r.entries {
                    let e = index[i]
                    guard Self.checksum(UnsafeBufferPointer(rebasing: all[p..<(p + e.payloadCount)])) == e.checksum else { return -1 }
                    p += e.payloadCount
                }
                return FileSystem.writeAll(fd, UnsafeRawBufferPointer(all))
            }
        }
        func flushFresh() -> Int32 {
            guard let f = fresh else { return 0 }
            fresh = nil
            guard let bytes = payloads[f.chunk].slice(f.start, f.count) else { return -1 }
            return FileSystem.writeAll(fd, UnsafeRawBufferPointer(bytes))
        }
        for e in entries {
            switch e.payload {
            case .fresh(let chunk, let start, let count, _):
                let failed = flushRun()
                if failed != 0 { return failed }
                if let f = fresh, f.chunk == chunk, f.start + f.count == start, payloads[chunk].slice(f.start, f.count + count) != nil {
                    fresh = (chunk, f.start, f.count + count)
                } else {
                    let failed = flushFresh()
                    if failed != 0 { return failed }
                    fresh = (chunk, start, count)
                }
            case .old(let i):
                let failed = flushFresh()
                if failed != 0 { return failed }
                let p = index[i]
                if let r = run, r.from + r.count == p.payloadStart, r.entries.upperBound == i, r.count + p.payloadCount <= Self.savePiece {
                    run = (r.from, r.count + p.payloadCount, r.entries.lowerBound..<(i + 1))
                } else {
                    let failed = flushRun()
                    if failed != 0 { return failed }
                    run = (p.payloadStart, p.payloadCount, i..<(i + 1))
                }
            }
        }
        let failed = flushRun()
        return failed != 0 ? failed : flushFresh()
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

/// The version of what the cache holds, derived from the record schema: the key lists of
/// `RecordKeys` (which both decoders read by), the case lists of the enums the cache keeps by
/// index (`RecordCoding.enumCases`) and `RecordCoding.version` (the binary layout).
/// A cache written under another schema is ignored. Nothing here is bumped by hand except
/// `RecordCoding.version`, which a test ties to the layout itself.
public enum HuifangStoreVersion {
    public static let current = derived(codec: RecordCoding.version, schema: RecordKeys.schema + RecordCoding.enumCases)

    static func derived(codec: Int, schema: [(String, [String])]) -> String {
        var parts: [[UInt8]] = [Array("codec \(codec)".utf8)]
        for (name, keys) in schema {
            parts.append(Array(name.utf8))
            parts += keys.map { Array($0.utf8) }
        }
        return "huifang-store-" + String(RecordCache.stamp(parts), radix: 16)
    }
}

/// The cache file, open (closed when the last reference goes), with its header and index
/// read into memory; payloads are read with pread as they are needed. Read, never mapped: a
/// mapped file that another process truncates kills the reader with SIGBUS. Only a regular
/// file is opened (not a FIFO, which would block, nor a device, nor a symbolic link).
final class CacheFile: Sendable {
    let fd: Int32
    let size: Int
    /// The trailer's checksum.
    let sum: UInt64
    /// The header and index, as long as the trailer says.
    nonisolated(unsafe) let head: UnsafeBufferPointer<UInt8>

    init?(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return nil }
        var st = stat()
        var trailer = [UInt8](repeating: 0, count: RecordCache.trailerCount)
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size >= RecordCache.magic.count + RecordCache.trailerCount,
            st.st_size < 1 << 31, Self.read(fd, at: Int(st.st_size) - trailer.count, into: &trailer)
        else {
            close(fd)
            return nil
        }
        let size = Int(st.st_size)
        var t = trailer.withUnsafeBufferPointer { BinaryReader($0) }
        guard let indexEnd = try? t.fixed64(), let sum = try? t.fixed64(), indexEnd > UInt64(RecordCache.magic.count),
            indexEnd <= UInt64(size - trailer.count)
        else {
            close(fd)
            return nil
        }
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(indexEnd))
        guard Self.read(fd, at: 0, count: Int(indexEnd), into: base) else {
            base.deallocate()
            close(fd)
            return nil
        }
        self.fd = fd
        self.size = size
        self.sum = sum
        head = UnsafeBufferPointer(start: base, count: Int(indexEnd))
    }

    deinit {
        UnsafeMutablePointer(mutating: head.baseAddress)?.deallocate()
        close(fd)
    }

    /// `count` bytes from offset `at`, or nil when the file no longer holds them.
    func read(at: Int, count: Int) -> [UInt8]? {
        var ok = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buf, n in
            ok = count == 0 || Self.read(fd, at: at, count: count, into: buf.baseAddress!)
            n = ok ? count : 0
        }
        return ok ? bytes : nil
    }

    /// Appends `count` bytes from offset `at` to `w`; false when the file no longer holds them.
    func read(at: Int, count: Int, appendingTo w: inout BinaryWriter) -> Bool {
        w.append(upTo: count) { Self.read(fd, at: at, count: count, into: $0) ? count : nil }
    }

    private static func read(_ fd: Int32, at: Int, into bytes: inout [UInt8]) -> Bool {
        let count = bytes.count
        return bytes.withUnsafeMutableBufferPointer { read(fd, at: at, count: count, into: $0.baseAddress!) }
    }

    private static func read(_ fd: Int32, at: Int, count: Int, into base: UnsafeMutablePointer<UInt8>) -> Bool {
        var done = 0
        while done < count {
            let n = pread(fd, base + done, count - done, off_t(at + done))
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}
