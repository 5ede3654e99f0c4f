import Foundation
import HuifangCore
import Testing

@testable import HuifangStore

/// Unknown keys with the nearest known key; project retirement and history, issue notes and
/// withdrawn issues through the tree decoder, the cache and the loader (issue 14 parts 4, 5).
@Suite struct AmendStoreTests {
    @Test func theNearestKnownKeyIsAtMostTwoEditsAway() {
        #expect(RecordKeys.nearest("overal", among: RecordKeys.visit) == "overall")
        #expect(RecordKeys.nearest("sumary", among: RecordKeys.visit) == "summary")
        #expect(RecordKeys.nearest("mehtod", among: RecordKeys.visit) == "method", "two neighbours swapped count once")
        #expect(RecordKeys.nearest("Owner", among: RecordKeys.project) == "owner")
        #expect(RecordKeys.nearest("acceptd_on", among: RecordKeys.project) == nil, "three edits: no guess")
        #expect(RecordKeys.nearest("nsp", among: RecordKeys.visit) == "nps", "a swap of neighbours is one edit")
        #expect(RecordKeys.nearest("npxx", among: RecordKeys.visit) == nil, "two edits from nps, but short keys get one at most")
        #expect(RecordKeys.nearest("np", among: RecordKeys.visit) == "nps")
        #expect(RecordKeys.editDistance(Array("ca".unicodeScalars), Array("abc".unicodeScalars)) == 3)
    }

    @Test func unknownKeysAreWarnedUnlessCustom() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        var config = t.read("huifang.yaml")!
        config += "custom_fields: [crm_id]\n"
        try t.write("huifang.yaml", config)
        try t.write("projects/acme-erp/visits/2026-03-02-v-00000001.yaml", """
            id: v-00000001
            date: 2026-03-02
            kind: first
            method: phone
            visitor: 张伟
            summary: 好
            overall: 3
            overal: 4
            crm_id: 77
            custom:
              anything: [1, 2]
              overal: 5

            """)
        for cache in [false, true, true] {
            let loaded = RepositoryLoader.load(repo, .init(useCache: cache))
            let warnings = loaded.findings.filter { $0.severity == .warning }
            #expect(warnings.map(\.headline) == [
                "projects/acme-erp/visits/2026-03-02-v-00000001.yaml:8:1: warning: unknown key 'overal' in a visit; did you mean 'overall'?",
            ])
            #expect(loaded.errorCount == 0)
            #expect(loaded.records.visits.count == 1, "a record with an unknown key is still read")
            #expect(loaded.records.visits.first?.overall == 3, "the stray key is ignored, the right one read")
        }
        try t.write("projects/acme-erp/visits/2026-03-03-v-00000002.yaml", "{id: v-00000002, date: 2026-03-03, kind: periodic, method: phone, visitor: x, summary: y, custom: 5}\n")
        #expect(RepositoryLoader.load(repo, .init(useCache: false)).findings.map(\.headline).contains(
            "projects/acme-erp/visits/2026-03-03-v-00000002.yaml:1:99: warning: 'custom' is a single value, not a mapping"))
    }

    @Test func retirementHistoryNotesAndWithdrawnIssuesReadTheSameFromTheCache() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        var project = t.read("projects/acme-erp/project.yaml")!
        project += """
            retired: {date: 2026-06-30, reason: 合同到期}
            history:
              - {at: 2026-05-01, action: owner_changed, from: 张伟, to: 王五, by: 王芳, reason: 交接}

            """
        try t.write("projects/acme-erp/project.yaml", project)
        let issue = """
            id: i-0000000%@
            title: t
            raised: 2026-03-05
            source: customer
            category: quality
            severity: minor
            owner: o
            department: east
            due: 2026-03-12
            status: %@
            history:
              - {at: 2026-03-05, action: opened}
              - {at: 2026-03-06, action: note, by: o, note: 已联系客户}

            """
        try t.write("projects/acme-erp/issues/i-00000001.yaml", String(format: issue, "1", "open"))
        try t.write("projects/acme-erp/issues/i-00000002.yaml", String(format: issue, "2", "withdrawn"))
        sleep(1)
        for cache in [false, true, true] {
            let loaded = RepositoryLoader.load(repo, .init(useCache: cache))
            #expect(loaded.findings.isEmpty, "\(loaded.findings.map(\.headline))")
            let p = try #require(loaded.records.projects.first)
            #expect(p.retired == Retirement(date: Day("2026-06-30")!, reason: "合同到期"))
            #expect(p.history == [ProjectHistoryEntry(at: Day("2026-05-01")!, action: "owner_changed", by: "王芳", from: "张伟", to: "王五", reason: "交接")])
            #expect(loaded.records.issues.map(\.id.rawValue) == ["i-00000001"])
            #expect(loaded.records.withdrawnIssues.map(\.id.rawValue) == ["i-00000002"])
            #expect(loaded.records.issues.first?.history.last?.note == "已联系客户")
        }
        #expect(RepositoryLoader.load(repo).cachedFiles == 3)
    }
}

extension Finding {
    /// `path:line:col: severity: message`, to compare findings in one line each.
    fileprivate var headline: String { "\(path):\(line):\(column): \(severity.rawValue): \(message)" }
}
