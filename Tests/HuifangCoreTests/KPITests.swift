import Testing

@testable import HuifangCore

// The KPIs of docs/KPIS.md on two histories worked out by hand: PeriodKPIsTests (2026Q2)
// and KPITests (2026Q3).

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

/// docs/KPIS.md on a second hand-worked history, period 2026Q3 (07-01..09-30). The schedule is
/// built by hand (`Schedule(items:)`) so that the planned set is exactly what the comments say;
/// the schedule rules themselves are ScheduleTests' business.
///
/// Departments in huifang.yaml order: pmo, west, east, tech. Projects: p1, p2 (east);
/// p3, p4, p5 (west).
///
/// Schedule items:
///   p5 periodic due 06-15, met late by v5 on 07-20   (Q2: not planned in Q3; overdue 06-16..07-19)
///   p1 periodic due 07-15, met early by v1 on 07-10
///   p2 first    due 08-01, met late by v3 on 08-20
///   p3 periodic due 09-10, met early by v4 on 09-05
///   p4 periodic due 09-20, never met                 (overdue on 09-30)
///   p1 special  due 09-25, never met                 (overdue on 09-30)
///   p2 periodic due 09-30, never met                 (due on 09-30 itself: not overdue then)
///   p3 periodic due 10-05                            (Q4)
/// Planned in Q3 {p1, p2, p3, p4} = 4, visited {p1, p2, p3} = 3 → 0.75; p5's visit is unplanned.
///
/// Visits in Q3 (v0, p1 06-20, is in Q2):
///   v1 p1 07-10 王五  overall 5, quality 5 service 4, nps 10, contacts, links i1
///   v2 p1 08-15 王五  no overall, quality 4 delivery 3 service 4 support 4 (mean 3.75), nps 9
///   v3 p2 08-20 赵六  overall 4, nps 7, raised i2 but does not link it
///   v4 p3 09-05 赵六  unscored, nps 3, no contacts
///   v5 p5 07-20 孙七  overall 2, quality 2 delivery 1, no nps
///
/// Issues (i6 raised in Q2):
///   i1 p1 报表导出超时     raised 07-10 (v1) due 07-24 resolved 07-20  resolved   technical
///   i2 p2 报表导出超时。   raised 08-20 (v3) due 09-03 resolved 09-03  confirmed  technical
///   i3 p3 登录 失败！      raised 09-05      due 09-19 resolved 09-25  closed     service
///   i4 p4 登录失败         raised 09-10      due 09-24               open       service
///   i5 p5 报表导出很慢     raised 09-20      due 10-09 resolved 10-05  resolved   technical
///   i6 p4 报表导出超时     raised 06-01      due 06-15 resolved 07-20  resolved   technical
///   i7 p2 登录失败         raised 07-16      due 07-17               open       service
///   i8 p3 合同附件缺失     raised 09-16      due 09-30               open       requirement_change
@Suite struct KPITests {
    static func day(_ s: String) -> Day { Day(s)! }
    static func pid(_ s: String) -> ProjectID { ProjectID(s)! }

    static let departments = [
        Department(id: "pmo", name: "项目管理部", head: "王芳", role: .projectManagement),
        Department(id: "west", name: "华西交付部", head: "赵六", role: .business),
        Department(id: "east", name: "华东交付部", head: "张伟", role: .business),
        Department(id: "tech", name: "技术部", head: "刘强", role: .technical),
    ]

    static func project(_ id: String, _ dept: String) -> Project {
        Project(id: pid(id), name: id.uppercased(), customer: Customer(name: "客户"), department: dept, owner: "张伟",
                tier: .standard, accepted: day("2026-01-05"), location: SourceLocation(path: "projects/\(id)/project.yaml"))
    }

