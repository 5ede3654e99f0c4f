import Testing

@testable import HuifangCore

/// Every KPI of docs/KPIS.md on a small history worked out by hand. Period 2026Q2 (04-01..06-30),
/// counted on 06-30 (the period is over on 2026-08-01). No holidays: working days are Mon-Fri.
///
/// Projects and their schedule items due in Q2:
///   a (east, standard, accepted 01-10): visits 02-05 (first), 05-10; periodic due 05-05 → satisfied 05-10.
///   b (east, key, accepted 03-20): no visits; first due 04-20; customer request (i2, Mon 06-01) due Thu 06-04.
///   c (north, basic, accepted 2025-06-01): visits 2025-07-01, 2026-04-15; its item due 2026-01-01 is in Q1.
///   d (north, standard, accepted 03-01): visit 03-25; first due 04-01 (met early), periodic due 06-25;
///     customer request (i3, Sat 06-20) due Wed 06-24.
/// Planned {a, b, d} = 3, visited in Q2 {a} = 1 → 1/3; c's visit of 04-15 is unplanned.
/// Overdue visits on 06-30: b first, b request, d periodic, d request = 4.
@Suite struct PeriodKPIsTests {
    static func day(_ s: String) -> Day { Day(s)! }

    static func project(_ id: String, _ dept: String, _ tier: Tier, _ accepted: String) -> Project {
        Project(id: ProjectID(id)!, name: id.uppercased(), customer: Customer(name: "c"), department: dept, owner: "o", tier: tier,
                accepted: day(accepted), location: SourceLocation(path: "projects/\(id)/project.yaml"))
    }

    static func visit(_ id: String, _ p: String, _ date: String, scores: [(dimension: String, score: Int)] = [], overall: Int? = nil,
                      nps: Int? = nil, contacts: [String] = ["李四"], issues: [String] = []) -> Visit {
        Visit(id: VisitID(id)!, project: ProjectID(p)!, date: day(date), kind: .periodic, method: .phone, visitor: "王五",
              contacts: contacts, summary: "s", scores: scores, overall: overall, nps: nps, issues: issues.map { IssueID($0)! },
              location: SourceLocation(path: "v"))
    }

    static func issue(_ id: String, _ p: String, _ title: String, raised: String, due: String, source: IssueSource = .customer,
                      visit: String? = nil, resolved: String? = nil) -> HuifangCore.Issue {
        HuifangCore.Issue(id: IssueID(id)!, project: ProjectID(p)!, title: title, raised: day(raised), source: source,
                          visit: visit.map { VisitID($0)! }, category: .technical, severity: .general, owner: "o", department: "tech",
                          due: day(due), status: resolved == nil ? .open : .resolved,
                          resolved: resolved.map { Resolution(date: day($0), summary: "done") }, location: SourceLocation(path: "i"))
    }

    static let records = Records(
        config: Config(), calendar: WorkCalendar(),
        projects: [project("a", "east", .standard, "2026-01-10"), project("b", "east", .key, "2026-03-20"),
                   project("c", "north", .basic, "2025-06-01"), project("d", "north", .standard, "2026-03-01")],
        visits: [
            visit("v-a001", "a", "2026-02-05"),
            visit("v-a002", "a", "2026-05-10", scores: [("quality", 4), ("delivery", 5), ("service", 3), ("support", 4)], nps: 10,
                  issues: ["i-0001"]),
            visit("v-c001", "c", "2025-07-01"),
            visit("v-c002", "c", "2026-04-15", scores: [("quality", 2)], overall: 2, nps: 6, contacts: []),
            visit("v-d001", "d", "2026-03-25"),
        ],
        issues: [
            issue("i-0001", "a", "报表导出超时", raised: "2026-05-10", due: "2026-05-17", source: .visit, visit: "v-a002", resolved: "2026-05-15"),
            issue("i-0002", "b", "报表导出超时。", raised: "2026-06-01", due: "2026-06-04", resolved: "2026-06-10"),
            issue("i-0003", "d", "报表导出很慢", raised: "2026-06-20", due: "2026-06-23", source: .complaint),
            issue("i-0004", "a", "登录失败", raised: "2026-03-01", due: "2026-03-06", resolved: "2026-07-01"),
        ])

