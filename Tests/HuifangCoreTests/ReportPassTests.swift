import Testing

@testable import HuifangCore

/// The passes a report makes after the load (issue 21): the schedule made in runs of projects
/// side by side, the customers' health counted by project number, the departments' projects
/// found in one pass. Each is held to the plain rule it replaces, record by record, on
/// histories that have what the compact forms must keep: many projects (several runs), a
/// project id listed twice, records out of their project's order, a department listed twice.
@Suite struct ReportPassTests {
    static func day(_ s: String) -> Day { Day(s)! }
    static func pid(_ s: String) -> ProjectID { ProjectID(s)! }

    /// `count` projects in departments east and west, each with visits every few weeks (some
    /// scored, one after today), customer issues (a few major and open) and one retired.
    static func records(_ count: Int) -> Records {
        var r = Records(config: Config(departments: [
            Department(id: "east", name: "华东", head: "h", role: .business), Department(id: "west", name: "华西", head: "h", role: .business),
            Department(id: "east", name: "华东 (again)", head: "h", role: .business), Department(id: "none", name: "无项目", head: "h", role: .business),
        ]), calendar: WorkCalendar())
        for p in 0..<count {
            let id = "p\(100 + p)"
            r.projects.append(Project(
                id: pid(id), name: id, customer: Customer(name: "客户 \(p)"), department: p % 3 == 0 ? "west" : "east", owner: "o",
                tier: [Tier.key, .standard, .basic][p % 3], accepted: day("2025-0\(1 + p % 9)-1\(p % 10)"),
                retired: p == 5 ? Retirement(date: day("2026-03-01"), reason: "r") : nil, location: SourceLocation(path: id)))
            for v in 0..<(p % 7) {
                let date = Day(ordinal: day("2025-10-01").ordinal + Int32(40 * v + p))
                r.visits.append(Visit(id: VisitID("v-\(100 + p)a\(v)")!, project: pid(id), date: date, kind: .periodic, method: .phone,
                                      visitor: "王五", contacts: ["李四"], summary: "s", overall: (v + p) % 4 == 0 ? nil : 1 + (v * p) % 5,
                                      location: SourceLocation(path: "v")))
            }
            for i in 0..<(p % 4) {
                r.issues.append(HuifangCore.Issue(
                    id: IssueID("i-\(100 + p)b\(i)")!, project: pid(id), title: "t", raised: Day(ordinal: day("2026-01-05").ordinal + Int32(30 * i + p)),
                    source: i % 2 == 0 ? .customer : .complaint, visit: nil, category: .technical, severity: (p + i) % 3 == 0 ? .major : .general,
                    owner: "o", department: "tech", due: day("2026-12-31"), status: .open, resolved: nil, location: SourceLocation(path: "i")))
            }
        }
        return r
    }

    /// What `Schedule(_:)` must equal: every project's items made one by one, joined in project
    /// order, in due-date order (items due on the same day in the order made).
    static func expected(_ r: Records) -> (items: [ScheduleItem], projects: [Int32]) {
        var items: [ScheduleItem] = []
        var projects: [Int32] = []
        var uncovered = Set<Int>()
        for p in r.projects.indices {
            let before = items.count
            Schedule.items(for: r.projects[p], visits: r.visits.indices.filter { r.visits[$0].project == r.projects[p].id },
                           issues: r.issues.indices.filter { r.issues[$0].project == r.projects[p].id }, r, into: &items,
                           uncovered: &uncovered)
            projects += Array(repeating: Int32(p), count: items.count - before)
        }
        let order = items.indices.sorted { items[$0].due != items[$1].due ? items[$0].due < items[$1].due : $0 < $1 }
        return (order.map { items[$0] }, order.map { projects[$0] })
    }