    static func visit(_ id: String, _ p: String, _ date: String, visitor: String = "王五", summary: String = "运行稳定",
                      scores: [(dimension: String, score: Int)] = [], overall: Int? = nil, nps: Int? = nil,
                      contacts: [String] = ["李四"], issues: [String] = []) -> Visit {
        Visit(id: VisitID(id)!, project: pid(p), date: day(date), kind: .periodic, method: .phone, visitor: visitor,
              contacts: contacts, summary: summary, scores: scores, overall: overall, nps: nps,
              issues: issues.map { IssueID($0)! }, location: SourceLocation(path: "projects/\(p)/visits/\(date)-\(id).yaml"))
    }

    static func issue(_ id: String, _ p: String, _ title: String, raised: String, due: String, visit: String? = nil,
                      resolved: String? = nil, status: IssueStatus? = nil, category: IssueCategory = .technical,
                      history: [HistoryEntry] = []) -> HuifangCore.Issue {
        HuifangCore.Issue(
            id: IssueID(id)!, project: pid(p), title: title, raised: day(raised), source: visit == nil ? .customer : .visit,
            visit: visit.map { VisitID($0)! }, category: category, severity: .general, owner: "刘强", department: "tech",
            due: day(due), status: status ?? (resolved == nil ? .open : .resolved),
            resolved: resolved.map { Resolution(date: day($0), summary: "已处理") }, history: history,
            location: SourceLocation(path: "projects/\(p)/issues/\(id).yaml"))
    }

    static func item(_ p: String, _ kind: DueKind, due: String, triggered: String = "2026-01-05", metOn: String? = nil,
                     by: String? = nil) -> ScheduleItem {
        ScheduleItem(project: pid(p), kind: kind, triggered: day(triggered), basis: nil, due: day(due),
                     satisfiedBy: by.map { VisitID($0)! }, satisfiedOn: metOn.map(day))
    }

    static let records = Records(
        config: Config(departments: departments), calendar: WorkCalendar(),
        projects: [project("p1", "east"), project("p2", "east"), project("p3", "west"), project("p4", "west"), project("p5", "west")],
        visits: [
            visit("v-0000", "p1", "2026-06-20", overall: 1),
            visit("v-0001", "p1", "2026-07-10", scores: [("quality", 5), ("service", 4)], overall: 5, nps: 10, issues: ["i-0001"]),
            visit("v-0002", "p1", "2026-08-15", scores: [("quality", 4), ("delivery", 3), ("service", 4), ("support", 4)], nps: 9),
            visit("v-0003", "p2", "2026-08-20", visitor: "赵六", overall: 4, nps: 7),
            visit("v-0004", "p3", "2026-09-05", visitor: "赵六", nps: 3, contacts: []),
            visit("v-0005", "p5", "2026-07-20", visitor: "孙七", scores: [("quality", 2), ("delivery", 1)], overall: 2),
        ],
        issues: [
            issue("i-0001", "p1", "报表导出超时", raised: "2026-07-10", due: "2026-07-24", visit: "v-0001", resolved: "2026-07-20"),
            issue("i-0002", "p2", "报表导出超时。", raised: "2026-08-20", due: "2026-09-03", visit: "v-0003", resolved: "2026-09-03",
                  status: .confirmed),
            issue("i-0003", "p3", "登录 失败！", raised: "2026-09-05", due: "2026-09-19", resolved: "2026-09-25", status: .closed,
                  category: .service),
            issue("i-0004", "p4", "登录失败", raised: "2026-09-10", due: "2026-09-24", category: .service),
            issue("i-0005", "p5", "报表导出很慢", raised: "2026-09-20", due: "2026-10-09", resolved: "2026-10-05"),
            issue("i-0006", "p4", "报表导出超时", raised: "2026-06-01", due: "2026-06-15", resolved: "2026-07-20"),
            issue("i-0007", "p2", "登录失败", raised: "2026-07-16", due: "2026-07-17", category: .service),
            issue("i-0008", "p3", "合同附件缺失", raised: "2026-09-16", due: "2026-09-30", category: .requirementChange),
        ])

