import Testing

@testable import HuifangCore

/// Which years a calendar covers, and which uncovered years a computation reached.
@Suite struct CalendarCoverageTests {
    static func d(_ s: String) -> Day { Day(s)! }

    /// The 2026 calendar of the arithmetic tests: it ends with 2026.
    static var cn2026: WorkCalendar { CalendarArithmeticTests.cn2026WithFreshLog }

    @Test func aYearIsCoveredByAnEntryOrByDeclaringIt() {
        let c = WorkCalendar(holidays: [Self.d("2026-10-01"): "国庆节"], workdays: [Self.d("2027-02-20"): "春节"], declaredYears: [2030])
        #expect(c.coveredYears == [2026, 2027, 2030])
        #expect(c.uncoveredYears(between: Self.d("2025-06-01"), and: Self.d("2031-01-01")) == [2025, 2028, 2029, 2031])
        #expect(WorkCalendar().coveredYears.isEmpty)
    }

    @Test func workingDayArithmeticNotesTheUncoveredYearsItReaches() {
        let c = Self.cn2026
        // Within 2026: nothing to say.
        #expect(c.addingWorkingDays(10, to: Self.d("2026-09-23")) == Self.d("2026-10-14"))
        #expect(c.workingDays(after: Self.d("2026-09-23"), through: Self.d("2026-10-14")) == 10)
        #expect(c.adding(Duration(3, .months), to: Self.d("2026-11-15")) == Self.d("2027-02-15"), "calendar months need no calendar")
        #expect(c.adding(Duration(0, .workingDays), to: Self.d("2027-06-01")) == Self.d("2027-06-01"), "nothing counted")
        #expect(c.reachedUncoveredYears.isEmpty)
        // 2026-12-28 + 10wd runs into 2027, which no file covers: Monday to Friday, and noted.
        #expect(c.addingWorkingDays(10, to: Self.d("2026-12-28")) == Self.d("2027-01-11"))
        #expect(c.reachedUncoveredYears == [2027])
        // Copies share what was noted (the schedule computes on copies, on several threads).
        let copy = c
        _ = copy.workingDays(after: Self.d("2028-12-01"), through: Self.d("2029-01-05"))
        #expect(c.reachedUncoveredYears == [2027, 2028, 2029])
    }

    @Test func aDeclaredYearIsQuiet() {
        var holidays = CalendarArithmeticTests.cn2026.holidays
        holidays[Self.d("2027-01-01")] = "元旦"
        let c = WorkCalendar(holidays: holidays, workdays: CalendarArithmeticTests.cn2026.workdays, declaredYears: [2027])
        #expect(c.addingWorkingDays(10, to: Self.d("2026-12-28")) == Self.d("2027-01-12"))
        #expect(c.reachedUncoveredYears.isEmpty)
        // Not declared, one holiday against 2026's many looks incomplete (DoubtfulYear): noted.
        let typed = WorkCalendar(holidays: holidays, workdays: CalendarArithmeticTests.cn2026.workdays)
        #expect(typed.addingWorkingDays(10, to: Self.d("2026-12-28")) == Self.d("2027-01-12"))
        #expect(typed.reachedUncoveredYears == [2027])
        let declared = WorkCalendar(declaredYears: [2027])
        _ = declared.addingWorkingDays(3, to: Self.d("2027-03-01"))
        #expect(declared.reachedUncoveredYears.isEmpty)
    }

    @Test func noteReachedSpansEveryYearBetween() {
        let c = Self.cn2026
        c.noteReached(from: Self.d("2026-01-01"), through: Self.d("2026-12-31"))
        #expect(c.reachedUncoveredYears.isEmpty)
        c.noteReached(from: Self.d("2025-12-31"), through: Self.d("2028-01-01"))
        #expect(c.reachedUncoveredYears == [2025, 2027, 2028])
        c.noteReached(from: Self.d("2030-01-02"), through: Self.d("2030-01-01"))
        #expect(c.reachedUncoveredYears == [2025, 2027, 2028], "an empty span reaches nothing")
    }

