@testable import HuifangCore
import Testing

@testable import HuifangReport

/// The written parts of the reports on figures worked out by hand.
@Suite struct ReportOverviewTests {
    static let en = Catalogue("en")
    static let zh = Catalogue("zh")

    /// KPIs as the KPI pass would give them for these counts (rates from the counts).
    static func kpis(_ label: String, planned: Int = 0, visited: Int = 0, raised: Int = 0, resolved: Int = 0, onTime: Int = 0,
                     visits: Int = 0, complete: Int = 0, scored: Int = 0, satisfied: Int = 0, meanOverall: Double? = nil,
                     npsResponses: Int = 0, nps: Double? = nil, overdue: (Int, Int, Int) = (0, 0, 0)) -> PeriodKPIs {
        let period = Period(label)!
        var k = PeriodKPIs(period: period, countedOn: period.end)
        k.plannedProjects = planned
        k.visitedPlannedProjects = visited
        k.visitPlanCompletionRate = KPIEngine.ratio(visited, planned)
        k.issuesRaised = raised
        k.issuesResolved = resolved
        k.issuesResolvedOnTime = onTime
        k.issueResolutionRate = KPIEngine.ratio(resolved, raised)
        k.onTimeResolutionRate = KPIEngine.ratio(onTime, resolved)
        k.visits = visits
        k.recordCompleteness = KPIEngine.ratio(complete, visits)
        k.scoredVisits = scored
        k.csat = KPIEngine.ratio(satisfied, scored)
        k.meanOverall = meanOverall
        k.satisfactionIndex = meanOverall.map { $0 / 5 }
        k.npsResponses = npsResponses
        k.nps = nps
        (k.overdueVisits, k.overdueIssues, k.overdueConfirmations) = overdue
        return k
    }

    // 2026Q1: 2 of 4 planned projects visited (50%), 8 of 10 issues resolved (80%), 6 on time,
    // 10 visits, 10 complete, 10 scored (8 satisfied, mean 4.0), no NPS answer.
    static let q1 = kpis("2026Q1", planned: 4, visited: 2, raised: 10, resolved: 8, onTime: 6, visits: 10, complete: 10,
                         scored: 10, satisfied: 8, meanOverall: 4.0)
    // 2026Q2: 9 of 10 visited (90%), 6 of 10 resolved (60%), 3 on time (50%), 10 visits all
    // complete, 10 scored (8 satisfied, mean 4.0), NPS 20 from 10 answers, overdue 2/1/0.
    static let q2 = kpis("2026Q2", planned: 10, visited: 9, raised: 10, resolved: 6, onTime: 3, visits: 10, complete: 10,
                         scored: 10, satisfied: 8, meanOverall: 4.0, npsResponses: 10, nps: 20, overdue: (2, 1, 0))

    @Test func aChangeIsMeasuredOnTheNumbersAsPrinted() {
        // 23/80 = 0.2875 prints as 28.7% (28.75 is 28.749999... in binary) and 287/1000 as 28.7%:
        // the same printed value is no fall, whatever the digits beyond.
        let a = Self.kpis("2026Q1", raised: 80, resolved: 23)
        let b = Self.kpis("2026Q2", raised: 1000, resolved: 287)
        let s = ReportOverview.sentences(current: b, previous: a, major: [], projectNames: [:], Self.en)
        #expect(ReportNumber.percent(a.issueResolutionRate) == "28.7%")
        #expect(ReportNumber.percent(b.issueResolutionRate) == "28.7%")
        #expect(!s.contains { $0.hasPrefix("Down on") || $0.hasPrefix("Up on") })
        #expect(s.contains { $0.hasPrefix("Unchanged on 2026Q1:") && $0.contains("Issue resolution rate 28.7% (287/1000)") })
        // And 28.8% after 28.7% is a rise of 0.1 points, not "unchanged".
        let c = Self.kpis("2026Q2", raised: 125, resolved: 36)
        let t = ReportOverview.sentences(current: c, previous: a, major: [], projectNames: [:], Self.en)
        #expect(t.contains { $0.hasPrefix("Up on 2026Q1:") && $0.contains("from 28.7% (23/80) to 28.8% (36/125) (+0.1 points)") })
    }

