import Testing

@testable import HuifangCore

/// Issue 15: every date is in 1900–2200, said in words when it is not, and no period
/// arithmetic near the ends of the range traps.
@Suite struct DateRangeTests {
    @Test func problemsAreTypedCases() {
        #expect(Day.problemCase("2026-03-14") == nil)
        #expect(Day.problemCase("2026-1-1") == .form)
        #expect(Day.problemCase("+2026-01-01") == .form)
        #expect(Day.problemCase("0000-01-01") == .year("0000"))
        #expect(Day.problemCase("2201-01-01") == .year("2201"))
        #expect(Day.problemCase("2026-02-29") == .day(month: "2026-02", days: 28, got: 29))
        #expect(Day.problemCase("2026-00-01") == .month("00"))
        #expect(Period.problemCase("2026Q3") == nil)
        #expect(Period.problemCase("0001") == .year("0001"))
        #expect(Period.problemCase("2026Q5") == .form)
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
