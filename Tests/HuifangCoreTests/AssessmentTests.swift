import Testing

@testable import HuifangCore

/// The scoring rules of the assessment (docs/KPIS.md, "Assessment") with hand-worked numbers.
@Suite struct AssessmentScoreTests {
    // Completion: target 95%, floor 60% → linear over 35 points.
    let completion = IndicatorRule(.visitPlanCompletion, target: 0.95, floor: 0.60, weight: 30)

    @Test func atTargetAndAboveIsFullMarks() {
        #expect(completion.score(0.95) == 100)
        #expect(completion.score(1.0) == 100)
        #expect(completion.met(0.95))
    }

    @Test func justBelowTargetIsLinear() {
        // (0.90 − 0.60) / (0.95 − 0.60) = 0.30 / 0.35 = 85.714…
        #expect(abs(completion.score(0.90) - 85.714_285) < 1e-4)
        // (0.775 − 0.60) / 0.35 = 0.5 exactly halfway.
        #expect(abs(completion.score(0.775) - 50) < 1e-9)
        #expect(!completion.met(0.9499))
    }

    @Test func atAndBelowTheFloorIsZero() {
        #expect(completion.score(0.60) == 0)
        #expect(completion.score(0.30) == 0)
    }

    @Test func defaultFloorOfARateIsZeroSoTheScoreIsProportional() {
        let r = IndicatorRule(.satisfactionIndex, weight: 25)
        #expect(r.target == 0.90 && r.floor == 0)
        // 72% of a 90% target: 80 points.
        #expect(abs(r.score(0.72) - 80) < 1e-9)
    }

    @Test func lowerIsBetterOverdueVisits() {
        // Target 2, floor 10: 2 or fewer full marks, 6 is halfway, 10 or more zero.
        let r = IndicatorRule(.overdueVisits, target: 2, floor: 10, weight: 10)
        #expect(r.indicator.lowerIsBetter)
        #expect(r.score(0) == 100 && r.score(2) == 100)
        #expect(r.score(6) == 50)
        #expect(r.score(3) == 87.5)
        #expect(r.score(10) == 0 && r.score(25) == 0)
        #expect(r.met(2) && !r.met(3))
    }

    @Test func lowerIsBetterReopenRateWithItsDefaults() {
        // Target 5%, floor 100%: 10% reopened scores (1 − 0.10) / (1 − 0.05) = 94.736…
        let r = IndicatorRule(.reopenRate, weight: 10)
        #expect(r.target == 0.05 && r.floor == 1)
        #expect(abs(r.score(0.10) - 94.736_842) < 1e-4)
        #expect(r.score(0.05) == 100)
        #expect(r.score(1) == 0)
    }

    @Test func npsIsInPointsWithAFloorOfMinus100() {
        let r = IndicatorRule(.nps, weight: 10)
        // Target +30: +30 full marks; −35 is halfway between −100 and +30.
        #expect(r.score(30) == 100)
        #expect(r.score(-35) == 50)
    }

    @Test func weightsSummingToOneOrToAHundredGiveTheSameTotal() {
        let k = lines(weights: [0.3, 0.3, 0.2, 0.2])
        let h = lines(weights: [30, 30, 20, 20])
        // Scores 100, 80, 50, 0 → 0.3·100 + 0.3·80 + 0.2·50 + 0.2·0 = 64.
        #expect(abs(Assessment.total(k)! - 64) < 1e-9)
        #expect(abs(Assessment.total(h)! - 64) < 1e-9)
        #expect(AssessmentConfig.weightsAddUp([0.3, 0.3, 0.2, 0.2]))
        #expect(AssessmentConfig.weightsAddUp([30, 30, 20, 20]))
        #expect(!AssessmentConfig.weightsAddUp([30, 30, 20, 10]))
    }

    @Test func anIndicatorWithoutAValueGivesItsWeightToTheOthers() {
        var l = lines(weights: [30, 30, 20, 20])
        l[3].value = nil  // the 0-point indicator is n/a
        // (30·100 + 30·80 + 20·50) / 80 = 6400 / 80 = 80.
        #expect(abs(Assessment.total(l)! - 80) < 1e-9)
        for n in l.indices { l[n].value = nil }
        #expect(Assessment.total(l) == nil)
    }

    /// Four rate lines of target 100% and floor 0 whose values are 1.0, 0.8, 0.5, 0 (so their scores are 100, 80, 50, 0).
    func lines(weights: [Double]) -> [Assessment.Line] {
        let indicators = AssessmentIndicator.policy
        let values = [1.0, 0.8, 0.5, 0]
        return indicators.indices.map {
            Assessment.Line(rule: IndicatorRule(indicators[$0], target: 1, floor: 0, weight: weights[$0]), value: values[$0])
        }
    }

    @Test func aDepartmentsOwnTargetReplacesTheCompanys() {
        var a = AssessmentConfig()
        a.departments["east"] = [.visitPlanCompletion: .init(target: 0.80)]
        let east = a.rules(for: "east")
        let north = a.rules(for: "north")
        #expect(east[0].target == 0.80 && north[0].target == 0.95)
        // 76% against 80% (floor 0): 95 points for east, 80 for north (76 / 95).
        #expect(abs(east[0].score(0.76) - 95) < 1e-9)
        #expect(abs(north[0].score(0.76) - 80) < 1e-9)
        #expect(east[1] == north[1])
    }

