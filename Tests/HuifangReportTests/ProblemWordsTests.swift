import HuifangCore
import HuifangReport
import Testing

/// The core says why a date or a period is not one it takes in cases; the catalogue says it
/// in each language.
@Suite struct ProblemWordsTests {
    @Test func aBadDateInBothLanguages() {
        let en = Catalogue(.en), zh = Catalogue(.zh)
        #expect(en.dateProblem("2026-03-14") == nil && zh.dateProblem("2026-03-14") == nil)
        #expect(en.dateProblem("2026-02-30") == "2026-02 has 28 days (got 30)")
        #expect(zh.dateProblem("2026-02-30") == "2026-02 只有 28 天（写的是 30 日）")
        #expect(en.dateProblem("2201-01-01")?.contains("2201") == true && en.dateProblem("2201-01-01")?.contains("1900–2200") == true)
        #expect(zh.dateProblem("2201-01-01")?.contains("1900–2200") == true)
        #expect(zh.dateProblem("2026-1-1") == zh["date.problem.form"] && en.dateProblem("2026-1-1") == en["date.problem.form"])
        #expect(zh.dateProblem("2026-13-01") == zh.text("date.problem.month", ["month": "13"]))
    }

    @Test func aBadPeriodInBothLanguages() {
        let en = Catalogue(.en), zh = Catalogue(.zh)
        #expect(en.periodProblem("2026Q3") == nil && zh.periodProblem("2026-03") == nil)
        #expect(zh.periodProblem("2026Q5")?.hasPrefix("'2026Q5' 不是期间") == true)
        #expect(en.periodProblem("2026Q5") == en.text("error.period.form", ["text": "2026Q5"]))
        #expect(zh.periodProblem("1800")?.contains("年份 1800 超出支持的范围 1900–2200") == true)
        #expect(en.periodProblem("1800") == en.text("error.period.year", ["text": "1800", "year": "1800", "low": "1900", "high": "2200"]))
    }
}

@Suite struct HistoryReasonWordsTests {
    @Test func theReasonHuifangWritesIsSaidInTheLanguageAndAPersonsReasonAsWritten() {
        #expect(Catalogue(.zh).historyReason(IssueLifecycle.unsatisfiedReason) == "客户不满意")
        #expect(Catalogue(.en).historyReason(IssueLifecycle.unsatisfiedReason) == "customer not satisfied")
        #expect(Catalogue(.zh).historyReason("客户又报了一次") == "客户又报了一次")
    }
}
