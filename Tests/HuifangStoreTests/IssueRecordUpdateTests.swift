import HuifangCore
import Foundation
import Testing

@testable import HuifangStore

/// Issue 13 part 3: a lifecycle step reaches the file through `RecordUpdate.issue`, in place.
@Suite struct IssueRecordUpdateTests {
    static let path = "projects/acme-erp/issues/i-0000aaaa.yaml"
    static let text = """
        # 客户来电
        id: i-0000aaaa
        title: 报表导出超时
        raised: 2026-03-14
        source: customer
        category: technical
        severity: minor
        owner: 刘强   # 技术部
        department: tech
        due: 2026-03-21
        status: resolved
        resolved: {date: 2026-03-18, summary: 加索引}
        confirmed: {date: 2026-03-19, satisfied: true}
        ticket: CRM-1182
        history:
          - {at: 2026-03-14, action: opened, by: 王五}
          - {at: 2026-03-18, action: resolved, by: 刘强}

        """

    static func load(_ repo: Repository) throws -> HuifangCore.Issue {
        let (issue, findings) = RecordText.issue(Self.text, project: ProjectID("acme-erp")!, config: Config())
        #expect(findings.allSatisfy { $0.severity == .warning }, "only the unknown key is noted")
        var i = try #require(issue)
        i.location = SourceLocation(path: Self.path)
        return i
    }

    static func apply(_ t: IssueTransition, _ issue: HuifangCore.Issue, on day: String) throws -> HuifangCore.Issue {
        switch IssueLifecycle.apply(t, to: issue, on: Day(day)!, by: "王芳", policy: Policy(), calendar: WorkCalendar(holidays: [:])) {
        case .success(let i): return i
        case .failure(let r): Testing.Issue.record("refused: \(r)"); throw r
        }
    }

    @Test func aReopeningKeepsCommentsUnknownKeysAndTheSetAsideResolutionInItsHistoryLine() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write(Self.path, Self.text)
        let old = try Self.load(repo)
        let new = try Self.apply(.reopen(reason: "又超时"), old, on: "2026-03-25")
        let bytes = try RecordUpdate.issue(old, becomes: new, in: repo, config: Config())
        let expected = Self.text
            .replacingOccurrences(of: "status: resolved\nresolved: {date: 2026-03-18, summary: 加索引}\nconfirmed: {date: 2026-03-19, satisfied: true}\n",
                                  with: "status: open\n")
            + "  - {at: 2026-03-25, action: reopened, by: 王芳, reason: 又超时, resolved: {date: 2026-03-18, summary: 加索引}, confirmed: {date: 2026-03-19, satisfied: true}}\n"
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func anEscalationSetsOnlyWhatChanged() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        var text = Self.text.replacingOccurrences(of: "status: resolved\nresolved: {date: 2026-03-18, summary: 加索引}\nconfirmed: {date: 2026-03-19, satisfied: true}\n",
                                                  with: "status: open\n")
        text = text.replacingOccurrences(of: "  - {at: 2026-03-18, action: resolved, by: 刘强}\n", with: "")
        try t.write(Self.path, text)
        var old = try #require(RecordText.issue(text, project: ProjectID("acme-erp")!, config: Config()).0)
        old.location = SourceLocation(path: Self.path)
        let new = try Self.apply(.escalate(to: nil, reason: "客户投诉", owner: nil), old, on: "2026-03-16")
        let out = String(decoding: try RecordUpdate.issue(old, becomes: new, in: repo, config: Config()), as: UTF8.self)
        #expect(out.contains("severity: general\n"))
        #expect(out.contains("owner: 刘强   # 技术部\n"), "an unchanged field keeps its comment")
        #expect(out.contains("# 客户来电\n") && out.contains("ticket: CRM-1182\n"))
        #expect(out.hasSuffix("  - {at: 2026-03-16, action: escalated, from: minor, to: general, by: 王芳, reason: 客户投诉}\n"))
        #expect(!out.contains("due: 2026-03-21"), "the deadline is counted again")
    }
}