    static func project(_ id: String) -> Project {
        Project(id: ProjectID(id)!, name: id, customer: Customer(name: "c"), department: "east", owner: "张伟", tier: .standard,
                accepted: d("2026-01-15"), location: SourceLocation(path: "projects/\(id)/project.yaml"))
    }

    static func issue(_ id: String, raised: String, due: String, status: IssueStatus = .open) -> HuifangCore.Issue {
        HuifangCore.Issue(id: IssueID(id)!, project: ProjectID("acme-erp")!, title: "t", raised: d(raised), source: .customer,
                          category: .technical, severity: .general, owner: "张伟", department: "east", due: d(due), status: status,
                          location: SourceLocation(path: "projects/acme-erp/issues/\(id).yaml"))
    }

    @Test func openWorkInAnUncoveredYear() {
        let cal = Self.cn2026
        var r = Records(config: Config(), calendar: cal, projects: [Self.project("acme-erp")])
        // The first visit, due 2026-02-15, is open (never made): covered.
        #expect(cal.uncoveredYears(openOn: Self.d("2026-11-24"), records: r, schedule: Schedule(r)).isEmpty)
        // An open issue due in 2027 (and its customer-request visit in 2026) makes 2027 a concern; a closed one would not.
        r.issues = [Self.issue("i-0000aaaa", raised: "2026-12-28", due: "2027-01-11")]
        #expect(cal.uncoveredYears(openOn: Self.d("2026-12-28"), records: r, schedule: Schedule(r)) == [2027])
        #expect(cal.uncoveredYears(openOn: Self.d("2026-12-27"), records: r, schedule: Schedule(r)).isEmpty, "not raised yet")
        r.issues = [Self.issue("i-0000aaaa", raised: "2026-12-28", due: "2027-01-11", status: .closed)]
        #expect(cal.uncoveredYears(openOn: Self.d("2026-12-28"), records: r, schedule: Schedule(r)).isEmpty)
        // Today's own year.
        #expect(cal.uncoveredYears(openOn: Self.d("2027-01-05"), records: r, schedule: Schedule(r)) == [2027])
    }

    @Test func anOpenVisitDueInAnUncoveredYear() {
        let cal = Self.cn2026
        var late = Self.project("late-one")
        late.accepted = Self.d("2026-12-10")
        let r = Records(config: Config(), calendar: cal, projects: [late])
        // Its first visit is due a month after acceptance, 2027-01-10: an open item in 2027.
        #expect(cal.uncoveredYears(openOn: Self.d("2026-12-20"), records: r, schedule: Schedule(r)) == [2027])
        // Before the acceptance there is no open item; and in the summer nothing open can reach 2027,
        // so the schedule is not even computed.
        #expect(cal.uncoveredYears(openOn: Self.d("2026-12-01"), records: r, schedule: Schedule(r)).isEmpty)
        var asked = false
        let early = Records(config: Config(), calendar: cal, projects: [Self.project("acme-erp")])
        #expect(cal.uncoveredYears(openOn: Self.d("2026-05-01"), records: early, schedule: { asked = true; return Schedule(early) }()).isEmpty)
        #expect(!asked)
    }

    @Test func theYearsAReportDependsOn() {
        let cal = Self.cn2026
        var r = Records(config: Config(), calendar: cal, projects: [Self.project("acme-erp")])
        // A customer issue raised 2026-12-29: its visit is due 3wd later, in 2027.
        r.issues = [Self.issue("i-0000aaaa", raised: "2026-12-29", due: "2027-01-12")]
        let schedule = Schedule(r)
        #expect(schedule.uncoveredYears == [2027])
        #expect(cal.uncoveredYears(reachedBy: Period("2026Q4")!, schedule: schedule) == [2027], "its item overlaps the quarter")
        #expect(cal.uncoveredYears(reachedBy: Period("2026Q3")!, schedule: schedule).isEmpty)
        #expect(cal.uncoveredYears(reachedBy: Period("2027")!, schedule: schedule) == [2027], "the period's own year")
        #expect(cal.uncoveredYears(reachedBy: Period(start: Self.d("2025-12-01"), end: Self.d("2026-01-31")), schedule: schedule) == [2025])
    }
}