    static let schedule = Schedule(items: [
        item("p5", .periodic, due: "2026-06-15", metOn: "2026-07-20", by: "v-0005"),
        item("p1", .periodic, due: "2026-07-15", metOn: "2026-07-10", by: "v-0001"),
        item("p2", .first, due: "2026-08-01", metOn: "2026-08-20", by: "v-0003"),
        item("p3", .periodic, due: "2026-09-10", metOn: "2026-09-05", by: "v-0004"),
        item("p4", .periodic, due: "2026-09-20"),
        item("p1", .special, due: "2026-09-25", triggered: "2026-09-11"),
        item("p2", .periodic, due: "2026-09-30", triggered: "2026-08-20"),
        item("p3", .periodic, due: "2026-10-05", triggered: "2026-09-05"),
    ])

    static let q3 = Period("2026Q3")!

    /// As of 2026-11-01 the quarter is over: counted on its last day.
    static func kpis(_ r: Records = records, period: Period = q3, today: String = "2026-11-01",
                     projects: Set<ProjectID>? = nil) -> PeriodKPIs {
        KPIEngine.compute(r, schedule: schedule, period: period, today: day(today), projects: projects)
    }

    // MARK: visit-plan completion

    @Test func fourPlannedThreeVisited() {
        let k = Self.kpis()
        #expect(k.plannedProjects == 4, "p1, p2, p3, p4 each have an item due in Q3 (p2 and p1 two)")
        #expect(k.visitedPlannedProjects == 3, "p4 has no visit in Q3")
        #expect(k.visitPlanCompletionRate == 0.75)
        #expect(k.unplannedVisits == 1, "v5 to p5, whose only item was due in Q2")
        #expect(k.visits == 5, "v0 of 06-20 is in Q2")
        #expect(!k.frozenPlan)
    }

    @Test func aFrozenPlanThatDiffersFromTheScheduleWins() {
        var r = Self.records
        // The plan of 2026 foresaw p1 and p5 in Q3 (and p4 only in December).
        r.plans = [Plan(year: 2026, visits: [
            Plan.Item(project: Self.pid("p1"), due: Self.day("2026-08-01"), kind: .periodic),
            Plan.Item(project: Self.pid("p5"), due: Self.day("2026-07-31"), kind: .periodic),
            Plan.Item(project: Self.pid("p4"), due: Self.day("2026-12-01"), kind: .periodic),
        ], location: SourceLocation(path: "plans/2026.yaml"))]
        let k = Self.kpis(r)
        #expect(k.frozenPlan)
        #expect(k.plannedProjects == 2, "{p1, p5}, not the schedule's {p1, p2, p3, p4}")
        #expect(k.visitedPlannedProjects == 2)
        #expect(k.visitPlanCompletionRate == 1.0)
        #expect(k.unplannedVisits == 2, "v3 to p2 and v4 to p3 are outside the plan now")
        #expect(k.overdueVisits == 2, "overdue visits still come from the live schedule (§3)")
    }

    @Test func aPeriodAcrossTwoYearsUsesEachYearsPlanOrSchedule() {
        // 2025-12-01..2026-01-31: 2025 has no plan (schedule: p3 due 2025-12-20); 2026 has one
        // (p1 due 01-10) that leaves out the schedule's p4 item due 2026-01-05.
        var r = Self.records
        r.visits = [Self.visit("v-0101", "p3", "2025-12-18"), Self.visit("v-0102", "p4", "2026-01-06")]
        r.issues = []
        r.plans = [Plan(year: 2026, visits: [
            Plan.Item(project: Self.pid("p1"), due: Self.day("2026-01-10"), kind: .first),
            Plan.Item(project: Self.pid("p2"), due: Self.day("2026-02-15"), kind: .first),
        ], location: SourceLocation(path: "plans/2026.yaml"))]
        let schedule = Schedule(items: [
            Self.item("p3", .periodic, due: "2025-12-20", triggered: "2025-09-20", metOn: "2025-12-18", by: "v-0101"),
            Self.item("p4", .first, due: "2026-01-05", triggered: "2025-12-05", metOn: "2026-01-06", by: "v-0102"),
        ])
        let period = Period(start: Self.day("2025-12-01"), end: Self.day("2026-01-31"))
        let k = KPIEngine.compute(r, schedule: schedule, period: period, today: Self.day("2026-03-01"))
        #expect(k.frozenPlan)
        #expect(k.plannedProjects == 2, "p3 from the 2025 schedule, p1 from the 2026 plan (p2's is due in February)")
        #expect(k.visitedPlannedProjects == 1, "p3")
        #expect(k.visitPlanCompletionRate == 0.5)
        #expect(k.unplannedVisits == 1, "p4: the 2026 plan, not the schedule, decides January")
    }

