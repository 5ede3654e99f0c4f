import Testing

@testable import HuifangCore

/// Dates, durations and working days, hand-worked over the 2026 Chinese calendar.
@Suite struct CalendarArithmeticTests {
    static func d(_ s: String) -> Day { Day(s)! }

    @Test(arguments: ["2026-03-14", "2028-02-29", "2000-02-29", "1900-01-01", "2200-12-31"])
    func realDates(_ s: String) {
        #expect(Day(s)?.description == s)
    }

    @Test(arguments: ["2026-02-30", "2027-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-3-1", "20260301", " 2026-03-01",
                      "2026-03-01 ", "2026/03/01", "0000-01-01", "0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31",
                      "２０２６-03-01", ""])
    func impossibleOrMalformedDates(_ s: String) {
        #expect(Day(s) == nil)
    }

    @Test func weekdays() {
        #expect(Self.d("2026-11-24").weekday == .tuesday)
        #expect(Self.d("1970-01-01").weekday == .thursday)
        #expect(Self.d("2000-02-29").weekday == .tuesday)
        #expect(Self.d("1969-12-31").weekday == .wednesday)
    }

    @Test func monthArithmeticClampsToTheMonthsEnd() {
        #expect(Self.d("2026-01-31").adding(months: 1) == Self.d("2026-02-28"))
        #expect(Self.d("2028-01-31").adding(months: 1) == Self.d("2028-02-29"))
        #expect(Self.d("2026-03-31").adding(months: -1) == Self.d("2026-02-28"))
        #expect(Self.d("2028-02-29").adding(months: 12) == Self.d("2029-02-28"))
        #expect(Self.d("2026-08-31").adding(months: 6) == Self.d("2027-02-28"))
        #expect(Self.d("2026-12-15").adding(months: 1) == Self.d("2027-01-15"))
        #expect(Self.d("2026-01-01").days(until: Self.d("2027-01-01")) == 365)
        #expect(Self.d("2028-01-01").days(until: Self.d("2029-01-01")) == 366)
    }

    @Test(arguments: [("1m", 1, Duration.Unit.months), ("10wd", 10, .workingDays), ("2w", 2, .weeks), ("30d", 30, .days), ("1y", 1, .years)])
    func durations(_ text: String, _ n: Int, _ unit: Duration.Unit) {
        #expect(Duration(text) == Duration(n, unit))
        #expect(Duration(text)?.description == text)
    }

    @Test(arguments: ["", "m", "1", "1.5m", "-1d", "1 m", "1M", "1wd ", "wd10", "1x", "99999999d"])
    func badDurations(_ text: String) {
        #expect(Duration(text) == nil)
    }

    /// calendars/cn.yaml for 2026: Spring Festival 02-15..23 off, 02-14 (Sat) and 02-28 (Sat)
    /// worked; Mid-Autumn 09-25..27 off; National Day 10-01..07 off, 09-20 (Sun) and 10-10 (Sat) worked.
    static let cn2026: WorkCalendar = cn2026WithFreshLog

    /// The same calendar with nothing noted yet (what a computation reached is shared by copies).
    static var cn2026WithFreshLog: WorkCalendar {
        var holidays: [Day: String] = [:]
        for day in 15...23 { holidays[Day(year: 2026, month: 2, day: day)!] = "春节" }
        for day in 25...27 { holidays[Day(year: 2026, month: 9, day: day)!] = "中秋节" }
        for day in 1...7 { holidays[Day(year: 2026, month: 10, day: day)!] = "国庆节" }
        return WorkCalendar(holidays: holidays, workdays: [
            d("2026-02-14"): "春节", d("2026-02-28"): "春节", d("2026-09-20"): "国庆节", d("2026-10-10"): "国庆节",
        ])
    }

    @Test func workingDaysIn2026() {
        let c = Self.cn2026
        #expect(c.isWorkingDay(Self.d("2026-02-14")), "make-up Saturday")
        #expect(c.isWorkingDay(Self.d("2026-02-28")), "make-up Saturday")
        #expect(c.isWorkingDay(Self.d("2026-09-20")), "make-up Sunday")
        #expect(c.isWorkingDay(Self.d("2026-10-10")), "make-up Saturday")
        #expect(!c.isWorkingDay(Self.d("2026-02-16")), "Spring Festival Monday")
        #expect(!c.isWorkingDay(Self.d("2026-10-05")), "National Day Monday")
        #expect(!c.isWorkingDay(Self.d("2026-10-11")), "an ordinary Sunday")
        #expect(c.isWorkingDay(Self.d("2026-10-08")), "Thursday after the holiday")
    }

