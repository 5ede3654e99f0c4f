import Testing

@testable import HuifangCore

/// A frozen plan against what was done (`plan show`) and the planned visits counted per person
/// with the plan's visitor (`report people`), worked by hand on the records of PeopleKPIsTests
/// (visits of a: 07-05, 08-10; of b: 09-01).
///
/// The plan of 2026:
///   a due 03-31 (visitor 张伟): the first visit of a in 2026 after 01-01 is 07-05: done late.
///   a due 08-10 (visitor 赵六): the first visit after 03-31 not taken is 08-10: done on time (on the due day).
///   a due 09-10 (no visitor: the owner 张伟): no visit of a after 08-10: overdue on 11-24.
///   b due 09-05 (visitor 钱八): 09-01, on time.
///   b due 12-20 (visitor 钱八): no visit after 09-05; not due yet on 11-24.
/// Q3 planned visits counted on 09-30, per visitor: 赵六 1 of 1 on time; 张伟 0 of 1 (a 09-10 overdue);
/// 钱八 1 of 1 (b 09-05); a 03-31 (Q1) and b 12-20 (Q4) are outside Q3. The schedule's items (all
/// of project a's owner 张伟 otherwise) are not counted in a year with a plan.
@Suite struct PlanProgressTests {
    static func day(_ s: String) -> Day { Day(s)! }

    static let plan = Plan(year: 2026, visits: [
        Plan.Item(project: ProjectID("a")!, due: day("2026-03-31"), kind: .periodic, visitor: "张伟"),
        Plan.Item(project: ProjectID("a")!, due: day("2026-08-10"), kind: .periodic, visitor: "赵六"),
        Plan.Item(project: ProjectID("a")!, due: day("2026-09-10"), kind: .periodic),
        Plan.Item(project: ProjectID("b")!, due: day("2026-09-05"), kind: .periodic, visitor: "钱八"),
        Plan.Item(project: ProjectID("b")!, due: day("2026-12-20"), kind: .periodic, visitor: "钱八"),
    ], location: SourceLocation(path: "plans/2026.yaml"))

    static var records: Records {
        var r = PeopleKPIsTests.records
        r.plans = [plan]
        return r
    }

    @Test func eachPlannedVisitIsMatchedToTheVisitThatMadeIt() {
        let e = PlanProgress.entries(Self.plan, Self.records, today: Self.day("2026-11-24"))
        #expect(e.map(\.visitor) == ["张伟", "赵六", "张伟", "钱八", "钱八"])
        #expect(e.map(\.visitorIsOwner) == [false, false, true, false, false])
        #expect(e.map { $0.done?.description } == ["2026-07-05", "2026-08-10", nil, "2026-09-01", nil])
        #expect(e.map(\.onTime) == [false, true, nil, true, nil])
        #expect(e.map(\.overdue) == [false, false, true, false, false])
        #expect(e.map { $0.visit?.rawValue } == ["v-0001", "v-0002", nil, "v-0003", nil])
        // Counted on 08-09: the 08-10 visit is not there yet, and 08-10 is not due.
        let early = PlanProgress.entries(Self.plan, Self.records, today: Self.day("2026-08-09"))
        #expect(early.map { $0.done?.description } == ["2026-07-05", nil, nil, nil, nil])
        #expect(early.map(\.overdue) == [false, false, false, false, false])
    }

    /// A visit makes one planned visit only: two planned visits due before the only visit
    /// leave the second not done.
    @Test func aVisitMakesOnePlannedVisit() {
        let plan = Plan(year: 2026, visits: [
            Plan.Item(project: ProjectID("a")!, due: Self.day("2026-07-01"), kind: .periodic),
            Plan.Item(project: ProjectID("a")!, due: Self.day("2026-07-03"), kind: .periodic),
        ], location: SourceLocation(path: "plans/2026.yaml"))
        var r = Self.records
        r.visits = [r.visits[0]]  // a 07-05 only
        let e = PlanProgress.entries(plan, r, today: Self.day("2026-11-24"))
        #expect(e.map { $0.done?.description } == ["2026-07-05", nil])
        #expect(e.map(\.onTime) == [false, nil] && e.map(\.overdue) == [false, true])
    }

    @Test func peopleCountThePlannedVisitsOfThePlansVisitor() throws {
        let k = PeopleKPIs.compute(Self.records, schedule: PeopleKPIsTests.schedule, period: PeopleKPIsTests.q3, today: Self.day("2026-11-24"))
        let byName = Dictionary(uniqueKeysWithValues: k.visitors.map { ($0.name, $0) })
        #expect(byName["赵六"].map { [$0.plannedItems, $0.plannedOnTime] } == [1, 1])
        #expect(byName["张伟"].map { [$0.plannedItems, $0.plannedOnTime] } == [1, 0])
        #expect(byName["钱八"].map { [$0.plannedItems, $0.plannedOnTime] } == [1, 1])
        // Without the plan, the schedule's four items of a go to its owner 张伟: 1 of 4 on time.
        let unplanned = PeopleKPIs.compute(PeopleKPIsTests.records, schedule: PeopleKPIsTests.schedule, period: PeopleKPIsTests.q3,
                                           today: Self.day("2026-11-24"))
        let zhang = try #require(unplanned.visitors.first { $0.name == "张伟" })
        #expect([zhang.plannedItems, zhang.plannedOnTime] == [4, 1])
        #expect(!unplanned.visitors.contains { $0.name == "赵六" })
    }

    /// A department's own plan applies to that department's figures; the company's KPIs use
    /// the company's plan only.
    @Test func aDepartmentsOwnPlanIsItsAndNotTheCompanys() throws {
        var own = Self.plan
        own.department = "east"
        own.location = SourceLocation(path: "plans/2026-east.yaml")
        own.visits = [Plan.Item(project: ProjectID("a")!, due: Self.day("2026-08-10"), kind: .periodic, visitor: "孙九")]
        var r = Self.records
        r.plans = [own]
        #expect(r.companyPlan(2026) == nil)
        #expect(r.plan(2026, department: "east")?.location.path == "plans/2026-east.yaml")
        #expect(r.plan(2026, department: "west") == nil)
        let east = PeopleKPIs.compute(r, schedule: PeopleKPIsTests.schedule, period: PeopleKPIsTests.q3, today: Self.day("2026-11-24"),
                                      department: "east")
        let sun = try #require(east.visitors.first { $0.name == "孙九" })
        #expect([sun.plannedItems, sun.plannedOnTime] == [1, 1])
        // The whole company has no plan of its own: the schedule (owner 张伟) counts.
        let all = PeopleKPIs.compute(r, schedule: PeopleKPIsTests.schedule, period: PeopleKPIsTests.q3, today: Self.day("2026-11-24"))
        #expect(!all.visitors.contains { $0.name == "孙九" })
        r.plans = [own, Self.plan]
        #expect(r.companyPlan(2026)?.location.path == "plans/2026.yaml")
    }
}
