import Foundation
import HuifangCore
import Testing

@testable import HuifangStore

@Suite struct RecordCacheTests {
    /// A repository with good and broken records, written more than a second ago (so that the
    /// racy rule does not keep every file out of the cache).
    static func repository() throws -> (TempFolder, Repository) {
        let (t, repo) = try TempFolder.repository()
        for i in 0..<30 {
            let id = String(format: "v-%08x", i)
            try t.write("projects/acme-erp/visits/2026-03-\(String(format: "%02d", i % 28 + 1))-\(id).yaml", """
                id: \(id)
                date: 2026-03-\(String(format: "%02d", i % 28 + 1))
                kind: periodic
                method: \(i % 7 == 0 ? "fax" : "phone")
                visitor: 张伟
                contacts: [李四]
                summary: 第\(i)次
                scores: {quality: \(i % 5 + 1), speed: 3}
                nps: \(i % 11)

                """)
        }
        try t.write("projects/acme-erp/issues/i-0000aaaa.yaml", "id: i-0000aaaa\ntitle: t\n")
        try t.write("events/2026-05-01-x.yaml", "date: 2026-05-01\nkind: upgrade\ntitle: V3\ntags: [erp]\n")
        try age(t.path)
        return (t, repo)
    }

    /// Sets every file's times two seconds back.
    static func age(_ root: String) throws {
        let past = Date().addingTimeInterval(-2)
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: root + "/" + rel)
        }
    }

    static func same(_ a: LoadedRepository, _ b: LoadedRepository) -> Bool {
        a.findings == b.findings && a.records.visits.map(\.id) == b.records.visits.map(\.id)
            && a.records.visits.map(\.summary) == b.records.visits.map(\.summary)
            && a.records.issues.map(\.id) == b.records.issues.map(\.id) && a.records.projects.map(\.id) == b.records.projects.map(\.id)
            && a.records.events.map(\.id) == b.records.events.map(\.id)
    }

    @Test func theCacheNeverHidesAnError() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        let without = RepositoryLoader.load(repo, .init(useCache: false))
        #expect(!FileManager.default.fileExists(atPath: t.path + "/.huifang/cache"), "--no-cache writes no cache")
        let first = RepositoryLoader.load(repo)
        RecordCache.waitForSave()  // the cache is written on another thread
        #expect(FileManager.default.fileExists(atPath: t.path + "/.huifang/cache"))
        let warm = RepositoryLoader.load(repo)
        #expect(Self.same(without, first))
        #expect(Self.same(without, warm))
        #expect(warm.findings.contains { $0.message.contains("unknown method 'fax'") })
        #expect(warm.findings.contains { $0.severity == .warning })
    }

    @Test func warmReadsComeFromTheCacheUnlessRacy() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        sleep(1)  // change times (ctime) too are now in an earlier second
        let cold = RepositoryLoader.load(repo)
        #expect(cold.cachedFiles == 0)
        let warm = RepositoryLoader.load(repo)
        #expect(warm.cachedFiles == 33, "30 visits, 1 issue, 1 event, 1 project")
        // Racy: a file modified in the second the cache was written is read again.
        try t.write("events/2026-05-01-x.yaml", "date: 2026-05-01\nkind: upgrade\ntitle: V4\ntags: [erp]\n")
        let after = RepositoryLoader.load(repo)
        #expect(after.records.events.first?.title == "V4")
        #expect(after.cachedFiles == 32)
        // That cache was written from old payloads and a fresh one: it reads back the same.
        let again = RepositoryLoader.load(repo)
        #expect(again.cachedFiles >= 32)
        #expect(Self.same(again, RepositoryLoader.load(repo, .init(useCache: false))))
        #expect(again.records.events.first?.title == "V4")
        let other = RecordCache.load(repo, stamp: RecordCache.stamp([Array("another config".utf8)]))
        #expect(other.count == 0, "a cache for another huifang.yaml is ignored")
    }

    @Test func aChangedFileIsReadAgain() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        _ = RepositoryLoader.load(repo)
        try t.write("projects/acme-erp/visits/2026-03-02-v-00000001.yaml", "id: v-00000001\ndate: 2026-03-02\nkind: nonsense\n")
        let loaded = RepositoryLoader.load(repo)
        #expect(loaded.findings.contains { $0.path.hasSuffix("v-00000001.yaml") && $0.message.contains("unknown kind 'nonsense'") })
        #expect(Self.same(loaded, RepositoryLoader.load(repo, .init(useCache: false))))
        try FileManager.default.removeItem(atPath: t.path + "/projects/acme-erp/visits/2026-03-02-v-00000001.yaml")
        #expect(Self.same(RepositoryLoader.load(repo), RepositoryLoader.load(repo, .init(useCache: false))))
    }

    @Test func aCorruptOrForeignCacheIsRebuiltSilently() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        let reference = RepositoryLoader.load(repo, .init(useCache: false))
        for junk in [Array("garbage".utf8), Array("HFCACHE2".utf8) + [0xFF, 0xFF, 0xFF], Array("HFCACHE2".utf8) + Array(repeating: 7, count: 5000)] {
            try t.write(".huifang/cache", junk)
            #expect(Self.same(RepositoryLoader.load(repo), reference))
        }
        // A truncated real cache.
        let real = try #require(FileManager.default.contents(atPath: t.path + "/.huifang/cache"))
        try t.write(".huifang/cache", Array(real.prefix(real.count / 2)))
        #expect(Self.same(RepositoryLoader.load(repo), reference))
        // Another huifang.yaml (here: another scale) invalidates every entry.
        let config = try #require(t.read("huifang.yaml")).replacingOccurrences(of: "scale: 5", with: "scale: 3")
        try t.write("huifang.yaml", config)
        let rescaled = RepositoryLoader.load(repo)
        #expect(Self.same(rescaled, RepositoryLoader.load(repo, .init(useCache: false))))
        #expect(rescaled.findings.contains { $0.message.contains("outside 1..3") })
    }

    @Test func kpisAreTheSameWithAndWithoutCacheAndThreads() throws {
        let (t, repo) = try Self.repository()
        defer { t.remove() }
        func summary(_ l: LoadedRepository) -> [Double?] {
            let k = KPIEngine.compute(l.records, schedule: Schedule(l.records), period: Period("2026Q1")!, today: Day("2026-06-01")!)
            return [k.visitPlanCompletionRate, k.satisfactionIndex, k.csat, k.nps, k.recordCompleteness, Double(k.visits), Double(k.overdueVisits)]
        }
        let reference = summary(RepositoryLoader.load(repo, .init(threads: 1, useCache: false)))
        #expect(summary(RepositoryLoader.load(repo, .init(threads: 4, useCache: false))) == reference)
        _ = RepositoryLoader.load(repo, .init(threads: 4))
        #expect(summary(RepositoryLoader.load(repo, .init(threads: 1))) == reference)
        #expect(summary(RepositoryLoader.load(repo, .init(threads: 4))) == reference)
    }
}