    @Test func addingWorkingDays() {
        let c = Self.cn2026
        // Thu 02-12: 13 (Fri) 1st, 14 (make-up Sat) 2nd, 15..23 off, 24 (Tue) 3rd, 25 4th, 26 (Thu) 5th.
        #expect(c.addingWorkingDays(5, to: Self.d("2026-02-12")) == Self.d("2026-02-26"))
        // Fri 02-27: 28 (make-up Sat) is the 1st.
        #expect(c.addingWorkingDays(1, to: Self.d("2026-02-27")) == Self.d("2026-02-28"))
        // Fri 09-18: 20 (make-up Sun) is the 1st, 21 (Mon) the 2nd.
        #expect(c.addingWorkingDays(2, to: Self.d("2026-09-18")) == Self.d("2026-09-21"))
        // Wed 09-30: 10-01..07 off; 08, 09, 10 (make-up Sat), 12, 13 → 5th.
        #expect(c.addingWorkingDays(5, to: Self.d("2026-09-30")) == Self.d("2026-10-13"))
        // Fri 10-09: 10 (Sat, make-up), 12, 13 → 3rd.
        #expect(c.addingWorkingDays(3, to: Self.d("2026-10-09")) == Self.d("2026-10-13"))
        #expect(c.addingWorkingDays(0, to: Self.d("2026-10-04")) == Self.d("2026-10-04"))
        #expect(c.adding(Duration(10, .workingDays), to: Self.d("2026-09-24")) == Self.d("2026-10-15"))
        #expect(c.adding(Duration(1, .months), to: Self.d("2026-01-31")) == Self.d("2026-02-28"))
        #expect(c.adding(Duration(2, .weeks), to: Self.d("2026-02-25")) == Self.d("2026-03-11"))
        #expect(c.adding(Duration(1, .years), to: Self.d("2028-02-29")) == Self.d("2029-02-28"))
        #expect(c.workingDays(after: Self.d("2026-09-30"), through: Self.d("2026-10-13")) == 5)
    }

    @Test func aYearWithoutCalendarUsesTheWeekdayRule() {
        let c = Self.cn2026
        #expect(c.coveredYears == [2026])
        #expect(c.uncoveredYears(between: Self.d("2026-12-20"), and: Self.d("2027-01-10")) == [2027])
        // 2027-10-01 is a Friday: no holiday data, so it counts as a working day.
        #expect(c.isWorkingDay(Self.d("2027-10-01")))
        #expect(c.addingWorkingDays(3, to: Self.d("2027-10-01")) == Self.d("2027-10-06"))
    }

    @Test func periods() {
        #expect(Period("2026Q3")?.start == Self.d("2026-07-01"))
        #expect(Period("2026q1")?.end == Self.d("2026-03-31"))
        #expect(Period("2028-02")?.end == Self.d("2028-02-29"))
        #expect(Period("2026H2")?.end == Self.d("2026-12-31"))
        #expect(Period("2026")?.end == Self.d("2026-12-31"))
        for bad in ["2026Q5", "2026-13", "2026H3", "26Q1", "2026-3", "2026Q", "Q3", ""] { #expect(Period(bad) == nil, "\(bad)") }
        #expect(Period("2026Q1")?.previous.label == "2025Q4")
        #expect(Period("2026-01")?.previous.label == "2025-12")
        #expect(Period("2026H1")?.previous.label == "2025H2")
        let custom = Period(start: Self.d("2026-03-01"), end: Self.d("2026-03-10")).previous
        #expect(custom.start == Self.d("2026-02-19") && custom.end == Self.d("2026-02-28"))
        #expect(Period.containing(Self.d("2026-11-24"), length: .quarter).label == "2026Q4")
    }

    @Test func identifiers() {
        for bad in ["../x", "a/b", "UPPER", "", "-a", String(repeating: "a", count: 65), "a_b", "张"] { #expect(ProjectID(bad) == nil, "\(bad)") }
        #expect(ProjectID("acme-erp-2") != nil)
        #expect(VisitID("v-1234") != nil)
        #expect(VisitID("v-123") == nil)
        #expect(VisitID("i-12345678") == nil)
        #expect(VisitID("v-../x") == nil)
        var g = SystemRandomNumberGenerator()
        let id = IssueID.generate(using: &g).rawValue
        #expect(id.hasPrefix("i-") && id.count == 10)
    }
}