    // MARK: satisfaction

    @Test func satisfactionFromOverallOrTheMeanOfScores() {
        let k = Self.kpis()
        // Scored: v1 5 (overall wins over its scores' mean 4.5), v2 3.75 (mean of 4, 3, 4, 4),
        // v3 4, v5 2; v4 has no score. Mean (5 + 3.75 + 4 + 2) / 4 = 14.75 / 4 = 3.6875.
        #expect(k.scoredVisits == 4)
        #expect(k.meanOverall == 3.6875)
        #expect(KPIEngine.round4(k.satisfactionIndex) == 0.7375, "3.6875 / 5")
        // Satisfied (≥ 4): v1 5 and v3 4 (exactly satisfied_at); v2's 3.75 is not. 2 / 4.
        #expect(k.csat == 0.5)
    }

    @Test func perDimensionMeansCountOnlyVisitsScoringThatDimension() {
        let k = Self.kpis()
        // quality: 5, 4, 2 → 11/3; delivery: 3, 1 → 2; service: 4, 4 → 4; support: 4 → 4.
        #expect(k.dimensions.map(\.name) == ["quality", "delivery", "service", "support"])
        #expect(k.dimensions.map { KPIEngine.round4($0.mean) } == [3.6667, 2.0, 4.0, 4.0])
    }

    @Test func npsOverVisitsWithAnAnswer() {
        let k = Self.kpis()
        // 10, 9 promoters; 7 passive; 3 detractor; v5 has no answer. 50% − 25% = 25 points.
        #expect(k.npsResponses == 4)
        #expect(k.nps == 25.0)
        // September alone: v4's 3 is the only answer → −100.
        #expect(Self.kpis(period: Period("2026-09")!).nps == -100)
    }

    // MARK: issues

    @Test func resolutionAndOnTimeRates() {
        let k = Self.kpis()
        // Raised in Q3: i1 i2 i3 i4 i5 i7 i8 = 7 (i6 was raised in Q2).
        // Resolved by 09-30: i1 (resolved), i2 (confirmed), i3 (closed) = 3; i5 only on 10-05.
        #expect(k.issuesRaised == 7)
        #expect(k.issuesResolved == 3)
        #expect(KPIEngine.round4(k.issueResolutionRate) == 0.4286, "3 / 7")
        // On time: i1 (07-20 ≤ 07-24), i2 (09-03 on its due day); i3 was late. 2 / 3.
        #expect(k.issuesResolvedOnTime == 2)
        #expect(KPIEngine.round4(k.onTimeResolutionRate) == 0.6667)
    }

    // MARK: record completeness

    @Test func recordCompleteness() {
        // v1 complete (links i1), v2 complete (raised nothing), v3 raised i2 without linking it,
        // v4 has no contacts, v5 complete: 3 / 5.
        #expect(Self.kpis().recordCompleteness == 0.6)
        var r = Self.records
        r.visits[3].issues = [IssueID("i-0002")!]
        #expect(Self.kpis(r).recordCompleteness == 0.8, "with v3's link: 4 / 5")
        r.visits[2].summary = ""
        #expect(Self.kpis(r).recordCompleteness == 0.6, "v2 without a summary: 3 / 5")
    }

    // MARK: overdue counts

    @Test func overdueCountsOnThePeriodsLastDay() {
        let k = Self.kpis()
        #expect(k.countedOn == Self.day("2026-09-30"))
        // p4 (due 09-20) and p1 special (due 09-25); p2's item due 09-30 is not late yet on 09-30,
        // p5's item of 06-15 was met on 07-20.
        #expect(k.overdueVisits == 2)
        // i4 (due 09-24) and i7 (due 07-17), both open. Not: i8 (due 09-30 = T), i5 (due 10-09),
        // i3 (late but resolved 09-25), i6 (resolved 07-20).
        #expect(k.overdueIssues == 2)
    }

