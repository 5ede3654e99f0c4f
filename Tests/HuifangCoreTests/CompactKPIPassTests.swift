import Testing

@testable import HuifangCore

/// The KPI passes read compact arrays made once per report (project numbers instead of ids,
/// each visit's scores and completeness, the few issues a visit leaves unlisted) and the
/// calendar a table of working days instead of its dictionaries (issue 21). These tests hold
/// them to the record-by-record rules on the edges the compact forms have to keep.
@Suite struct CompactKPIPassTests {
    static func day(_ s: String) -> Day { Day(s)! }
    static func pid(_ s: String) -> ProjectID { ProjectID(s)! }

    /// The counts a scope's KPIs are made of, side by side.
    static func counts(_ k: PeriodKPIs) -> [Int] {
        [k.plannedProjects, k.visitedPlannedProjects, k.unplannedVisits, k.visits, k.scoredVisits, k.satisfiedVisits, k.completeVisits,
         k.npsResponses, k.npsPromoters, k.npsDetractors, k.issuesRaised, k.issuesResolved, k.issuesResolvedOnTime, k.overdueVisits,
         k.overdueIssues, k.overdueConfirmations] + k.dimensionCounts
    }

    @Test func anIssueRaisedInAnotherProjectsVisitMakesThatVisitIncompleteOnlyWhereTheIssueIsCounted() {
        let before = KPITests.kpis()
        let beforeP1 = KPITests.kpis(projects: [Self.pid("p1")])
        var r = KPITests.records
        // i-0004 (p4, raised 09-10) names p1's visit v-0002 (08-15), which does not list it.
        r.issues[3].visit = VisitID("v-0002")!
        let all = KPITests.kpis(r)
        #expect(all.completeVisits == before.completeVisits - 1)
        #expect(all.completeVisits == r.visits.filter { v in
            KPITests.q3.contains(v.date)
                && v.isCompleteRecord(raisedIn: r.issues.filter { $0.visit == v.id && KPITests.q3.contains($0.raised) }.map(\.id))
        }.count)
        // p1 alone: the issue is p4's, so not raised in this scope; the visit stays complete.
        #expect(KPITests.kpis(r, projects: [Self.pid("p1")]).completeVisits == beforeP1.completeVisits)
        #expect(KPITests.kpis(r, projects: [Self.pid("p1"), Self.pid("p4")]).completeVisits == beforeP1.completeVisits - 1)
        // Listed by the visit, it no longer counts against it.
        r.visits[2].issues.append(IssueID("i-0004")!)
        #expect(KPITests.kpis(r).completeVisits == before.completeVisits)
    }

    @Test func aScheduleMadeFromTheRecordsOrFromItsItemsCountsTheSame() {
        let r = PeriodKPIsTests.records
        let made = Schedule(r)
        #expect(made.projectPositions?.count == made.items.count)
        let given = Schedule(items: made.items)
        #expect(given.projectPositions == nil)
        // Records in another order than the schedule was made from: its positions no longer
        // name the items' projects, and the passes must not trust them.
        var reordered = r
        reordered.projects.reverse()
        let period = Period("2026Q2")!
        let today = Self.day("2026-08-01")
        for scope: Set<ProjectID>? in [nil, [Self.pid("a"), Self.pid("d")], [Self.pid("b")], [Self.pid("zz")]] {
            let a = KPIEngine.compute(r, schedule: made, period: period, today: today, projects: scope)
            #expect(Self.counts(a) == Self.counts(KPIEngine.compute(r, schedule: given, period: period, today: today, projects: scope)))
            #expect(Self.counts(a) == Self.counts(KPIEngine.compute(reordered, schedule: made, period: period, today: today, projects: scope)))
        }
        let all = KPIEngine.compute(reordered, schedule: made, period: period, today: today)
        #expect(all.plannedProjects == 3)
        #expect(all.overdueVisits == 4)
        #expect(KPIEngine.compute(reordered, schedule: made, period: period, today: today, projects: [Self.pid("b")]).overdueVisits == 2)
    }

    @Test func aFrozenPlanMayNameAProjectNoRecordNames() {
        var r = PeriodKPIsTests.records
        r.plans = [Plan(year: 2026, visits: [Plan.Item(project: Self.pid("a"), due: Self.day("2026-05-05"), kind: .periodic),
                                             Plan.Item(project: Self.pid("gone"), due: Self.day("2026-06-01"), kind: .periodic)],
                        location: SourceLocation(path: "plans/2026.yaml"))]
        let k = PeriodKPIsTests.kpis(r)
        #expect(k.frozenPlan)
        #expect(k.plannedProjects == 2)
        #expect(k.visitedPlannedProjects == 1)
        #expect(PeriodKPIsTests.kpis(r, projects: [Self.pid("a")]).plannedProjects == 1)
    }

    @Test func scoresOutOfOrderAndADimensionNamedTwice() {
        var r = KPITests.records
        // v-0001: service then quality, against huifang.yaml's order.
        r.visits[1].scores = [("service", 2), ("quality", 4)]
        let k = KPITests.kpis(r)
        let means = Dictionary(uniqueKeysWithValues: k.dimensions.map { ($0.name, $0.mean) })
        // Quality: v-0001 4, v-0002 4, v-0005 2; service: v-0001 2, v-0002 4.
        let quality: Double = 10.0 / 3
        let service: Double = 3
        #expect(means["quality"] == quality)
        #expect(means["service"] == service)
        // A name listed twice takes every score at its first place, as `firstIndex(of:)` finds it.
        r.config.satisfaction.dimensions = ["quality", "service", "quality", "delivery"]
        let twice = KPITests.kpis(r)
        #expect(twice.dimensionCounts == [3, 2, 0, 2])
        #expect(twice.dimensions[2].mean == nil)
        #expect(twice.dimensions[0].mean == quality)
    }

    /// The rule of `WorkCalendar.isWorkingDay` read from the dictionaries.
    static func rule(_ c: WorkCalendar, _ d: Day) -> Bool {
        c.workdays[d] != nil || (!c.weekend.contains(d.weekday) && c.holidays[d] == nil)
    }

    @Test func theWorkingDayTableAnswersAsTheRule() {
        // 2026-10-01 is a Thursday: 10-03 a Saturday (listed as both), 10-10 a Saturday made up.
        var c = WorkCalendar(holidays: [Self.day("2026-10-01"): "国庆节", Self.day("2026-10-03"): "国庆节"],
                             workdays: [Self.day("2026-10-10"): "调休", Self.day("2026-10-03"): "调休"])
        #expect(!c.isWorkingDay(Self.day("2026-10-01")))
        #expect(c.isWorkingDay(Self.day("2026-10-02")))
        #expect(c.isWorkingDay(Self.day("2026-10-03")))
        #expect(!c.isWorkingDay(Self.day("2026-10-04")))
        #expect(c.isWorkingDay(Self.day("2026-10-10")))
        #expect(!c.isWorkingDay(Self.day("2027-01-02")))
        #expect(c.isWorkingDay(Self.day("2027-01-04")))
        #expect(c.addingWorkingDays(3, to: Self.day("2026-09-30")) == Self.day("2026-10-05"))
        // Changed after it was made, the calendar answers from its new days.
        c.holidays[Self.day("2026-10-02")] = "国庆节"
        #expect(!c.isWorkingDay(Self.day("2026-10-02")))
        c.workdays[Self.day("2026-10-04")] = "调休"
        #expect(c.isWorkingDay(Self.day("2026-10-04")))
        c.weekend = [.sunday]
        #expect(c.isWorkingDay(Self.day("2027-01-02")))
        // Days far apart (more than the table holds): answered from the dictionaries.
        let wide = WorkCalendar(holidays: [Self.day("1900-01-01"): "a", Self.day("2100-01-01"): "b"],
                                workdays: [Self.day("2026-10-10"): "调休"])
        let empty = WorkCalendar(weekend: [.friday])
        for calendar in [c, wide, empty] {
            var d = Self.day("2026-09-01")
            while d <= Self.day("2027-01-31") {
                #expect(calendar.isWorkingDay(d) == Self.rule(calendar, d), "\(d)")
                d = d.adding(days: 1)
            }
        }
        #expect(!wide.isWorkingDay(Self.day("2100-01-01")))
        #expect(wide.isWorkingDay(Self.day("2026-10-10")))
    }
}
