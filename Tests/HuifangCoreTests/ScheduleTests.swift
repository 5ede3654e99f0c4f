import Testing

@testable import HuifangCore

/// The schedule rules of docs/RULES.md with hand-worked dates.
@Suite struct ScheduleTests {
    static func day(_ s: String) -> Day { Day(s)! }

    /// 2026 Spring Festival and National Day as in calendars/cn.yaml.
    static let calendar: WorkCalendar = {
        var holidays: [Day: String] = [:]
        for d in 15...23 { holidays[Day(year: 2026, month: 2, day: d)!] = "春节" }
        for d in 25...27 { holidays[Day(year: 2026, month: 9, day: d)!] = "中秋节" }
        for d in 1...7 { holidays[Day(year: 2026, month: 10, day: d)!] = "国庆节" }
        let workdays: [Day: String] = [day("2026-02-14"): "春节", day("2026-02-28"): "春节", day("2026-09-20"): "国庆节", day("2026-10-10"): "国庆节"]
        return WorkCalendar(holidays: holidays, workdays: workdays)
    }()

    static func project(_ id: String, tier: Tier = .standard, accepted: String? = "2026-01-15", tags: [String] = []) -> Project {
        Project(id: ProjectID(id)!, name: id, customer: Customer(name: "c"), department: "east", owner: "张伟", tier: tier,
                accepted: accepted.map(day), tags: tags, location: SourceLocation(path: "projects/\(id)/project.yaml"))
    }

    static func visit(_ id: String, _ project: String, _ date: String, kind: VisitKind = .periodic, event: String? = nil) -> Visit {
        Visit(id: VisitID(id)!, project: ProjectID(project)!, date: day(date), kind: kind, method: .phone, visitor: "张伟",
              event: event, summary: "s", location: SourceLocation(path: "v"))
    }

    static func records(_ projects: [Project], _ visits: [Visit], events: [Event] = [], issues: [HuifangCore.Issue] = []) -> Records {
        Records(config: Config(), calendar: calendar, projects: projects, visits: visits, issues: issues, events: events)
    }

    @Test func firstVisitIsDueOneMonthAfterAcceptanceClampedToTheMonthEnd() {
        let r = Self.records([Self.project("a", accepted: "2026-01-31")], [])
        let s = Schedule(r)
        #expect(s.items.count == 1)
        #expect(s.items[0].kind == .first)
        #expect(s.items[0].due == Self.day("2026-02-28"))
        #expect(s.items[0].isOverdue(on: Self.day("2026-03-01")))
        #expect(!s.items[0].isOverdue(on: Self.day("2026-02-28")), "due on the day is not overdue yet")
    }

    @Test func periodicItemsFollowEveryVisitAndAreSatisfiedByTheNext() {
        let r = Self.records([Self.project("a")], [
            Self.visit("v-0001", "a", "2026-02-10", kind: .first), Self.visit("v-0002", "a", "2026-04-01"),
            Self.visit("v-0003", "a", "2026-08-20"),
        ])
        let s = Schedule(r)
        let periodic = s.items.filter { $0.kind == .periodic }
        #expect(periodic.map(\.due) == [Self.day("2026-05-10"), Self.day("2026-07-01"), Self.day("2026-11-20")])
        #expect(periodic.map(\.satisfiedBy?.rawValue) == ["v-0002", "v-0003", nil])
        // The item due 07-01 was satisfied only on 08-20: overdue in between, not after.
        let late = periodic[1]
        #expect(late.isOverdue(on: Self.day("2026-07-02")))
        #expect(late.isOverdue(on: Self.day("2026-08-19")))
        #expect(!late.isOverdue(on: Self.day("2026-08-20")))
        // An early visit (04-01 for an item due 05-10) satisfies it and starts the next cycle.
        #expect(periodic[0].satisfiedOn == Self.day("2026-04-01"))
        #expect(s.overdue(on: Self.day("2026-11-24")).map(\.due) == [Self.day("2026-11-20")])
    }

    @Test func theScheduleAsItStoodOnAPastDay() {
        let r = Self.records([Self.project("a")], [
            Self.visit("v-0001", "a", "2026-02-10", kind: .first), Self.visit("v-0002", "a", "2026-08-20"),
        ])
        let s = Schedule(r)
        // On 2026-06-30 the periodic item after the first visit (due 05-10) was open and overdue;
        // the item after the 08-20 visit did not exist yet.
        #expect(s.open(on: Self.day("2026-06-30")).map(\.due) == [Self.day("2026-05-10")])
        #expect(s.overdue(on: Self.day("2026-06-30")).count == 1)
        #expect(s.overdue(on: Self.day("2026-09-01")).isEmpty)
    }

    @Test func tiersSetTheCadence() {
        let r = Self.records([Self.project("k", tier: .key), Self.project("b", tier: .basic)], [
            Self.visit("v-0001", "k", "2026-03-31"), Self.visit("v-0002", "b", "2026-03-31"),
        ])
        let due = Dictionary(Schedule(r).items.filter { $0.kind == .periodic }.map { ($0.project.rawValue, $0.due) }, uniquingKeysWith: { a, _ in a })
        #expect(due["k"] == Self.day("2026-04-30"))
        #expect(due["b"] == Self.day("2026-09-30"))
    }

