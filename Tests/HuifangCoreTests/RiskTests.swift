import Testing

@testable import HuifangCore

/// Issue 19: a risk's score, its review schedule, the matrix and the customer health rule.
@Suite struct RiskTests {
    static func day(_ s: String) -> Day { Day(s)! }

    static func risk(_ id: String = "r-0000aaaa", project: String = "acme-erp", p: Int, i: Int, raised: String = "2026-11-02",
                     every: Duration? = nil, status: RiskStatus = .open, history: [RiskHistoryEntry]? = nil) -> Risk {
        Risk(id: RiskID(id)!, project: ProjectID(project)!, title: "t", category: .technical, probability: p, impact: i,
             response: .mitigate, plan: "p", owner: "o", raised: day(raised), reviewEvery: every, status: status,
             history: history ?? [RiskHistoryEntry(at: day(raised), action: "opened")], location: SourceLocation(path: "x"))
    }

    @Test func theScoreIsProbabilityTimesImpact() {
        #expect(Self.risk(p: 1, i: 1).score == 1)
        #expect(Self.risk(p: 3, i: 5).score == 15)
        #expect(Self.risk(p: 5, i: 5).score == 25)
        #expect(Risk.score(probability: 4, impact: 2) == 8)
    }

    @Test func aRiskIsHighFromThePolicyThresholdWhileOpen() {
        var policy = Policy()
        #expect(policy.riskHighAt == 15)
        #expect(Self.risk(p: 3, i: 5).isHigh(policy))
        #expect(!Self.risk(p: 2, i: 5).isHigh(policy))  // 10
        #expect(!Self.risk(p: 4, i: 4, status: .closed).isHigh(policy))
        policy.riskHighAt = 20
        #expect(!Self.risk(p: 3, i: 5).isHigh(policy) && Self.risk(p: 4, i: 5).isHigh(policy))
    }

    @Test func theNextReviewIsTheLastReviewPlusThePeriod() {
        let cal = WorkCalendar()
        let policy = Policy()
        // Default: one calendar month after it was raised.
        #expect(Self.risk(p: 2, i: 2).nextReview(policy, calendar: cal) == Self.day("2026-12-02"))
        // Its own period.
        #expect(Self.risk(p: 2, i: 2, every: Duration(2, .weeks)).nextReview(policy, calendar: cal) == Self.day("2026-11-16"))
        // Every update is a review: counted from the last history line.
        let reviewed = Self.risk(p: 2, i: 2, every: Duration(2, .weeks), history: [
            RiskHistoryEntry(at: Self.day("2026-11-02"), action: "opened"),
            RiskHistoryEntry(at: Self.day("2026-11-20"), action: "updated", note: "ok"),
        ])
        #expect(reviewed.lastReviewed == Self.day("2026-11-20"))
        #expect(reviewed.nextReview(policy, calendar: cal) == Self.day("2026-12-04"))
        // Month ends: 31 January plus a month is the end of February.
        #expect(Self.risk(p: 2, i: 2, raised: "2026-01-31").nextReview(policy, calendar: cal) == Self.day("2026-02-28"))
        // Closed: no review.
        #expect(Self.risk(p: 2, i: 2, status: .closed).nextReview(policy, calendar: cal) == nil)
        // The policy's period.
        var weekly = policy
        weekly.riskReviewEvery = Duration(1, .weeks)
        #expect(Self.risk(p: 2, i: 2).nextReview(weekly, calendar: cal) == Self.day("2026-11-09"))
    }

    @Test func reviewsDueAndHighRisksAreListedInOrder() {
        var r = Records(config: Config(), calendar: WorkCalendar())
        r.risks = [
            Self.risk("r-0000aaaa", p: 5, i: 3, raised: "2026-10-01"),  // review 2026-11-01, high 15
            Self.risk("r-0000bbbb", project: "beta", p: 5, i: 5, raised: "2026-10-20"),  // review 2026-11-20, high 25
            Self.risk("r-0000cccc", p: 1, i: 1, raised: "2026-09-15"),  // review 2026-10-15
            Self.risk("r-0000dddd", p: 5, i: 5, raised: "2026-09-01", status: .closed),
        ]
        #expect(r.risksToReview(by: Self.day("2026-11-02")).map(\.risk.id.rawValue) == ["r-0000cccc", "r-0000aaaa"])
        #expect(r.risksToReview(by: Self.day("2026-11-02")).map(\.due) == [Self.day("2026-10-15"), Self.day("2026-11-01")])
        #expect(r.highRisks().map(\.id.rawValue) == ["r-0000bbbb", "r-0000aaaa"])
        #expect(r.highRisks(of: ProjectID("acme-erp")!).map(\.id.rawValue) == ["r-0000aaaa"])
    }

    @Test func reviewsAreOnTheAgendaUntilTheProjectRetires() {
        var r = Records(config: Config(), calendar: WorkCalendar())
        func project(_ id: String, retired: String?) -> Project {
            Project(id: ProjectID(id)!, name: id, customer: Customer(name: "c"), department: "east", owner: "o", tier: .standard,
                    accepted: nil, retired: retired.map { Retirement(date: Day($0)!, reason: "r") }, location: SourceLocation(path: id))
        }
        r.projects = [project("acme-erp", retired: nil), project("beta", retired: "2026-11-30")]
        r.risks = [Self.risk("r-0000aaaa", p: 2, i: 2, raised: "2026-10-01"), Self.risk("r-0000bbbb", project: "beta", p: 2, i: 2, raised: "2026-10-01"),
                   Self.risk("r-0000cccc", project: "beta", p: 2, i: 2, raised: "2026-10-30"),
                   Self.risk("r-0000dddd", project: "beta", p: 2, i: 2, raised: "2026-11-01")]
        let entries = Agenda.entries(r, schedule: Schedule(items: []), today: Self.day("2026-12-15"), until: nil)
        // beta retires on 2026-11-30: a review due that day (raised 10-30) stays, one due 12-01 (raised 11-01) does not.
        #expect(entries.map(\.key) == ["risk-r-0000aaaa", "risk-r-0000bbbb", "risk-r-0000cccc"])
        #expect(entries.first { $0.key == "risk-r-0000aaaa" }?.due == Self.day("2026-11-01") && entries.allSatisfy { $0.department == "east" })
        #expect(entries.first { $0.key == "risk-r-0000bbbb" }?.daysOverdue == 44)
    }

