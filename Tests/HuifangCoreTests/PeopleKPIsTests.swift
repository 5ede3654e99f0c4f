import Testing

@testable import HuifangCore

/// Per-person figures (绩效, docs/KPIS.md "People"), worked by hand for 2026Q3 (07-01..09-30).
///
/// Visits (visitor 王五): v1 a 07-05 overall 5 NPS 10; v2 a 08-10 overall 4 NPS 6; v3 b 09-01 overall 3
/// NPS 8, no contact (incomplete). → 3 visits, satisfaction (5+4+3)/3 ÷ 5 = 80%, NPS (1 − 1)/3 = 0,
/// complete 2/3.
/// Planned items of project a (owner 张伟): due 08-10 made 08-10 (on the due day: on time); due 08-20
/// made 08-21 (a day late); due 09-10 not made; due 09-25 not made. Project b (owner 李娜): due 10-05
/// (after Q3, not counted). → 张伟 1 of 4 on time counted on 09-30; 1 of 3 on 09-15 (09-25 not yet due).
/// Issues of 黄敏 (calendar: 09-25 a holiday):
///   i1 raised 09-21 (Mon), due 09-28, resolved 09-28: on time on the due day; working days
///      09-22, 23, 24, (25 holiday, 26-27 weekend), 28 = 4.
///   i2 raised 08-03, due 08-06, resolved 08-07: a day late; 08-04..08-07 = 4 working days.
///   i3 raised 07-01, due 07-15, resolved 07-10, reopened 07-20, resolved 08-03: reopened, late
///      (the standing resolution is 08-03); 07-02..08-03 = 22 + 1 = 23 working days.
///   i4 raised 09-01, open.
///   → owned 4, resolved 3, on time 1, reopened 1, mean (4 + 4 + 23) / 3 working days.
///   i5 (owner 孙七, department west) raised 09-02, open.
/// Improvements of 刘洋: m1 due 09-15 verified 09-15 (on time); m2 due 09-20 verified 09-21 (a day
/// late); m3 due 08-31 done, not verified; m4 due 10-10 (after Q3). → due 3, done 3, verified on time 1.
@Suite struct PeopleKPIsTests {
    static func day(_ s: String) -> Day { Day(s)! }
    static let q3 = Period("2026Q3")!

    static func project(_ id: String, _ dept: String, owner: String) -> Project {
        Project(id: ProjectID(id)!, name: id, customer: Customer(name: "c"), department: dept, owner: owner, tier: .standard,
                accepted: day("2025-01-10"), location: SourceLocation(path: "projects/\(id)/project.yaml"))
    }

    static func visit(_ id: String, _ p: String, _ date: String, overall: Int, nps: Int, contacts: [String] = ["李四"]) -> Visit {
        Visit(id: VisitID(id)!, project: ProjectID(p)!, date: day(date), kind: .periodic, method: .phone, visitor: "王五",
              contacts: contacts, summary: "s", overall: overall, nps: nps, location: SourceLocation(path: "v"))
    }

    static func issue(_ id: String, owner: String = "黄敏", dept: String = "east", raised: String, due: String, resolved: String?,
                      history: [(String, String)] = [], status: IssueStatus) -> HuifangCore.Issue {
        HuifangCore.Issue(id: IssueID(id)!, project: ProjectID("a")!, title: "t", raised: day(raised), source: .customer, visit: nil,
                          category: .technical, severity: .general, owner: owner, department: dept, due: day(due), status: status,
                          resolved: resolved.map { Resolution(date: day($0), summary: "done") },
                          history: history.map { HistoryEntry(at: day($0.0), action: $0.1) }, location: SourceLocation(path: "i"))
    }

    static func measure(_ id: String, due: String, status: ImprovementStatus, verified: String?, dept: String = "east") -> Improvement {
        Improvement(id: ImprovementID(id)!, title: "t", addresses: [], department: dept, owner: "刘洋", due: day(due), expectedEffect: "e",
                    status: status, verified: verified.map { Verification(date: day($0), result: "ok") }, location: SourceLocation(path: "m"))
    }

    static func item(_ p: String, due: String, made: String?) -> ScheduleItem {
        ScheduleItem(project: ProjectID(p)!, kind: .periodic, triggered: day("2026-01-10"), basis: nil, due: day(due),
                     satisfiedOn: made.map(day))
    }

    static let records = Records(
        config: Config(), calendar: WorkCalendar(holidays: [day("2026-09-25"): "中秋节"]),
        projects: [project("a", "east", owner: "张伟"), project("b", "west", owner: "李娜")],
        visits: [visit("v-0001", "a", "2026-07-05", overall: 5, nps: 10), visit("v-0002", "a", "2026-08-10", overall: 4, nps: 6),
                 visit("v-0003", "b", "2026-09-01", overall: 3, nps: 8, contacts: [])],
        issues: [
            issue("i-0001", raised: "2026-09-21", due: "2026-09-28", resolved: "2026-09-28", history: [("2026-09-28", "resolved")], status: .resolved),
            issue("i-0002", raised: "2026-08-03", due: "2026-08-06", resolved: "2026-08-07", history: [("2026-08-07", "resolved")], status: .resolved),
            issue("i-0003", raised: "2026-07-01", due: "2026-07-15", resolved: "2026-08-03",
                  history: [("2026-07-10", "resolved"), ("2026-07-20", "reopened"), ("2026-08-03", "resolved")], status: .resolved),
            issue("i-0004", raised: "2026-09-01", due: "2026-09-15", resolved: nil, status: .open),
            issue("i-0005", owner: "孙七", dept: "west", raised: "2026-09-02", due: "2026-09-16", resolved: nil, status: .open),
        ],
        improvements: [measure("m-0001", due: "2026-09-15", status: .verified, verified: "2026-09-15"),
                       measure("m-0002", due: "2026-09-20", status: .verified, verified: "2026-09-21"),
                       measure("m-0003", due: "2026-08-31", status: .done, verified: nil),
                       measure("m-0004", due: "2026-10-10", status: .planned, verified: nil)])

