import Testing

@testable import HuifangCore

/// A reopened issue keeps no `resolved:` in its current state: the resolutions it had are read
/// from its history (`resolved` … `reopened` lines), for the KPIs of past periods.
@Suite struct ReopenedIssueTests {
    static func day(_ s: String) -> Day { Day(s)! }

    static func issue(status: IssueStatus, resolved: String?, history: [(String, String)]) -> HuifangCore.Issue {
        HuifangCore.Issue(id: IssueID("i-0001")!, project: ProjectID("p1")!, title: "t", raised: day("2026-07-01"), source: .customer,
              category: .technical, severity: .general, owner: "o", department: "tech", due: day("2026-07-12"), status: status,
              resolved: resolved.map { Resolution(date: day($0), summary: "s") },
              history: history.map { HistoryEntry(at: day($0.0), action: $0.1) }, location: SourceLocation(path: "x"))
    }

    @Test func resolutionsSetAsideHeldUntilTheirReopening() {
        // Resolved 07-10, reopened 07-20, resolved 07-25, reopened 08-01; open now, no `resolved:`.
        let i = Self.issue(status: .open, resolved: nil, history: [
            ("2026-07-01", "opened"), ("2026-07-10", "resolved"), ("2026-07-20", "reopened"),
            ("2026-07-25", "resolved"), ("2026-08-01", "reopened"),
        ])
        let expected: [(String, String?)] = [
            ("2026-07-09", nil), ("2026-07-10", "2026-07-10"), ("2026-07-19", "2026-07-10"), ("2026-07-20", nil),
            ("2026-07-24", nil), ("2026-07-25", "2026-07-25"), ("2026-07-31", "2026-07-25"), ("2026-08-01", nil), ("2026-12-31", nil),
        ]
        for (t, date) in expected {
            #expect(HuifangCore.Issue.resolutionDate(on: Self.day(t), resolvedOn: nil, status: i.status, history: i.history) == date.map(Self.day), "\(t)")
            #expect(i.isResolved(on: Self.day(t)) == (date != nil), "\(t)")
        }
    }

    @Test func theCurrentResolutionAndAnEarlierOne() {
        // Resolved 07-10, reopened 07-20, resolved again 07-25 (current).
        let i = Self.issue(status: .resolved, resolved: "2026-07-25", history: [
            ("2026-07-01", "opened"), ("2026-07-10", "resolved"), ("2026-07-20", "reopened"), ("2026-07-25", "resolved"),
        ])
        #expect(i.isResolved(on: Self.day("2026-07-15")), "the earlier resolution stood then")
        #expect(!i.isResolved(on: Self.day("2026-07-22")))
        #expect(HuifangCore.Issue.resolutionDate(on: Self.day("2026-07-30"), resolvedOn: i.resolved?.date, status: i.status, history: i.history)
                == Self.day("2026-07-25"))
    }

    @Test func theOnTimeRateUsesTheResolutionThatStoodAtThePeriodsEnd() {
        // Due 07-12: resolved 07-10 (on time), reopened 07-20; by 07-31 it is not resolved at all.
        let i = Self.issue(status: .open, resolved: nil, history: [
            ("2026-07-01", "opened"), ("2026-07-10", "resolved"), ("2026-07-20", "reopened"),
        ])
        #expect(HuifangCore.Issue.resolutionDate(on: Self.day("2026-07-15"), resolvedOn: nil, status: .open, history: i.history)! <= i.due)
        #expect(HuifangCore.Issue.resolutionDate(on: Self.day("2026-07-31"), resolvedOn: nil, status: .open, history: i.history) == nil)
    }
}