    @Test func theMatrixCountsOpenRisksByProbabilityAndImpact() {
        let m = RiskMatrix([Self.risk(p: 5, i: 3), Self.risk(p: 5, i: 3), Self.risk(p: 1, i: 4), Self.risk(p: 2, i: 2, status: .closed)])
        #expect(m.counts[4][2] == 2 && m.counts[0][3] == 1 && m.counts[1][1] == 0)
        #expect(m.total == 3)
    }

    @Test func categoriesAreReadAsCodesOrInChinese() {
        #expect(RiskCategory(word: "技术") == .technical && RiskCategory(word: "进度") == .schedule)
        #expect(RiskCategory(word: "cost") == .cost && RiskCategory(word: "客户") == .customer && RiskCategory(word: "资源") == .resource)
        #expect(RiskCategory(word: "Technical") == nil && RiskCategory(word: "") == nil)
    }
}

/// The customer health rule, on cases worked by hand (docs/HEALTH.md).
@Suite struct CustomerHealthTests {
    typealias H = CustomerHealth

    static func level(_ s: [H.Signal]) -> H.Level { H(project: ProjectID("p")!, customer: "c", signals: s).level }

    @Test func noSignalIsHealthyOneIsWatchTwoAreAtRisk() {
        // Scores 4, 5, 4.5: the last (4.5) is satisfied and 0.5 below the one before: no signal.
        let calm = H.signals(scores: [4, 5, 4.5], satisfiedAt: 4, openMajorIssues: 0, overdueVisits: 0, highRisks: 0)
        #expect(calm.isEmpty && Self.level(calm) == .healthy)
        // 5 then 4: satisfied, but one point lower: falling (one signal, watch).
        let falling = H.signals(scores: [5, 4], satisfiedAt: 4, openMajorIssues: 0, overdueVisits: 0, highRisks: 0)
        #expect(falling == [.falling(from: 5, to: 4)] && Self.level(falling) == .watch)
        // 5 then 3: below satisfied; said once, as dissatisfied (not also falling); plus a high risk: at risk.
        let low = H.signals(scores: [5, 3], satisfiedAt: 4, openMajorIssues: 0, overdueVisits: 0, highRisks: 1)
        #expect(low == [.dissatisfied(last: 3), .highRisks(1)] && Self.level(low) == .atRisk)
        // No scored visit: satisfaction says nothing; an open major issue and two overdue visits.
        let busy = H.signals(scores: [], satisfiedAt: 4, openMajorIssues: 1, overdueVisits: 2, highRisks: 0)
        #expect(busy == [.majorIssues(1), .overdueVisits(2)] && Self.level(busy) == .atRisk)
        // One score only: no trend, 4 is satisfied.
        #expect(H.signals(scores: [4], satisfiedAt: 4, openMajorIssues: 0, overdueVisits: 0, highRisks: 0).isEmpty)
        // All four.
        let all = H.signals(scores: [3.5], satisfiedAt: 4, openMajorIssues: 2, overdueVisits: 1, highRisks: 3)
        #expect(all.count == 4 && all.map(\.code) == ["dissatisfied", "open_major_issues", "overdue_visits", "high_risks"])
    }

    @Test func theRecordsGiveEachActiveProjectItsSignals() {
        var r = Records(config: Config(), calendar: WorkCalendar())
        func project(_ id: String, retired: Bool = false) -> Project {
            Project(id: ProjectID(id)!, name: id, customer: Customer(name: "客户 " + id), department: "east", owner: "o", tier: .standard,
                    accepted: nil, retired: retired ? Retirement(date: Day("2026-01-01")!, reason: "r") : nil, location: SourceLocation(path: id))
        }
        r.projects = [project("a"), project("b"), project("c", retired: true)]
        func visit(_ id: String, _ p: String, _ date: String, _ overall: Int) -> Visit {
            Visit(id: VisitID(id)!, project: ProjectID(p)!, date: Day(date)!, kind: .periodic, method: .phone, visitor: "v", summary: "s",
                  overall: overall, location: SourceLocation(path: id))
        }
        r.visits = [visit("v-0000aaa1", "a", "2026-09-01", 5), visit("v-0000aaa2", "a", "2026-10-01", 4),
                    visit("v-0000aaa3", "a", "2026-12-01", 1)]  // after today: not counted
        r.risks = [RiskTests.risk(project: "a", p: 4, i: 4), RiskTests.risk("r-0000bbbb", project: "b", p: 2, i: 2)]
        let health = CustomerHealth.all(r, schedule: Schedule(items: []), on: Day("2026-11-15")!)
        #expect(health.map(\.project.rawValue) == ["a", "b"])
        #expect(health[0].signals == [.falling(from: 5, to: 4), .highRisks(1)] && health[0].level == .atRisk)
        #expect(health[1].signals.isEmpty && health[1].level == .healthy)
        #expect(health[0].customer == "客户 a")
    }
}