    static let schedule = Schedule(items: [
        item("a", due: "2026-08-10", made: "2026-08-10"), item("a", due: "2026-08-20", made: "2026-08-21"),
        item("a", due: "2026-09-10", made: nil), item("a", due: "2026-09-25", made: nil), item("b", due: "2026-10-05", made: nil),
    ])

    static func kpis(today: String = "2026-11-24", department: String? = nil) -> PeopleKPIs {
        PeopleKPIs.compute(records, schedule: schedule, period: q3, today: day(today), department: department)
    }

    @Test func visitorsVisitsSatisfactionNPSAndCompleteness() throws {
        let k = Self.kpis()
        #expect(k.countedOn == Self.day("2026-09-30"))
        let w = try #require(k.visitors.first { $0.name == "王五" })
        #expect(w.visits == 3)
        #expect(w.scoredVisits == 3)
        #expect(w.meanOverall == 4)
        #expect(w.satisfactionIndex == 0.8)
        #expect(w.npsResponses == 3)
        #expect(w.nps == 0)
        #expect(w.completeRecords == 2)
        #expect(w.recordCompleteness == 2.0 / 3)
        #expect(w.plannedItems == 0)
    }

    @Test func plannedVisitsOnTimeOnTheDueDayNotADayLate() throws {
        let z = try #require(Self.kpis().visitors.first { $0.name == "张伟" })
        #expect(z.plannedItems == 4)
        #expect(z.plannedOnTime == 1)
        #expect(z.onTimeRate == 0.25)
        #expect(z.visits == 0)
        #expect(z.recordCompleteness == nil)
        // 李娜's item is due after Q3: she is not listed.
        #expect(!Self.kpis().visitors.contains { $0.name == "李娜" })
        // While Q3 runs (09-15) the item due 09-25 is not due yet.
        let running = try #require(Self.kpis(today: "2026-09-15").visitors.first { $0.name == "张伟" })
        #expect(running.plannedItems == 3)
        #expect(running.plannedOnTime == 1)
    }

    @Test func issueOwnerResolvedOnTimeReopenedAndMeanWorkingDaysOverAHoliday() throws {
        let h = try #require(Self.kpis().issueOwners.first { $0.name == "黄敏" })
        #expect(h.owned == 4)
        #expect(h.resolved == 3)
        #expect(h.resolvedOnTime == 1)
        #expect(h.reopened == 1)
        #expect(h.workingDaysTotal == 4 + 4 + 23)
        #expect(h.meanWorkingDays == 31.0 / 3)
        #expect(h.resolutionRate == 0.75)
        #expect(h.onTimeRate == 1.0 / 3)
        #expect(h.reopenRate == 0.25)
        // The holiday alone: i1 takes 4 working days, 5 without it.
        #expect(Self.records.calendar.workingDays(after: Self.day("2026-09-21"), through: Self.day("2026-09-28")) == 4)
        #expect(WorkCalendar().workingDays(after: Self.day("2026-09-21"), through: Self.day("2026-09-28")) == 5)
        #expect(Self.kpis().issueOwners.map(\.name) == ["黄敏", "孙七"])
    }

    @Test func aReopenedIssueCountedWhileItStandsReopened() throws {
        // On 07-25 only i3 was raised; reopened on 07-20 and not yet resolved again.
        let h = try #require(Self.kpis(today: "2026-07-25").issueOwners.first { $0.name == "黄敏" })
        #expect(h.owned == 1)
        #expect(h.resolved == 0)
        #expect(h.reopened == 1)
        #expect(h.meanWorkingDays == nil)
        #expect(h.onTimeRate == nil)
    }

    @Test func improvementOwnerDoneAndVerifiedOnTime() throws {
        let m = try #require(Self.kpis().improvementOwners.first)
        #expect(m.name == "刘洋")
        #expect(m.due == 3)
        #expect(m.done == 3)
        #expect(m.verifiedOnTime == 1)
        #expect(m.verifiedOnTimeRate == 1.0 / 3)
        // Counted on 09-15 (Q3 running): m1 was verified that day, on time.
        #expect(Self.kpis(today: "2026-09-15").improvementOwners.first?.verifiedOnTime == 1)
        // On 09-14 m1 and m2 are not due yet: only m3 (done, not verified) counts.
        #expect(Self.kpis(today: "2026-09-14").improvementOwners.first.map { [$0.due, $0.done, $0.verifiedOnTime] } == [1, 1, 0])
    }

    @Test func aDepartmentKeepsItsProjectsIssuesAndMeasures() throws {
        let k = Self.kpis(department: "east")
        let w = try #require(k.visitors.first { $0.name == "王五" })
        #expect(w.visits == 2)
        #expect(w.nps == 0)
        #expect(w.completeRecords == 2)
        #expect(k.issueOwners.map(\.name) == ["黄敏"])
        #expect(k.improvementOwners.map(\.due) == [3])
        #expect(Self.kpis(department: "west").improvementOwners.isEmpty)
        #expect(Self.kpis(department: "west").issueOwners.map(\.name) == ["孙七"])
    }
}