    static func kpis(_ r: Records = records, period: String = "2026Q2", today: String = "2026-08-01", projects: Set<ProjectID>? = nil) -> PeriodKPIs {
        KPIEngine.compute(r, schedule: Schedule(r), period: Period(period)!, today: day(today), projects: projects)
    }

    @Test func visitPlanCompletion() {
        let k = Self.kpis()
        #expect(k.plannedProjects == 3)
        #expect(k.visitedPlannedProjects == 1)
        #expect(KPIEngine.round4(k.visitPlanCompletionRate) == 0.3333)
        #expect(k.unplannedVisits == 1)
        #expect(k.visits == 2)
        #expect(!k.frozenPlan)
    }

    @Test func aFrozenPlanWinsOverTheSchedule() {
        var r = Self.records
        r.plans = [Plan(year: 2026, visits: [Plan.Item(project: ProjectID("a")!, due: Self.day("2026-05-05"), kind: .periodic),
                                             Plan.Item(project: ProjectID("c")!, due: Self.day("2026-06-01"), kind: .periodic)],
                        location: SourceLocation(path: "plans/2026.yaml"))]
        let k = Self.kpis(r)
        #expect(k.frozenPlan)
        #expect(k.plannedProjects == 2)
        #expect(k.visitPlanCompletionRate == 1.0)
        #expect(k.unplannedVisits == 0)
    }

    @Test func satisfaction() {
        let k = Self.kpis()
        // a: mean of 4, 5, 3, 4 = 4.0 (no overall); c: overall 2. Mean 3.0 on a scale of 5.
        #expect(k.meanOverall == 3.0)
        #expect(k.satisfactionIndex == 0.6)
        #expect(k.csat == 0.5, "4.0 >= satisfied_at 4, 2 is not")
        #expect(k.dimensions.map(\.name) == ["quality", "delivery", "service", "support"])
        #expect(k.dimensions.map(\.mean) == [3.0, 5.0, 3.0, 4.0])
        // One promoter (10), one detractor (6): 50% - 50%.
        #expect(k.nps == 0)
        #expect(k.npsResponses == 2)
    }

    @Test func npsWithPassives() {
        var r = Self.records
        r.visits = [9, 10, 7, 3].enumerated().map { i, n in Self.visit("v-n00\(i)", "a", "2026-05-1\(i)", nps: n) }
        #expect(Self.kpis(r).nps == 25.0, "2 promoters, 1 passive, 1 detractor: 50% - 25%")
    }

    @Test func issueResolution() {
        let k = Self.kpis()
        // Raised in Q2: i1 (resolved on time), i2 (resolved late), i3 (open). i4 was raised in Q1.
        #expect(k.issuesRaised == 3)
        #expect(k.issuesResolved == 2)
        #expect(KPIEngine.round4(k.issueResolutionRate) == 0.6667)
        #expect(k.onTimeResolutionRate == 0.5)
    }

    @Test func recordCompleteness() {
        // a's visit has contacts and lists the issue raised in it; c's has no contacts.
        #expect(Self.kpis().recordCompleteness == 0.5)
        var r = Self.records
        r.visits[1].issues = []
        #expect(Self.kpis(r).recordCompleteness == 0, "a visit that raised an issue must link it")
    }

    @Test func overdueCountsAtThePeriodsEnd() {
        let k = Self.kpis()
        #expect(k.countedOn == Self.day("2026-06-30"))
        #expect(k.overdueVisits == 4)
        // i3 (due 06-23, open) and i4 (due 03-06, resolved only on 07-01).
        #expect(k.overdueIssues == 2)
    }