    @Test func overdueCountsOnTheAsOfDateWhileThePeriodRuns() {
        let k = Self.kpis(today: "2026-07-15")
        #expect(k.countedOn == Self.day("2026-07-15"))
        // Only p5's item due 06-15 (met on 07-20, after T); p1's due 07-15 was met on 07-10.
        #expect(k.overdueVisits == 1)
        // Only i6 (due 06-15, resolved 07-20 after T); i7 is raised on 07-16, after T.
        #expect(k.overdueIssues == 1)
    }

    // MARK: n/a

    @Test func emptyDenominatorsAreNotApplicable() {
        let k = Self.kpis(period: Period("2027Q1")!, today: "2027-04-01")
        #expect(k.plannedProjects == 0 && k.visits == 0 && k.issuesRaised == 0)
        #expect(k.visitPlanCompletionRate == nil)
        #expect(k.satisfactionIndex == nil)
        #expect(k.meanOverall == nil)
        #expect(k.csat == nil)
        #expect(k.nps == nil)
        #expect(k.issueResolutionRate == nil)
        #expect(k.onTimeResolutionRate == nil)
        #expect(k.recordCompleteness == nil)
        #expect(k.dimensions.allSatisfy { $0.mean == nil })
    }

    @Test func zeroIsZeroAndEmptyIsNotApplicable() {
        // 09-10..09-20: p3 and p4 planned, neither visited then; i4, i8, i5 raised, none resolved
        // by 09-20; no visits at all.
        let k = Self.kpis(period: Period(start: Self.day("2026-09-10"), end: Self.day("2026-09-20")))
        #expect(k.plannedProjects == 2)
        #expect(k.visitPlanCompletionRate == 0)
        #expect(k.issuesRaised == 3)
        #expect(k.issueResolutionRate == 0)
        #expect(k.onTimeResolutionRate == nil, "nothing resolved: no on-time rate")
        #expect(k.recordCompleteness == nil)
        #expect(k.csat == nil)
        // A visit with an NPS answer but no score: NPS is known, satisfaction is not.
        let september = Self.kpis(period: Period("2026-09")!)
        #expect(september.visits == 1 && september.scoredVisits == 0)
        #expect(september.satisfactionIndex == nil)
        #expect(september.nps != nil)
    }

    @Test func roundingForJSON() {
        #expect(KPIEngine.round4(3.0 / 7.0) == 0.4286)
        #expect(KPIEngine.round4(2.0 / 3.0) == 0.6667)
        #expect(KPIEngine.round1(100.0 / 3.0) == 33.3)
        #expect(KPIEngine.round1(-200.0 / 3.0) == -66.7)
        #expect(KPIEngine.round4(nil) == nil)
    }

    // MARK: departments

    @Test func departmentFilter() {
        let east = Self.kpis(projects: KPIEngine.projects(of: "east", in: Self.records))
        // p1, p2: both planned and visited; v1 v2 v3; i1 i2 i7 raised, i1 i2 resolved.
        #expect(east.plannedProjects == 2)
        #expect(east.visitPlanCompletionRate == 1.0)
        #expect(east.unplannedVisits == 0)
        #expect(east.visits == 3)
        #expect(east.issuesRaised == 3)
        #expect(KPIEngine.round4(east.issueResolutionRate) == 0.6667)
        #expect(east.overdueVisits == 1, "p1 special")
        #expect(east.overdueIssues == 1, "i7")
        // mean of 5, 3.75, 4 = 12.75 / 3 = 4.25.
        #expect(east.meanOverall == 4.25)
    }

