import Testing

@testable import HuifangCore

/// `check`'s calendar coverage of the open work, made without the schedule
/// (`uncoveredYears(openOn:records:)`), names exactly the years that the schedule's open items
/// give (`uncoveredYears(openOn:records:schedule:)`), whatever the as-of day, the records'
/// order and the policy.
@Suite struct OpenWorkCoverageTests {
    static func d(_ s: String) -> Day { Day(s)! }

    /// A calendar with data for 2010–2012 and 2014–2016 only: 2013 and 2017 on are uncovered, in
    /// the middle and at the end.
    static let calendar: WorkCalendar = {
        var holidays: [Day: String] = [:]
        for y in [2010, 2011, 2012, 2014, 2015, 2016] {
            for d in 1...3 { holidays[Day(year: y, month: 1, day: d)!] = "元旦" }
            for d in 1...7 { holidays[Day(year: y, month: 10, day: d)!] = "国庆节" }
        }
        return WorkCalendar(holidays: holidays)
    }()

    /// Deterministic records: projects accepted 2009–2016 (some never, some retired), visits
    /// every few months with gaps, events by tag and by project, customer issues (some raised
    /// before acceptance), in the loader's order (projects, visits and issues by project id).
    static func records(seed: UInt64, policy: Policy = Policy()) -> Records {
        var g = SplitMix(seed)
        var projects: [Project] = []
        var visits: [Visit] = []
        var issues: [HuifangCore.Issue] = []
        let tags = ["erp", "mes", "wms"]
        for p in 0..<40 {
            let id = ProjectID("p\(String(1000 + p))-\(tags[p % 3])")!
            let accepted = p % 13 == 5 ? nil : Day(year: 2009 + g.next(8), month: 1 + g.next(12), day: 1 + g.next(28))
            let retired = p % 7 == 3 ? Retirement(date: Day(year: 2013 + g.next(5), month: 1 + g.next(12), day: 1 + g.next(28))!, reason: "r") : nil
            projects.append(Project(id: id, name: "n", customer: Customer(name: "c"), department: "east", owner: "张伟",
                                    tier: [.key, .standard, .basic][p % 3], accepted: accepted, tags: [tags[p % 3]], retired: retired,
                                    location: SourceLocation(path: "projects/\(id)/project.yaml")))
            var day = accepted ?? Day(year: 2012, month: 3, day: 1)!
            var made: [Visit] = []
            for k in 0..<g.next(12) {
                day = day.adding(days: 20 + g.next(200))
                made.append(Visit(id: VisitID("v-\(String(p, radix: 36))x\(String(k, radix: 36))aa")!, project: id, date: day,
                                  kind: k == 0 ? .first : (g.next(9) == 0 ? .special : .periodic), method: .phone, visitor: "张伟",
                                  summary: "s", location: SourceLocation(path: "projects/\(id)/visits/\(day)-v.yaml")))
            }
            visits += made.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
            for k in 0..<g.next(5) {
                let raised = (accepted ?? Day(year: 2012, month: 1, day: 1)!).adding(days: g.next(2400) - 200)
                issues.append(HuifangCore.Issue(id: IssueID("i-\(String(p, radix: 36))x\(String(k, radix: 36))bb")!, project: id, title: "t",
                                                raised: raised, source: [.customer, .complaint, .visit][g.next(3)], category: .technical,
                                                severity: .general, owner: "张伟", department: "east", due: raised.adding(days: 10 + g.next(300)),
                                                status: g.next(3) == 0 ? .open : .closed,
                                                location: SourceLocation(path: "projects/\(id)/issues/i.yaml")))
            }
        }
        let events = (0..<6).map { k in
            Event(id: "e\(k)", date: Day(year: 2011 + k, month: 4, day: 15)!, kind: .upgrade, title: "u",
                  projects: k % 2 == 0 ? [projects[k * 5].id] : [], tags: k % 2 == 1 ? [tags[k % 3]] : [],
                  location: SourceLocation(path: "events/e\(k).yaml"))
        }
        var config = Config()
        config.policy = policy
        return Records(config: config, calendar: calendar, projects: projects, visits: visits, issues: issues, events: events)
    }

