import Testing

@testable import HuifangCore

/// Issue 15: every date is in 1900–2200, said in words when it is not, and no period
/// arithmetic near the ends of the range traps.
@Suite struct DateRangeTests {
    @Test func problemsAreSaidInWords() {
        #expect(Day.problem("2026-03-14") == nil)
        #expect(Day.problem("2026-1-1") == "expected YYYY-MM-DD, e.g. 2026-03-14")
        #expect(Day.problem("+2026-01-01") == "expected YYYY-MM-DD, e.g. 2026-03-14")
        #expect(Day.problem("0000-01-01") == "the year 0000 is outside the supported range 1900–2200")
        #expect(Day.problem("2201-01-01") == "the year 2201 is outside the supported range 1900–2200")
        #expect(Day.problem("2026-02-29") == "2026-02 has 28 days (got 29)")
        #expect(Day.problem("2026-00-01") == "there is no month 00 (expected YYYY-MM-DD)")
        #expect(Period.problem("2026Q3") == nil)
        #expect(Period.problem("0001")?.contains("outside the supported range") == true)
        #expect(Period.problem("2026Q5")?.hasPrefix("expected a month") == true)
    }

    @Test func periodsBeforeTheRangeAreComputedNotTrapped() {
        // The first period of the range and four before it (a summary report's trend).
        for text in ["1900Q1", "1900-01", "1900H1", "1900"] {
            var p = Period(text)!
            for _ in 0..<4 { p = p.previous }
            #expect(p.start < Day("1900-01-01")!)
            #expect(p.start <= p.end)
        }
        #expect(Period("1900Q1")!.previous.label == "1899Q4")
        #expect(Period("1900Q1")!.previous.start.description == "1899-10-01")
        #expect(Period("1900-01")!.previous.end.description == "1899-12-31")
        #expect(Period.containing(Day("2200-12-31")!, length: .half).label == "2200H2")
        let far = Day("1900-01-01")!.adding(days: -800_000)
        #expect(Period.containing(far, length: .year).start <= far)
    }

    @Test func dayArithmeticSaturatesInsteadOfTrapping() {
        let d = Day("2200-12-31")!
        #expect(d.adding(days: Int.max).ordinal == Int32.max)
        #expect(d.adding(days: Int.min).ordinal == Int32.min)
        #expect(d.adding(months: 1_200).year == 2300)
    }
}