    @Test func theScheduleMadeInRunsOfProjectsIsTheOneMadeProjectByProject() {
        for count in [0, 1, 3, 40, 157] {
            let r = Self.records(count)
            let made = Schedule(r)
            let want = Self.expected(r)
            #expect(made.items == want.items, "\(count) projects")
            #expect(made.projectPositions == want.projects, "\(count) projects")
            if count >= 40 { #expect(made.items.count > 100) }
        }
        // Visits listed out of their projects' order (not as the loader lists them): each
        // project still finds all of its own.
        var r = Self.records(40)
        r.visits.reverse()
        r.issues.reverse()
        #expect(Schedule(r).items.count == Self.expected(r).items.count)
        #expect(Set(Schedule(r).items) == Set(Self.expected(r).items))
    }

    /// The health rule applied as docs/HEALTH.md reads, by project id: the scores up to today
    /// in the records' order, open major issues, overdue items and high risks of that id.
    static func healthByID(_ r: Records, _ s: Schedule, on today: Day) -> [CustomerHealth] {
        r.projects.filter { $0.retired == nil }.map { p in
            CustomerHealth(project: p.id, customer: p.customer.name, signals: CustomerHealth.signals(
                scores: r.visits.filter { $0.project == p.id && $0.date <= today }.compactMap(\.overallScore),
                satisfiedAt: r.config.satisfaction.satisfiedAt,
                openMajorIssues: r.issues.filter { $0.project == p.id && $0.severity == .major && $0.isOpen && $0.raised <= today }.count,
                overdueVisits: s.items.filter { $0.project == p.id && $0.isOverdue(on: today) }.count,
                highRisks: r.risks.filter { $0.project == p.id && $0.isHigh(r.config.policy) && $0.raised <= today }.count))
        }
    }

    @Test func theHealthCountedByProjectNumberIsTheHealthByProjectID() {
        let today = Self.day("2026-06-15")
        var r = Self.records(60)
        // A second project of one id, further down (its facts are the id's, as by id).
        var twin = r.projects[7]
        twin.customer = Customer(name: "twin")
        r.projects.append(twin)
        r.visits.append(Visit(id: VisitID("v-twin1")!, project: twin.id, date: Self.day("2026-06-01"), kind: .periodic, method: .phone,
                              visitor: "王五", contacts: ["李四"], summary: "s", overall: 1, location: SourceLocation(path: "v")))
        r.risks = [RiskTests.risk(project: r.projects[3].id.rawValue, p: 4, i: 4, raised: "2026-05-01")]
        let made = Schedule(r)
        let want = Self.healthByID(r, made, on: today)
        #expect(want.contains { !$0.signals.isEmpty })
        #expect(CustomerHealth.all(r, schedule: made, on: today) == want)
        // A schedule without positions (made of given items), or made from records in another
        // order than these: the same health.
        #expect(CustomerHealth.all(r, schedule: Schedule(items: made.items), on: today) == want)
        var reordered = r
        reordered.projects.reverse()
        #expect(CustomerHealth.all(reordered, schedule: made, on: today) == Self.healthByID(reordered, made, on: today))
    }

    @Test func theDepartmentsProjectsFoundInOnePassAreEachDepartmentsOwn() {
        var r = Self.records(50)
        r.projects.append(Project(id: Self.pid("zz-gone"), name: "gone", customer: Customer(name: "c"), department: "gone", owner: "o",
                                  tier: .basic, accepted: nil, location: SourceLocation(path: "zz")))
        let got = KPIEngine.departmentsWithProjects(r)
        let want = r.config.departments.compactMap { d -> (Department, Set<ProjectID>)? in
            let ids = Set(r.projects.filter { $0.department == d.id }.map(\.id))
            return ids.isEmpty ? nil : (d, ids)
        }
        #expect(got.map(\.department.name) == ["华东", "华西", "华东 (again)"])
        #expect(got.map(\.department.name) == want.map(\.0.name))
        #expect(got.map(\.projects) == want.map(\.1))
    }
    @Test func aRecurringProblemIsNamedByItsMostFrequentSpellingCountedAsTheIssuesCome() {
        func raised(_ title: String, _ project: String, _ n: Int) -> RecurringProblems.RaisedIssue {
            RecurringProblems.RaisedIssue(title: title, project: project, id: IssueID("i-\(1000 + n)")!, category: n % 3 == 0 ? .service : .technical,
                                          raised: Day(ordinal: Self.day("2026-07-01").ordinal + Int32(n)))
        }
        // Three spellings of one problem: "报表导出慢" twice, "报表导出很慢" three times (the most
        // frequent, though it comes second), "报表 导出慢!" once; and a tie in another cluster.
        let issues = [raised("报表导出慢", "a", 1), raised("报表导出很慢", "b", 2), raised("报表 导出慢!", "c", 3), raised("报表导出很慢", "a", 4),
                      raised("报表导出慢", "d", 5), raised("报表导出很慢", "e", 6),
                      raised("登录超时", "a", 7), raised("登录 超时", "b", 8)]
        let found = RecurringProblems.find(issues)
        #expect(found.map(\.problem.title) == ["报表导出很慢", "登录 超时"])
        #expect(found.map(\.problem.issues) == [6, 2])
        #expect(found[0].problem.projects == 5)
        #expect(found[0].members.map(\.id.rawValue) == ["i-1001", "i-1002", "i-1003", "i-1004", "i-1005", "i-1006"])
        // The same title, however often, is one spelling counted, whichever issue comes first.
        #expect(RecurringProblems.find(issues.reversed()).map(\.problem.title) == ["报表导出很慢", "登录 超时"])
    }
}
