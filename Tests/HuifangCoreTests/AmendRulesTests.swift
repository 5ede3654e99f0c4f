import Testing

@testable import HuifangCore

/// Retired projects and withdrawn issues (issue 14 part 5), with hand-worked dates and counts.
@Suite struct AmendRulesTests {
    static func day(_ s: String) -> Day { Day(s)! }

    /// Project a: standard tier (periodic every 3m), accepted 2026-01-15, retired 2026-06-30.
    /// Visits v1 2026-02-10 (first), v2 2026-04-01. Issue i1 (customer) raised 2026-07-06.
    /// Items without retirement: first due 02-15 (met by v1), periodic due 05-10 (met by v2),
    /// periodic due 07-01 (after the retire day), customer_request due 07-09 (after it).
    /// With retirement on 06-30: the last two are gone; the first two stay.
    @Test func aRetiredProjectHasNoItemsDueAfterItsRetireDay() {
        var p = ScheduleTests.project("a")
        let visits = [ScheduleTests.visit("v-0001", "a", "2026-02-10", kind: .first), ScheduleTests.visit("v-0002", "a", "2026-04-01")]
        let issue = HuifangCore.Issue(id: IssueID("i-00000001")!, project: p.id, title: "t", raised: Self.day("2026-07-06"), source: .customer,
                                      category: .service, severity: .minor, owner: "o", department: "east", due: Self.day("2026-07-13"),
                                      status: .open, location: SourceLocation(path: "i"))
        let before = Schedule(ScheduleTests.records([p], visits, issues: [issue]))
        #expect(before.items.map(\.due) == ["2026-02-15", "2026-05-10", "2026-07-01", "2026-07-09"].map(Self.day))
        p.retired = Retirement(date: Self.day("2026-06-30"), reason: "contract ended")
        let after = Schedule(ScheduleTests.records([p], visits, issues: [issue]))
        #expect(after.items.map(\.due) == ["2026-02-15", "2026-05-10"].map(Self.day))
        #expect(after.overdue(on: Self.day("2026-11-24")).isEmpty)
        // Reports of earlier periods are unchanged: Q2 still plans (and met) the item due 05-10.
        let q2 = Period("2026Q2")!
        #expect(after.due(in: q2).map(\.due) == before.due(in: q2).map(\.due))
        // A plan projects no visits past the retire day.
        let r = ScheduleTests.records([p], visits)
        #expect(Schedule(r).projected(through: Self.day("2026-12-31"), today: Self.day("2026-06-01"), r).allSatisfy { $0.due <= Self.day("2026-06-30") })
    }

    /// A frozen plan for 2026 plans a (retired 06-30) for 05-10 and 08-10, and b for 08-20.
    /// Q2: planned {a} → 1. Q3: a's visit after its retirement is no longer planned: {b} → 1
    /// (2 without the retirement).
    @Test func aFrozenPlanNoLongerPlansARetiredProjectAfterItsLastDay() {
        var a = ScheduleTests.project("a")
        let b = ScheduleTests.project("b")
        let plan = Plan(year: 2026, visits: [
            Plan.Item(project: a.id, due: Self.day("2026-05-10"), kind: .periodic),
            Plan.Item(project: a.id, due: Self.day("2026-08-10"), kind: .periodic),
            Plan.Item(project: b.id, due: Self.day("2026-08-20"), kind: .periodic),
        ], location: SourceLocation(path: "plans/2026.yaml"))
        func planned(_ period: String) -> Int {
            var r = ScheduleTests.records([a, b], [])
            r.plans = [plan]
            return KPIEngine.compute(r, schedule: Schedule(r), period: Period(period)!, today: Self.day("2026-11-24")).plannedProjects
        }
        #expect(planned("2026Q3") == 2)
        a.retired = Retirement(date: Self.day("2026-06-30"), reason: "r")
        #expect(planned("2026Q2") == 1)
        #expect(planned("2026Q3") == 1)
    }

    /// Q3 2026 with three issues raised: i1 resolved on time, i2 open, i3 withdrawn (it was
    /// resolved late). Counting all three: raised 3, resolved 2, on time 1/2. With i3 set
    /// apart: raised 2, resolved 1 → 0.5, on time 1/1.
    @Test func aWithdrawnIssueLeavesEveryKPI() {
        let p = ScheduleTests.project("a")
        func issue(_ id: String, raised: String, due: String, status: IssueStatus, resolved: String?) -> HuifangCore.Issue {
            HuifangCore.Issue(id: IssueID(id)!, project: p.id, title: id, raised: Self.day(raised), source: .visit, category: .technical,
                              severity: .general, owner: "o", department: "east", due: Self.day(due), status: status,
                              resolved: resolved.map { Resolution(date: Self.day($0), summary: "s") }, location: SourceLocation(path: id))
        }
        let issues = [
            issue("i-00000001", raised: "2026-07-01", due: "2026-07-15", status: .resolved, resolved: "2026-07-10"),
            issue("i-00000002", raised: "2026-08-01", due: "2026-08-15", status: .open, resolved: nil),
            issue("i-00000003", raised: "2026-09-01", due: "2026-09-10", status: .withdrawn, resolved: "2026-09-20"),
        ]
        let q3 = Period("2026Q3")!
        let all = ScheduleTests.records([p], [], issues: issues)
        let counted = KPIEngine.compute(all, schedule: Schedule(all), period: q3, today: Self.day("2026-11-24"))
        #expect(counted.issuesRaised == 3)
        var r = all
        r.setWithdrawnIssuesApart()
        #expect(r.issues.map(\.id.rawValue) == ["i-00000001", "i-00000002"])
        #expect(r.withdrawnIssues.map(\.id.rawValue) == ["i-00000003"])
        let k = KPIEngine.compute(r, schedule: Schedule(r), period: q3, today: Self.day("2026-11-24"))
        #expect(k.issuesRaised == 2)
        #expect(k.issuesResolved == 1)
        #expect(k.issueResolutionRate == 0.5)
        #expect(k.onTimeResolutionRate == 1.0)
        #expect(k.overdueIssues == 1)
        #expect(r.issue(matching: "i-00000003").isFound == false)
        #expect(r.anyIssue(matching: "i-00000003").isFound)
    }
}

extension Lookup {
    var isFound: Bool { if case .found = self { return true } else { return false } }
}