    /// The summary report's department rows: departmentsWithProjects, computed in one pass.
    @Test func departmentRowsFollowHuifangYamlAndAddUp() {
        let departments = KPIEngine.departmentsWithProjects(Self.records)
        let kpis = KPIEngine.compute(Self.records, schedule: Self.schedule, scopes: departments.map { KPIEngine.Scope(Self.q3, projects: $0.projects) },
                                     today: Self.day("2026-11-01"))
        let rows = zip(departments, kpis).map { (department: $0.department, kpis: $1) }
        #expect(rows.map(\.department.id) == ["west", "east"], "config order; pmo and tech own no project")
        let west = rows[0].kpis
        // p3 visited, p4 not: 1/2; v5 to p5 unplanned; i3 i4 i5 i8 raised, i3 resolved.
        #expect(west.visitPlanCompletionRate == 0.5)
        #expect(west.unplannedVisits == 1)
        #expect(west.issueResolutionRate == 0.25)
        let total = Self.kpis()
        #expect(rows.map(\.kpis.plannedProjects).reduce(0, +) == total.plannedProjects)
        #expect(rows.map(\.kpis.visits).reduce(0, +) == total.visits)
        #expect(rows.map(\.kpis.issuesRaised).reduce(0, +) == total.issuesRaised)
        #expect(rows.map(\.kpis.overdueVisits).reduce(0, +) == total.overdueVisits)
        #expect(rows.map(\.kpis.overdueIssues).reduce(0, +) == total.overdueIssues)
    }

