import Foundation
import HuifangCore
import Testing

@testable import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// `.huifang/cache` never changes an answer: every byte is covered by a checksum, a damaged
/// entry is read again from its file and never copied to the next cache, and a cache cut
/// short under a reader does not kill it.
@Suite struct CacheIntegrityTests {
    @Test func xxh64MatchesTheReferenceImplementation() {
        // Values from the reference library (libxxhash 0.8, XXH64(data, len, seed)).
        let long = (0..<3).flatMap { _ in (0..<256).map { UInt8($0) } } + Array("xyz".utf8)
        let cases: [([UInt8], UInt64, UInt64)] = [
            ([], 0xEF46_DB37_51D8_E999, 0x95F0_626F_6F0A_4409),
            (Array("a".utf8), 0xD24E_C4F1_A98C_6E5B, 0xDC63_49D4_89E0_F965),
            (Array("abc".utf8), 0x44BC_2CF5_AD77_0999, 0x9E75_5206_1566_76D7),
            (Array("Nobody inspects the spammish repetition".utf8), 0xFBCE_A83C_8A37_8BF1, 0x26F1_AEB3_9B9B_1F5F),
            (long, 0xE921_A1B4_5BD7_79F8, 0xB635_55D1_BF05_377F),
        ]
        for (bytes, seed0, seed7) in cases {
            #expect(Checksum.xxh64(bytes) == seed0, "\(bytes.count) bytes")
            #expect(Checksum.xxh64(bytes, seed: 7) == seed7, "\(bytes.count) bytes, seed 7")
        }
    }

    /// A small repository (so that flipping each byte of its cache stays quick): a project,
    /// visits with and without findings, an issue, an event, an improvement; files aged so
    /// that the racy rule keeps none out of the cache.
    static func repository() throws -> (TempFolder, Repository) {
        let (t, repo) = try TempFolder.repository()
        // No calendar file: parsing it would be most of each load's time here.
        let config = try #require(t.read("huifang.yaml")).replacingOccurrences(of: "files: [calendars/cn.yaml]", with: "files: []")
        try t.write("huifang.yaml", config)
        try t.write("projects/beta-mes/project.yaml", """
            id: beta-mes
            name: Beta MES
            customer:
              name: 贝塔精密制造
            department: east
            owner: 王五
            tier: key
            accepted: 2026-06-30

            """)
        try t.write("projects/acme-erp/visits/2026-03-01-v-00000001.yaml", """
            id: v-00000001
            date: 2026-03-01
            kind: periodic
            method: phone
            visitor: 张伟
            summary: 运行稳定
            overall: 4
            nps: 9

            """)
        try t.write("projects/acme-erp/visits/2026-03-02-v-00000002.yaml", "id: v-00000002\ndate: 2026-03-02\nkind: periodic\nmethod: fax\n")
        try t.write("projects/beta-mes/issues/i-0000aaaa.yaml", "id: i-0000aaaa\ntitle: 报表慢\n")
        try t.write("events/2026-05-01-x.yaml", "date: 2026-05-01\nkind: upgrade\ntitle: V3\ntags: [erp]\n")
        try RecordCacheTests.age(t.path)
        return (t, repo)
    }

    /// Everything a command can see of a loaded repository, as bytes: each finding and each
    /// record in the cache's own binary form (which holds every field).
    static func fingerprint(_ l: LoadedRepository) -> [UInt8] {
        var w = BinaryWriter()
        for f in l.findings { RecordCoding.write(&w, f) }
        func add(_ d: RepositoryLoader.Decoded) { RecordCoding.write(&w, RepositoryLoader.Outcome(record: d, findings: [])) }
        l.records.projects.forEach { add(.project($0)) }
        l.records.visits.forEach { add(.visit($0)) }
        l.records.issues.forEach { add(.issue($0)) }
        l.records.improvements.forEach { add(.improvement($0)) }
        l.records.events.forEach { add(.event($0)) }
        l.records.plans.forEach { add(.plan($0)) }
        return w.bytes
    }

    /// The stamp (huifang version, huifang.yaml, calendars) a cache was written for.
    static func stamp(ofCacheIn t: TempFolder) throws -> UInt64 {
        let bytes = try #require(FileManager.default.contents(atPath: t.path + "/" + RecordCache.path)).map { $0 }
        return try bytes.withUnsafeBufferPointer { buf in
            var r = BinaryReader(buf, at: RecordCache.magic.count)
            _ = try r.string()
            return try r.uint()
        }
    }