    @Test func aRiseAFallAndNoPreviousData() {
        let s = ReportOverview.sentences(current: Self.q2, previous: Self.q1, major: [], projectNames: [:], Self.en)
        #expect(s[0] == "In 2026Q2: visits 10; planned projects visited 9 of 10; issues raised 10, resolved 6.")
        // 50% → 90%, and the earlier period counted only 4 projects: a small sample.
        #expect(s[1] == "Up on 2026Q1: Visit-plan completion rate from 50.0% (2/4) to 90.0% (9/10) (+40.0 points; sample below 5, read with care).")
        // 80% → 60% and 75% → 50%.
        #expect(s[2] == "Down on 2026Q1: Issue resolution rate from 80.0% (8/10) to 60.0% (6/10) (−20.0 points); "
            + "On-time resolution rate from 75.0% (6/8) to 50.0% (3/6) (−25.0 points).")
        #expect(s[3] == "Unchanged on 2026Q1: Satisfaction index 80.0% (n=10); CSAT 80.0% (8/10); Record completeness 100.0% (10/10).")
        // No NPS answer in Q1: no claim that it rose.
        #expect(s[4] == "No data in 2026Q1 to compare with: NPS 20.0 (n=10).")
        #expect(!s.joined().contains("NPS from"))
        #expect(s[5] == "Overdue as of 2026-06-30: visits 2, issues 1, customer confirmations 0.")
        #expect(s[6] == "No major issues this period.")
        #expect(s.count == 7)
    }

    /// 78.75% prints 78.8% and 85.0% prints 85.0%: the change said is 6.2 points, what a
    /// reader subtracting the printed values gets (not 6.25 rounded up to 6.3).
    @Test func theChangeIsBetweenThePrintedValues() {
        let before = Self.kpis("2026Q1", scored: 8, satisfied: 8, meanOverall: 3.9375)
        let now = Self.kpis("2026Q2", scored: 8, satisfied: 8, meanOverall: 4.25)
        let s = ReportOverview.sentences(current: now, previous: before, major: [], projectNames: [:], Self.zh)
        #expect(s[1] == "与上期（2026Q1）相比上升：客户满意度指数由78.8%（样本 8）升至85.0%（样本 8）（+6.2 个百分点）。")
        #expect(s[2] == "与上期（2026Q1）持平：满意率 (CSAT) 100.0%（8/8）。")
    }

    @Test func nothingToCompareAndNothingOverdueInChinese() {
        let empty = Self.kpis("2026Q1")
        let s = ReportOverview.sentences(current: empty, previous: empty, major: [], projectNames: [:], Self.zh)
        #expect(s[0] == "本期（2026Q1）回访 0 次；计划回访项目 0 个，已回访 0 个；新增问题 0 个，已解决 0 个。")
        #expect(s[1] == "本期无数据：回访计划完成率、客户满意度指数、满意率 (CSAT)、净推荐值 (NPS)、问题解决率、按时解决率、记录完整率。")
        #expect(s[2] == "截至 2026-03-31，没有逾期的回访、问题或客户确认。")
        #expect(s[3] == "本期没有重大问题。")
        #expect(!s.joined().contains("升至") && !s.joined().contains("降至"))
    }

    @Test func majorIssuesByName() {
        let i = Fixture.records.issues[0]
        let s = ReportOverview.sentences(current: Self.q2, previous: Self.q1, major: [i], projectNames: [i.project: "Alpha"], Self.zh)
        #expect(s.last == "本期重大问题 1 个：export times out（Alpha，未解决）。")
        // Five are named, then a count.
        let seven = (1...7).map { n in var m = i; m.title = "t\(n)"; return m }
        let named = ReportOverview.sentences(current: Self.q2, previous: Self.q1, major: seven, projectNames: [:], Self.en).last
        #expect(named == "Major issues this period (7): t1 (a, open); t2 (a, open); t3 (a, open); t4 (a, open); t5 (a, open); 2 more.")
    }

    /// A rate over 4 is a small sample, over 5 is not; nothing counted is n/a, not small.
    @Test func smallSampleFromBothSides() {
        let four = Self.kpis("2026Q2", planned: 4, visited: 3)
        let five = Self.kpis("2026Q2", planned: 5, visited: 4)
        let none = Self.kpis("2026Q2")
        let rate = ReportKPI.all[0]
        #expect(rate.displayWithCounts(four, Self.zh) == "75.0%（3/4）*")
        #expect(rate.displayWithCounts(five, Self.zh) == "80.0%（4/5）")
        #expect(rate.displayWithCounts(five, Self.en) == "80.0% (4/5)")
        #expect(rate.displayWithCounts(none, Self.zh) == "无数据")
        #expect(rate.isSmallSample(four) && !rate.isSmallSample(five) && !rate.isSmallSample(none))
        func counts(_ k: PeriodKPIs, _ key: String) -> [JSONValue?] {
            ["numerator", "denominator", "small_sample"].map { member(ReportJSON.kpiCounts(k), key, $0) }
        }
        #expect(counts(four, "visit_plan_completion_rate") == [.int(3), .int(4), .bool(true)])
        #expect(counts(five, "visit_plan_completion_rate") == [.int(4), .int(5), .bool(false)])
        // The satisfaction index is a mean of scores: the number of answers, no numerator.
        #expect(counts(Self.q2, "satisfaction_index") == [.null, .int(10), .bool(false)])
        #expect(counts(Self.q2, "csat") == [.int(8), .int(10), .bool(false)])
        // The footnote comes with a marked table, and only then.
        #expect(ReportOverview.smallSampleNote([five], Self.en).isEmpty)
        let note = paragraphs(ReportOverview.smallSampleNote([five, four], Self.en))
        #expect(note == ["* Small sample: fewer than 5 counted, so the rate can swing widely; read it with care."])
    }

    @Test func theMarkAndFootnoteInEveryTextFormat() {
        var doc = ReportDocument(title: "t", subtitle: "", language: "zh")
        let four = Self.kpis("2026Q2", planned: 4, visited: 3)
        doc.blocks.append(.table(SummaryReport.kpiTable([("x", four)], Self.zh)))
        doc.blocks += ReportOverview.smallSampleNote([four], Self.zh)
        #expect(MarkdownRenderer.render(doc).contains("75.0%（3/4）\\*"))
        #expect(MarkdownRenderer.render(doc).contains("\\* 小样本：分母不足 5"))
        #expect(HTMLRenderer.render(doc).contains("<td class=\"n\">75.0%（3/4）*</td>"))
        #expect(HTMLRenderer.render(doc).contains("<p>* 小样本：分母不足 5"))
        #expect(TerminalRenderer.render(doc).contains("75.0%（3/4）*"))
        #expect(TerminalRenderer.render(doc).contains("* 小样本：分母不足 5"))
    }

    @Test func recommendationsFromRecurringOverdueAndUnverified() {
        let issue = IssueID("i-0001")!
        let recurring = [RecurringProblem(title: "export times out", projects: 2, issues: 3, ids: [issue], category: .technical),
                         RecurringProblem(title: "login fails", projects: 2, issues: 2, ids: [IssueID("i-0002")!], category: .service)]
        let late = Fixture.records.improvements[0]  // m-0001, planned, due 2026-09-30, addresses i-0001
        var done = late
        done.status = .done
        done.title = "cache reports"
        let s = ReportOverview.recommendations(recurring: recurring, improvements: [late, done], current: Self.q2,
                                               today: Fixture.day("2026-10-01"), Self.en)
        #expect(s == [
            "\"export times out\" (technical) came up 3 times in 2 projects; improvement measures m-0001: follow them through and verify their effect.",
            "\"login fails\" (service) came up 2 times in 2 projects and has no improvement measure: find the common cause and set one.",
            "Overdue visits (2): schedule them now.",
            "Issues past their deadline (1): escalate them as the policy says and keep the customers informed.",
            "Improvement m-0001 \"faster export\" passed its deadline 2026-09-30 and is still planned: ask Zheng to carry it out.",
            "Improvement m-0001 \"cache reports\" is done but its effect is not verified: verify it on the next visit.",
        ])
        // On its deadline a measure is not late yet; nothing else: nothing to follow up.
        let none = ReportOverview.recommendations(recurring: [], improvements: [late], current: Self.q1, today: Fixture.day("2026-09-30"), Self.zh)
        #expect(none == ["本期没有需要跟进的反复问题、逾期事项或待验证的改进措施。"])
    }
}