    /// Every month's first day from 2008 to 2019, against the schedule's open items.
    static func expectSameYears(_ r: Records, _ what: String) {
        let schedule = Schedule(r)
        for year in 2008...2019 {
            for month in 1...12 {
                let today = Day(year: year, month: month, day: 1)!
                let made = r.calendar.uncoveredYears(openOn: today, records: r, schedule: schedule)
                let kept = r.calendar.uncoveredYears(openOn: today, records: r)
                #expect(kept == made, "\(what) as of \(today)")
            }
        }
    }

    @Test func theSameYearsAsTheScheduleGives() {
        for seed: UInt64 in 1...4 { Self.expectSameYears(Self.records(seed: seed), "seed \(seed)") }
        // Working-day durations and a long periodic cycle reach further than the default policy.
        var policy = Policy()
        policy.firstVisitWithin = Duration(40, .workingDays)
        policy.periodicEvery = [.key: Duration(1, .years), .standard: Duration(20, .workingDays)]
        policy.customerRequestWithin = Duration(2, .months)
        for seed: UInt64 in 5...6 { Self.expectSameYears(Self.records(seed: seed, policy: policy), "seed \(seed), long policy") }
    }

    /// Visits and issues out of project order (records made by hand, not by the loader) are
    /// found by id: the same years.
    @Test func recordsOutOfProjectOrderGiveTheSameYears() {
        var r = Self.records(seed: 7)
        r.visits.reverse()
        r.issues.reverse()
        Self.expectSameYears(r, "reversed")
        var shuffled = Self.records(seed: 8)
        shuffled.projects.swapAt(3, 30)
        shuffled.issues = shuffled.issues.enumerated().sorted { ($0.offset * 7919) % 101 < ($1.offset * 7919) % 101 }.map(\.element)
        Self.expectSameYears(shuffled, "shuffled")
    }

    /// The years found before every project is made are the ones the whole schedule gives: the
    /// open items of the first project reach 2017, a later one's reach 2013.
    @Test func stopsOnlyOnceEveryReachableYearIsFound() {
        let a = ScheduleTests.project("a-erp", accepted: "2016-12-20")
        let b = ScheduleTests.project("b-erp", accepted: "2013-03-01")
        let visit = Visit(id: VisitID("v-0000bbbb")!, project: b.id, date: Self.d("2013-10-01"), kind: .first, method: .phone,
                          visitor: "张伟", summary: "s", location: SourceLocation(path: "v"))
        let r = Records(config: Config(), calendar: Self.calendar, projects: [a, b], visits: [visit])
        // As of 2016-12-31: a's first visit is due 2017-01-20, b's periodic one 2014-01-01.
        #expect(r.calendar.uncoveredYears(openOn: Self.d("2016-12-31"), records: r) == [2017])
        // As of 2013-12-01: a is not accepted yet; b's periodic visit falls due in 2014 (covered).
        #expect(r.calendar.uncoveredYears(openOn: Self.d("2013-12-01"), records: r) == [2013])
        var late = r
        late.visits[0].date = Self.d("2012-12-01")
        late.projects[1].accepted = Self.d("2012-11-01")
        // b visited 2012-12-01 (periodic due 2013-03-01, open), a's first visit due 2017: both found.
        #expect(late.calendar.uncoveredYears(openOn: Self.d("2016-12-31"), records: late) == [2013, 2017])
        #expect(late.calendar.uncoveredYears(openOn: Self.d("2016-12-31"), records: late, schedule: Schedule(late)) == [2013, 2017])
    }
}

/// A small deterministic generator (SplitMix64) for the records above.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(max(1, bound)))
    }
}