    /// Flips every byte of the cache in turn (every other one in all eight bits, the others in
    /// one bit, each bit in turn) and loads: the answer is always the one read without a
    /// cache, and the cache saved after that load is whole again (every file then comes from
    /// it, with the same answer).
    @Test func flippingAnyByteOfTheCacheNeverChangesTheAnswer() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        let reference = Self.fingerprint(RepositoryLoader.load(repo, .init(useCache: false)))
        let first = RepositoryLoader.load(repo)
        RecordCache.waitForSave()
        let files = first.fileCount - 1 - first.records.config.calendarFiles.count
        #expect(Self.fingerprint(RepositoryLoader.load(repo)) == reference)
        let good = try #require(FileManager.default.contents(atPath: t.path + "/" + RecordCache.path)).map { $0 }
        #expect(RepositoryLoader.load(repo).cachedFiles == files)
        var wrong: [String] = []
        var notWhole: [Int] = []
        for at in good.indices {
            for mask: UInt8 in [at % 2 == 0 ? 0xFF : 1 << UInt8(at / 2 % 8)] {
                var bad = good
                bad[at] ^= mask
                try t.write(RecordCache.path, bad)
                let loaded = RepositoryLoader.load(repo, .init(threads: 1))
                if Self.fingerprint(loaded) != reference { wrong.append("byte \(at) ^ \(mask)") }
                if loaded.cachedFiles == files { wrong.append("byte \(at) ^ \(mask): every file taken from a damaged cache") }
                let again = RepositoryLoader.load(repo, .init(threads: 1))
                if Self.fingerprint(again) != reference { wrong.append("byte \(at) ^ \(mask), the next load") }
                if again.cachedFiles != files { notWhole.append(at) }
            }
        }
        #expect(good.count > 600, "the cache is \(good.count) bytes")
        #expect(wrong.isEmpty, "\(wrong.count) wrong answers: \(wrong.prefix(10))")
        #expect(notWhole.isEmpty, "the cache saved after a damaged one was not whole: bytes \(notWhole.prefix(10))")
    }

    /// A cache cut short at any length, or with bytes added, is never used as it is.
    @Test func aTruncatedOrExtendedCacheIsNeverUsedAsItIs() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        let reference = Self.fingerprint(RepositoryLoader.load(repo, .init(useCache: false)))
        _ = RepositoryLoader.load(repo)
        RecordCache.waitForSave()
        let good = try #require(FileManager.default.contents(atPath: t.path + "/" + RecordCache.path)).map { $0 }
        let stamp = try Self.stamp(ofCacheIn: t)
        #expect(good.withUnsafeBufferPointer { RecordCache.index(of: $0, stamp: stamp) } != nil)
        for n in 0..<good.count {
            #expect(Array(good[..<n]).withUnsafeBufferPointer { RecordCache.index(of: $0, stamp: stamp) } == nil, "cut to \(n) bytes")
        }
        for extra in [[0], [0, 0, 0, 0, 0, 0, 0, 0], Array(good.suffix(16))] as [[UInt8]] {
            #expect((good + extra).withUnsafeBufferPointer { RecordCache.index(of: $0, stamp: stamp) } == nil, "\(extra.count) bytes added")
        }
        try t.write(RecordCache.path, Array(good[..<(good.count / 2)]))
        #expect(Self.fingerprint(RepositoryLoader.load(repo)) == reference)
    }

    /// One damaged payload: that file alone is read again, the others still come from the
    /// cache, and the next cache holds the file's right payload.
    @Test func aDamagedEntryIsReadAgainFromItsFile() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        let reference = Self.fingerprint(RepositoryLoader.load(repo, .init(useCache: false)))
        let first = RepositoryLoader.load(repo)
        RecordCache.waitForSave()
        let files = first.fileCount - 1 - first.records.config.calendarFiles.count
        var bytes = try #require(FileManager.default.contents(atPath: t.path + "/" + RecordCache.path)).map { $0 }
        // The project's id in its payload, as in the report that started this: acme-erp -> acme-esp.
        let name = Array("acme-erp".utf8)
        let indexEnd = bytes.withUnsafeBufferPointer { buf in
            var r = BinaryReader(buf, at: buf.count - RecordCache.trailerCount)
            return Int((try? r.fixed64()) ?? 0)
        }
        let payloadAt = try #require((indexEnd..<(bytes.count - name.count)).first { Array(bytes[$0..<($0 + name.count)]) == name })
        bytes[payloadAt + 6] = UInt8(ascii: "s")
        try t.write(RecordCache.path, bytes)
        let damaged = RepositoryLoader.load(repo)
        #expect(Self.fingerprint(damaged) == reference)
        #expect(damaged.records.projects.map(\.id.rawValue) == ["acme-erp", "beta-mes"])
        #expect(damaged.cachedFiles == files - 1, "only the damaged entry is read again")
        let next = RepositoryLoader.load(repo)
        #expect(next.cachedFiles == files)
        #expect(Self.fingerprint(next) == reference)
    }

    /// Another process rewrites the cache in place, then truncates it, while it is open (a
    /// mapping would fault with SIGBUS and kill this test process): payloads that no longer
    /// match, or are no longer there, are simply not used.
    @Test func aCacheChangedUnderTheReaderDoesNotKillIt() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        let reference = Self.fingerprint(RepositoryLoader.load(repo, .init(useCache: false)))
        _ = RepositoryLoader.load(repo)
        RecordCache.waitForSave()
        let path = t.path + "/" + RecordCache.path
        let cache = RecordCache.load(repo, stamp: try Self.stamp(ofCacheIn: t))
        #expect(cache.count == 6)
        #expect((0..<cache.count).allSatisfy { cache.payload($0) != nil })
        let size = try #require(FileManager.default.contents(atPath: path)).count
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        let junk = [UInt8](repeating: 0x5A, count: size - cache.bytes.count)
        #expect(pwrite(fd, junk, junk.count, off_t(cache.bytes.count)) == junk.count)
        close(fd)
        #expect((0..<cache.count).allSatisfy { cache.payload($0) == nil }, "rewritten in place")
        #expect(truncate(path, 0) == 0)
        #expect((0..<cache.count).allSatisfy { cache.payload($0) == nil }, "truncated")
        let span = cache.span(0..<cache.count)
        #expect(span.bytes.isEmpty)
        #expect(Self.fingerprint(RepositoryLoader.load(repo)) == reference)
    }

    /// `.huifang` linked out of the repository: no cache is written there, nor read from there.
    @Test func aCacheFolderLinkedOutIsNeitherWrittenNorRead() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        let outside = TempFolder()
        defer { outside.remove() }
        let reference = Self.fingerprint(RepositoryLoader.load(repo, .init(useCache: false)))
        try? FileManager.default.removeItem(atPath: t.path + "/.huifang")
        try FileManager.default.createSymbolicLink(atPath: t.path + "/.huifang", withDestinationPath: outside.path)
        let loaded = RepositoryLoader.load(repo)
        RecordCache.waitForSave()
        #expect(Self.fingerprint(loaded) == reference)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "no cache written outside")
        // A whole cache put there by someone else is not read either.
        try FileManager.default.removeItem(atPath: t.path + "/.huifang")
        _ = RepositoryLoader.load(repo)
        RecordCache.waitForSave()
        try FileManager.default.moveItem(atPath: t.path + "/.huifang/cache", toPath: outside.path + "/cache")
        try FileManager.default.removeItem(atPath: t.path + "/.huifang")
        try FileManager.default.createSymbolicLink(atPath: t.path + "/.huifang", withDestinationPath: outside.path)
        #expect(RepositoryLoader.load(repo).cachedFiles == 0)
        RecordCache.waitForSave()
    }

    /// A cache that is a FIFO is not read (reading would block).
    @Test func aCacheThatIsNotARegularFileIsIgnored() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        let reference = Self.fingerprint(RepositoryLoader.load(repo, .init(useCache: false)))
        try FileManager.default.createDirectory(atPath: t.path + "/.huifang", withIntermediateDirectories: true)
        #expect(mkfifo(t.path + "/" + RecordCache.path, 0o644) == 0)
        #expect(Self.fingerprint(RepositoryLoader.load(repo)) == reference)
        RecordCache.waitForSave()
    }
}