    @Test func overdueCountsOnTheAsOfDateWhileThePeriodRuns() {
        let k = Self.kpis(today: "2026-06-05")
        #expect(k.countedOn == Self.day("2026-06-05"))
        // b first (04-20) and b request (06-04); d's items are not due yet.
        #expect(k.overdueVisits == 2)
        // i4 (due 03-06) and i2 (due 06-04, resolved only on 06-10).
        #expect(k.overdueIssues == 2)
    }

    /// The overdue count and the department report's list share one rule: `Issue.isOverdue`.
    @Test func overdueIssuesAreThoseIssueIsOverdueNames() {
        let onEnd = Self.records.issues.filter { $0.isOverdue(on: Self.day("2026-06-30")) }.map(\.id.rawValue)
        #expect(onEnd == ["i-0003", "i-0004"])
        #expect(Self.kpis().overdueIssues == onEnd.count)
        let running = Self.records.issues.filter { $0.isOverdue(on: Self.day("2026-06-05")) }.map(\.id.rawValue)
        #expect(running == ["i-0002", "i-0004"], "i3 is raised after 06-05; i2 resolved only on 06-10")
        #expect(Self.kpis(today: "2026-06-05").overdueIssues == running.count)
        #expect(!Self.records.issues[0].isOverdue(on: Self.day("2026-05-17")), "not overdue on its due day")
        #expect(!Self.records.issues[0].isOverdue(on: Self.day("2026-05-20")), "resolved on 05-15")
    }

    @Test func emptyDenominatorsAreNotApplicable() {
        let k = Self.kpis(period: "2027Q1", today: "2027-04-01")
        #expect(k.plannedProjects == 0)
        #expect(k.visitPlanCompletionRate == nil)
        #expect(k.satisfactionIndex == nil)
        #expect(k.csat == nil)
        #expect(k.nps == nil)
        #expect(k.issueResolutionRate == nil)
        #expect(k.onTimeResolutionRate == nil)
        #expect(k.recordCompleteness == nil)
        #expect(k.dimensions.allSatisfy { $0.mean == nil })
    }

    @Test func departmentFilter() {
        let east = Self.kpis(projects: KPIEngine.projects(of: "east", in: Self.records))
        #expect(east.plannedProjects == 2)
        #expect(east.visitPlanCompletionRate == 0.5)
        #expect(east.issuesRaised == 2)
        #expect(east.overdueVisits == 2)
    }

    @Test func trendCoversTheFourPreviousPeriods() {
        let r = Self.records
        let trend = KPIEngine.trend(r, schedule: Schedule(r), period: Period("2026Q2")!, today: Self.day("2026-08-01"))
        #expect(trend.map(\.period.label) == ["2025Q2", "2025Q3", "2025Q4", "2026Q1"])
        #expect(trend[1].visits == 1, "c's visit of 2025-07-01")
    }

    @Test func recurringProblemsAcrossProjects() {
        let found = RecurringProblems.find(Self.records, period: Period("2026Q2")!)
        #expect(found.count == 1)
        #expect(found.first?.projects == 2)
        #expect(found.first?.issues == 2)
        #expect(found.first?.ids.map(\.rawValue) == ["i-0001", "i-0002"])
        #expect(RecurringProblems.nearSame(RecurringProblems.normalize("接口响应慢"), RecurringProblems.normalize("接口 响应慢！")))
        #expect(!RecurringProblems.nearSame(RecurringProblems.normalize("报表导出很慢"), RecurringProblems.normalize("报表导出超时")))
        #expect(RecurringProblems.nearSame(RecurringProblems.normalize("打印格式错乱"), RecurringProblems.normalize("打印格式混乱")))
    }

    @Test func visitorCounts() {
        let counts = VisitorCount.of(Self.records, period: Period("2026Q2")!, projects: nil)
        #expect(counts == [VisitorCount(visitor: "王五", visits: 2, meanOverall: 3.0)])
    }
}