    @Test func visitorCounts() {
        // 王五 v1 v2 (5, 3.75 → 4.375), 赵六 v3 v4 (4; v4 unscored), 孙七 v5 (2).
        let counts = VisitorCount.of(Self.records, period: Self.q3, projects: nil)
        #expect(counts == [
            VisitorCount(visitor: "王五", visits: 2, meanOverall: 4.375),
            VisitorCount(visitor: "赵六", visits: 2, meanOverall: 4.0),
            VisitorCount(visitor: "孙七", visits: 1, meanOverall: 2.0),
        ])
        let west = VisitorCount.of(Self.records, period: Self.q3, projects: KPIEngine.projects(of: "west", in: Self.records))
        #expect(west.map(\.visitor) == ["孙七", "赵六"])
    }

    // MARK: trend

    @Test func trendIsTheFourPreviousPeriodsOldestFirst() {
        let trend = KPIEngine.trend(Self.records, schedule: Self.schedule, period: Self.q3, today: Self.day("2026-11-01"))
        #expect(trend.map(\.period.label) == ["2025Q3", "2025Q4", "2026Q1", "2026Q2"])
        // 2026Q2: v0 (overall 1) and i6; p5's item due 06-15 is planned and not visited in Q2.
        let q2 = trend[3]
        #expect(q2.visits == 1 && q2.issuesRaised == 1)
        #expect(q2.plannedProjects == 1 && q2.visitPlanCompletionRate == 0)
        #expect(q2.unplannedVisits == 1, "p1 had nothing due in Q2")
        #expect(q2.countedOn == Self.day("2026-06-30"))

        let custom = Period(start: Self.day("2026-09-21"), end: Self.day("2026-09-30"))
        let before = KPIEngine.trend(Self.records, schedule: Self.schedule, period: custom, today: Self.day("2026-11-01"))
        #expect(before.map { "\($0.period.start)..\($0.period.end)" } == [
            "2026-08-12..2026-08-21", "2026-08-22..2026-08-31", "2026-09-01..2026-09-10", "2026-09-11..2026-09-20",
        ])
    }

    // MARK: reopened issues

    @Test func isResolvedOnADayKnowsReopenings() {
        let reopened = Self.issue("i-0009", "p4", "打印格式错乱", raised: "2026-07-01", due: "2026-07-15", resolved: "2026-07-10",
                                  status: .open, history: [HistoryEntry(at: Self.day("2026-07-01"), action: "opened"),
                                                           HistoryEntry(at: Self.day("2026-07-10"), action: "resolved"),
                                                           HistoryEntry(at: Self.day("2026-07-20"), action: "reopened")])
        #expect(!reopened.isResolved(on: Self.day("2026-07-09")))
        #expect(reopened.isResolved(on: Self.day("2026-07-10")))
        #expect(reopened.isResolved(on: Self.day("2026-07-19")))
        #expect(!reopened.isResolved(on: Self.day("2026-07-20")))
        var handEdited = reopened
        handEdited.history = []
        #expect(!handEdited.isResolved(on: Self.day("2026-09-30")), "open with a resolution and no reopening: its status wins")
        let closed = Self.records.issues[2]
        #expect(!closed.isResolved(on: Self.day("2026-09-24")) && closed.isResolved(on: Self.day("2026-09-25")))
    }

    @Test func aReopenedIssueIsNotResolved() {
        // i9: resolved 07-10, reopened 07-20 (`issue reopen` keeps `resolved:`), still open and
        // past its due date 07-15 on 09-30.
        var r = Self.records
        r.issues = [Self.issue("i-0009", "p4", "打印格式错乱", raised: "2026-07-01", due: "2026-07-15", resolved: "2026-07-10",
                               status: .open, history: [HistoryEntry(at: Self.day("2026-07-20"), action: "reopened")])]
        let k = Self.kpis(r)
        #expect(k.issuesResolved == 0)
        #expect(k.overdueIssues == 1)
    }

    // MARK: recurring problems

    @Test func recurringProblemsWithNearSameTitlesAcrossProjects() {
        let found = RecurringProblems.find(Self.records, period: Self.q3)
        // 登录失败 (i7 p2, i4 p4) and 登录 失败！ (i3 p3): same once normalised; 3 projects.
        // 报表导出超时 (i1 p1) and 报表导出超时。 (i2 p2): 2 projects; i6 (p4) was raised in Q2.
        // 报表导出很慢 (i5) is 2 edits from 报表导出超时: alone, so not recurring; nor is 合同附件缺失.
        #expect(found.map(\.title) == ["登录失败", "报表导出超时"])
        #expect(found.map(\.projects) == [3, 2])
        #expect(found.map(\.issues) == [3, 2])
        #expect(found.map { $0.ids.map(\.rawValue) } == [["i-0003", "i-0004", "i-0007"], ["i-0001", "i-0002"]])
        #expect(found.map(\.category) == [.service, .technical])
        // East alone (p1, p2): 报表导出超时 still spans both; 登录失败 is only p2's (i7).
        #expect(RecurringProblems.find(Self.records, period: Self.q3, projects: KPIEngine.projects(of: "east", in: Self.records))
            .map(\.title) == ["报表导出超时"])
        #expect(RecurringProblems.find(Self.records, period: Self.q3, projects: [Self.pid("p1"), Self.pid("p3")]).isEmpty)
    }

    @Test func nearSameTitles() {
        func near(_ a: String, _ b: String) -> Bool {
            RecurringProblems.nearSame(RecurringProblems.normalize(a), RecurringProblems.normalize(b))
        }
        #expect(RecurringProblems.normalize("Report Export，超时！") == RecurringProblems.normalize("report-export 超时"))
        #expect(near("报表导出超时", "报表导出超时。"), "Chinese full stop stripped")
        #expect(near("报表导出超时", "【紧急】报表导出超时"), "one contains the other")
        #expect(!near("报表导出超时", "报表导出很慢"), "two substitutions")
        #expect(near("登录失败", "登陆失败"), "one substitution in 4 characters")
        #expect(near("登录失败", "登录失败了"), "one insertion (also containment)")
        #expect(!near("卡顿", "卡死"), "one edit, but shorter than 4 characters")
        #expect(RecurringProblems.editDistance(RecurringProblems.normalize("报表导出超时"), RecurringProblems.normalize("报表导出很慢"), limit: 5) == 2)
    }

    @Test func categoriesPeriodByPeriod() {
        let rows = RecurringProblems.categories(Self.records, periods: [Period("2026Q2")!, Self.q3])
        // Q2: i6 technical. Q3: technical i1 i2 i5, service i3 i4 i7, requirement_change i8;
        // quality never appears and is left out.
        #expect(rows.map(\.0) == [.technical, .service, .requirementChange])
        #expect(rows.map(\.1) == [[1, 3], [0, 3], [0, 1]])
    }
}
