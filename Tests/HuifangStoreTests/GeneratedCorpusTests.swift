import Foundation
import HuifangCore
import Testing

@testable import HuifangStore

/// A small repository from the benchmark's own generator (bench/gen_corpus.py), read every way
/// huifang reads: the KPIs and every record are the same with and without the cache, on one
/// thread and many, and with the event decoder or only the tree.
@Suite struct GeneratedCorpusTests {
    static func generate() throws -> (TempFolder, Repository) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let t = TempFolder()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("bench/gen_corpus.py").path, t.path + "/repo",
                       "--projects", "60", "--years", "3", "--seed", "7"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        // Older than this second, so that the racy rule lets the cache serve them.
        try RecordCacheTests.age(t.path + "/repo")
        return (t, try Repository.discover(from: t.path + "/repo"))
    }

    /// Everything a report and `check` see, in one comparable value.
    static func summary(_ l: LoadedRepository) -> [String] {
        let r = l.records
        let schedule = Schedule(r)
        let scopes = KPIEngine.trendPeriods(before: Period("2026Q3")!).map { KPIEngine.Scope($0) }
            + r.config.departments.map { d in KPIEngine.Scope(Period("2026Q3")!, projects: KPIEngine.projects(of: d.id, in: r)) }
        let kpis = KPIEngine.compute(r, schedule: schedule, scopes: scopes, today: Day("2026-10-15")!).map {
            "\($0.visitPlanCompletionRate as Any) \($0.satisfactionIndex as Any) \($0.csat as Any) \($0.nps as Any) "
                + "\($0.issueResolutionRate as Any) \($0.onTimeResolutionRate as Any) \($0.recordCompleteness as Any) "
                + "\($0.visits) \($0.overdueVisits) \($0.overdueIssues)"
        }
        let records = r.visits.map { RecordCache.encode(.init(record: .visit($0), findings: [])) }
            + r.issues.map { RecordCache.encode(.init(record: .issue($0), findings: [])) }
            + r.projects.map { RecordCache.encode(.init(record: .project($0), findings: [])) }
        // The rules between records say a finding by its code and values (no message).
        return kpis + l.findings.map { "\($0.path):\($0.line):\($0.column) \($0.code?.rawValue ?? "-") \($0.values.sorted { $0.key < $1.key }) \($0.message)" }
            + ["\(schedule.items.count) items", "\(records.count) records, digest \(RecordCache.stamp(records))"]
    }

    @Test func kpisAndRecordsAreTheSameEveryWayTheRepositoryIsRead() throws {
        let (t, repo) = try Self.generate()
        defer { t.remove() }
        let tree = RepositoryLoader.load(repo, .init(threads: 1, useCache: false, fastDecoding: false))
        #expect(tree.records.visits.count > 300 && tree.records.issues.count > 100, "a repository worth the comparison")
        let reference = Self.summary(tree)
        #expect(Self.summary(RepositoryLoader.load(repo, .init(threads: 1, useCache: false))) == reference)
        #expect(Self.summary(RepositoryLoader.load(repo, .init(threads: 4, useCache: false))) == reference)
        let cold = RepositoryLoader.load(repo, .init(threads: 4))
        #expect(cold.cachedFiles == 0)
        #expect(Self.summary(cold) == reference)
        let warm = RepositoryLoader.load(repo, .init(threads: 1))
        #expect(warm.cachedFiles == warm.fileCount - 2, "every record file but huifang.yaml and the calendar")
        #expect(Self.summary(warm) == reference)
        #expect(Self.summary(RepositoryLoader.load(repo, .init(threads: 4))) == reference)
    }
}