    @Test func stageVisitsBeforeAcceptanceTakeNoPart() {
        let r = Self.records([Self.project("a", accepted: "2026-03-01")], [Self.visit("v-0001", "a", "2026-02-01", kind: .stage)])
        let s = Schedule(r)
        #expect(s.items.count == 1)
        #expect(s.items[0].kind == .first)
        #expect(s.items[0].satisfiedBy == nil)
        #expect(Schedule(Self.records([Self.project("n", accepted: nil)], [])).items.isEmpty, "no acceptance, no schedule")
    }

    @Test func specialVisitIsDueTenWorkingDaysAfterAnEventOverNationalDay() {
        let event = Event(id: "2026-09-28-upgrade", date: Self.day("2026-09-28"), kind: .upgrade, title: "V3", tags: ["erp"],
                          location: SourceLocation(path: "e"))
        let r = Self.records([Self.project("a", tags: ["erp"]), Self.project("b", tags: ["mes"])], [
            Self.visit("v-0001", "a", "2026-10-12", kind: .periodic),
            Self.visit("v-0002", "a", "2026-10-14", kind: .special, event: "2026-09-28-upgrade"),
        ], events: [event])
        let special = Schedule(r).items.filter { $0.kind == .special }
        #expect(special.count == 1, "only the project with the tag")
        // 10 wd after Mon 09-28: 29, 30, 10-08, 09, 10 (make-up Sat), 12, 13, 14, 15, 16.
        #expect(special[0].due == Self.day("2026-10-16"))
        #expect(special[0].satisfiedBy?.rawValue == "v-0002", "the periodic visit of 10-12 does not name the event")
    }

    @Test func customerRequestVisitIsDueThreeWorkingDaysAfterTheIssue() {
        let issue = HuifangCore.Issue(id: IssueID("i-0001")!, project: ProjectID("a")!, title: "t", raised: Self.day("2026-02-12"), source: .complaint,
                          category: .service, severity: .minor, owner: "o", department: "east", due: Self.day("2026-02-26"), status: .open,
                          location: SourceLocation(path: "i"))
        let r = Self.records([Self.project("a")], [Self.visit("v-0001", "a", "2026-02-27")], issues: [issue])
        let item = Schedule(r).items.first { $0.kind == .customerRequest }
        // 3 wd after Thu 02-12: 13 (Fri), 14 (make-up Sat), then Spring Festival to 02-23, 24 (Tue).
        #expect(item?.due == Self.day("2026-02-24"))
        #expect(item?.satisfiedOn == Self.day("2026-02-27"))
        #expect(item?.isOverdue(on: Self.day("2026-02-25")) == true)
    }

    @Test func aYearWithoutCalendarIsReported() {
        let issue = HuifangCore.Issue(id: IssueID("i-0001")!, project: ProjectID("a")!, title: "t", raised: Self.day("2027-03-01"), source: .customer,
                          category: .service, severity: .minor, owner: "o", department: "east", due: Self.day("2027-03-04"), status: .open,
                          location: SourceLocation(path: "i"))
        let r = Self.records([Self.project("a")], [], issues: [issue])
        let s = Schedule(r)
        #expect(s.uncoveredYears == [2027])
        // Weekday rule: 3 wd after Mon 2027-03-01 is Thu 03-04.
        #expect(s.items.first { $0.kind == .customerRequest }?.due == Self.day("2027-03-04"))
    }

    @Test func projectionContinuesTheCadenceFromToday() {
        let r = Self.records([Self.project("a", tier: .standard)], [Self.visit("v-0001", "a", "2026-05-20")])
        let s = Schedule(r)
        let projected = s.projected(through: Self.day("2027-12-31"), today: Self.day("2026-11-24"), r).filter(\.projected)
        // The item due 08-20 is overdue on 11-24: assumed met today, then every 3 months.
        #expect(projected.map(\.due) == ["2027-02-24", "2027-05-24", "2027-08-24", "2027-11-24"].map(Self.day))
    }

    /// `check`'s calendar coverage builds only the items open on its day: exactly the open items
    /// of the whole schedule, in the same order, on every day of the history.
    @Test func theOpenItemsAloneAreThoseOfTheWholeSchedule() {
        let event = Event(id: "2026-09-28-upgrade", date: Self.day("2026-09-28"), kind: .upgrade, title: "V3", tags: ["erp"],
                          location: SourceLocation(path: "e"))
        let issue = HuifangCore.Issue(id: IssueID("i-0001")!, project: ProjectID("a")!, title: "t", raised: Self.day("2026-05-12"),
                                      source: .complaint, category: .service, severity: .minor, owner: "o", department: "east",
                                      due: Self.day("2026-05-26"), status: .open, location: SourceLocation(path: "i"))
        var retired = Self.project("c", tier: .key, accepted: "2026-02-01")
        retired.retired = Retirement(date: Self.day("2026-08-31"), reason: "r")
        let r = Self.records([Self.project("a", tags: ["erp"]), Self.project("b", accepted: "2026-03-03"), retired], [
            Self.visit("v-0001", "a", "2026-02-10"), Self.visit("v-0002", "a", "2026-05-20"),
            Self.visit("v-0003", "a", "2026-10-14", kind: .special, event: "2026-09-28-upgrade"),
            Self.visit("v-0004", "b", "2026-06-30"), Self.visit("v-0005", "c", "2026-03-01"), Self.visit("v-0006", "c", "2026-06-01"),
        ], events: [event], issues: [issue])
        let whole = Schedule(r)
        var t = Self.day("2026-01-01")
        while t <= Self.day("2027-03-31") {
            #expect(Schedule(openOn: t, r).items == whole.open(on: t), "on \(t)")
            t = t.adding(days: 6)
        }
    }
}