/// Values a person reads are in the report's language; durations say one day and many days.
@Suite struct ReportValueTests {
    @Test func valuesInBothLanguages() {
        let zh = Catalogue("zh")
        let en = Catalogue("en")
        #expect(VisitKind.allCases.map(zh.reportValue) == ["首次", "定期", "专项", "客户需求", "阶段回访"])
        #expect(VisitMethod.allCases.map(zh.reportValue) == ["电话", "实地", "邮件", "线上"])
        #expect(Severity.allCases.map(zh.reportValue) == ["轻微", "一般", "重大"])
        #expect(ImprovementStatus.allCases.map(en.reportValue) == ["planned", "in progress", "done", "verified"])
        #expect(zh.daysLate(102) == "逾期 102 天" && en.daysLate(102) == "102 days late" && en.daysLate(1) == "1 day late")
        #expect(zh.reportValue(DeadlineState.overdue(days: 9, escalateTo: .leadership)) == "逾期 9 天，应升级至公司领导")
        #expect(en.reportValue(DeadlineState.overdue(days: 1, escalateTo: .severity(.general))) == "1 day overdue → general")
        #expect(["quality", "delivery", "service", "support", "speed"].map(zh.reportDimension) == ["项目质量", "交付时间", "服务态度", "技术支持", "speed"])
        // Every code of every vocabulary has a text in both languages.
        let keys = VisitKind.allCases.map { "report.kind.\($0.rawValue)" } + VisitMethod.allCases.map { "report.method.\($0.rawValue)" }
            + IssueStatus.allCases.map { "report.issue.\($0.rawValue)" } + Severity.allCases.map { "report.severity.\($0.rawValue)" }
            + IssueCategory.allCases.map { "report.category.\($0.rawValue)" } + ImprovementStatus.allCases.map { "report.improvement.\($0.rawValue)" }
            + Tier.allCases.map { "report.tier.\($0.rawValue)" } + DueKind.allCases.map { "report.kind.\($0.rawValue)" }
        for key in keys { #expect(Catalogue.table(.zh)[key] != nil && Catalogue.table(.en)[key] != nil, "\(key)") }
    }
}