    @Test func theDefaultsAreTheFourIndicatorsOfThePolicyAtAQuarterEach() {
        let a = AssessmentConfig()
        #expect(a.rules.map(\.indicator) == [.visitPlanCompletion, .satisfactionIndex, .issueResolution, .reportQuality])
        #expect(a.rules.map(\.weight) == [25, 25, 25, 25])
        #expect(!a.configured)
    }

    @Test func reportQualityFromItsTwoParts() {
        // Completeness 80%, reviewed 90 of 100, half each: 85%.
        #expect(abs(Assessment.reportQuality(completeness: 0.8, reviewed: 0.9, share: 0.5)! - 0.85) < 1e-12)
        #expect(abs(Assessment.reportQuality(completeness: 0.8, reviewed: 0.9, share: 0.25)! - 0.825) < 1e-12)
        #expect(Assessment.reportQuality(completeness: 0.8, reviewed: nil, share: 0.5) == 0.8)
        #expect(Assessment.reportQuality(completeness: nil, reviewed: 0.9, share: 0.5) == 0.9)
        #expect(Assessment.reportQuality(completeness: nil, reviewed: nil, share: 0.5) == nil)
    }

    @Test func ranksShareTies() {
        #expect(Assessment.ranks([80, 90, 80, nil, 70]) == [2, 1, 2, nil, 4])
    }

    @Test func theYearIsTheMeanOfTheQuartersThatHaveATotal() {
        #expect(Assessment.yearScore([80, 90, nil, 70]) == 80)
        #expect(Assessment.yearScore([nil, nil, nil, nil]) == nil)
    }
}

/// 返单率: issues resolved in the period, and of those the ones reopened after it.
@Suite struct ReopenRateTests {
    static func day(_ s: String) -> Day { Day(s)! }

    static func issue(_ id: String, resolved: String?, history: [(String, String)], status: IssueStatus) -> HuifangCore.Issue {
        HuifangCore.Issue(id: IssueID(id)!, project: ProjectID("a")!, title: "t", raised: day("2026-07-01"), source: .customer, visit: nil,
                          category: .technical, severity: .general, owner: "o", department: "tech", due: day("2026-07-15"),
                          status: status, resolved: resolved.map { Resolution(date: day($0), summary: "done") },
                          history: history.map { HistoryEntry(at: day($0.0), action: $0.1) }, location: SourceLocation(path: "i"))
    }

    /// Q3 (07-01..09-30):
    ///   i1 resolved 07-10, reopened 07-20, resolved again 08-01 (status resolved): resolved in Q3, reopened → counts 1/1.
    ///   i2 resolved 08-05, never reopened: resolved, not reopened.
    ///   i3 resolved 09-20, reopened 10-05 (after Q3's end): resolved in Q3; reopened only when counted after 10-05.
    ///   i4 resolved 06-20 (Q2), reopened 07-03, still open: not resolved in Q3 → counts nowhere.
    ///   i5 open, never resolved: nowhere.
    static let records = Records(config: Config(), calendar: WorkCalendar(), issues: [
        issue("i-0001", resolved: "2026-08-01", history: [("2026-07-10", "resolved"), ("2026-07-20", "reopened"), ("2026-08-01", "resolved")],
              status: .resolved),
        issue("i-0002", resolved: "2026-08-05", history: [("2026-08-05", "resolved")], status: .resolved),
        issue("i-0003", resolved: nil, history: [("2026-09-20", "resolved"), ("2026-10-05", "reopened")], status: .open),
        issue("i-0004", resolved: nil, history: [("2026-06-20", "resolved"), ("2026-07-03", "reopened")], status: .open),
        issue("i-0005", resolved: nil, history: [], status: .open),
    ])

    @Test func countedAtTheQuartersEnd() {
        let c = KPIEngine.reopenCount(Self.records, period: Period("2026Q3")!, countedOn: Self.day("2026-09-30"))
        #expect(c == ReopenCount(resolved: 3, reopened: 1))
        #expect(abs(c.rate! - 1.0 / 3) < 1e-12)
    }

    @Test func aReopeningAfterTheCountDayIsNotCounted() {
        // Counted on 10-05 (a custom period running past Q3): i3's reopening counts too.
        let c = KPIEngine.reopenCount(Self.records, period: Period("2026Q3")!, countedOn: Self.day("2026-10-05"))
        #expect(c == ReopenCount(resolved: 3, reopened: 2))
    }

    @Test func theReopenedSideComesFromTheQuarterBefore() {
        // Q2: only i4 resolved (06-20), reopened 07-03 — after Q2's end, so not counted on 06-30.
        let q2 = KPIEngine.reopenCount(Self.records, period: Period("2026Q2")!, countedOn: Self.day("2026-06-30"))
        #expect(q2 == ReopenCount(resolved: 1, reopened: 0))
        let later = KPIEngine.reopenCount(Self.records, period: Period("2026Q2")!, countedOn: Self.day("2026-07-03"))
        #expect(later == ReopenCount(resolved: 1, reopened: 1))
    }

    @Test func nothingResolvedIsNA() {
        let c = KPIEngine.reopenCount(Self.records, period: Period("2026Q1")!, countedOn: Self.day("2026-03-31"))
        #expect(c.resolved == 0 && c.rate == nil)
    }
}
