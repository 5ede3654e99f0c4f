import Foundation
import Testing

@testable import HuifangCore

/// A year typed into a calendar file by hand, covered but plainly not whole (`DoubtfulYear`).
extension CalendarCoverageTests {
    /// The bundled mainland-China data (Sources/HuifangStore/Resources/cn-holidays.yaml), read
    /// line by line: `  YYYY-MM-DD: name` under `holidays:` or `workdays:`.
    static func bundled() throws -> (holidays: [Day: String], workdays: [Day: String]) {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/HuifangStore/Resources/cn-holidays.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var holidays: [Day: String] = [:]
        var workdays: [Day: String] = [:]
        var inHolidays = true
        for line in text.split(separator: "\n") {
            if line.hasPrefix("holidays:") { inHolidays = true }
            if line.hasPrefix("workdays:") { inHolidays = false }
            guard line.hasPrefix("  "), let colon = line.firstIndex(of: ":"),
                let day = Day(String(line[line.index(line.startIndex, offsetBy: 2)..<colon])) else { continue }
            let name = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if inHolidays { holidays[day] = name } else { workdays[day] = name }
        }
        return (holidays, workdays)
    }

    /// No false alarm on the official data, 2004 to 2026 (22 to 33 holiday days a year).
    @Test func noYearOfTheBundledDataIsDoubtful() throws {
        let (holidays, workdays) = try Self.bundled()
        let c = WorkCalendar(holidays: holidays, workdays: workdays)
        #expect(c.coveredYears == Set(2004...2026))
        #expect(c.doubtfulYears.isEmpty, "\(c.doubtfulYears)")
        for y in 2004...2026 { #expect(!c.warns(about: y), "\(y)") }
        // Each year alone against the others, as a calendar that ends with it would compare it.
        for last in 2005...2026 {
            let cut = WorkCalendar(holidays: holidays.filter { $0.key.year <= last }, workdays: workdays.filter { $0.key.year <= last })
            #expect(cut.doubtfulYears.isEmpty, "ending with \(last): \(cut.doubtfulYears)")
        }
    }

    /// One holiday typed in for 2027 made 2027 covered, its deadlines counted without a word.
    @Test func aYearWithFarFewerHolidaysThanTheOthersIsDoubtful() throws {
        let (holidays, workdays) = try Self.bundled()
        var more = holidays
        more[Self.d("2027-01-01")] = "元旦"
        let c = WorkCalendar(holidays: more, workdays: workdays)
        #expect(c.coveredYears.contains(2027))
        #expect(c.doubtfulYears == [2027: DoubtfulYear(holidays: 1, othersLow: 22, othersHigh: 33)])
        #expect(c.warns(about: 2027) && !c.warns(about: 2026))
        // Its arithmetic is noted as for a year without data, and reports and status see it.
        #expect(c.addingWorkingDays(10, to: Self.d("2026-12-28")) == Self.d("2027-01-12"))
        #expect(c.reachedUncoveredYears == [2027])
        #expect(c.uncoveredYears(between: Self.d("2026-06-01"), and: Self.d("2027-03-01")) == [2027])
        // Half of a year's days entered (New Year, Spring Festival: 11 of 27) is still doubtful;
        // the whole arrangement is not.
        for (m, d) in [(1, 2), (1, 3)] + (10...17).map({ (2, $0) }) { more[Day(year: 2027, month: m, day: d)!] = "春节" }
        #expect(WorkCalendar(holidays: more, workdays: workdays).doubtfulYears[2027]?.holidays == 11)
        for d in 1...7 { more[Day(year: 2027, month: 10, day: d)!] = "国庆节" }
        for d in 1...5 { more[Day(year: 2027, month: 5, day: d)!] = "劳动节" }
        #expect(WorkCalendar(holidays: more, workdays: workdays).doubtfulYears.isEmpty)
        // Declared under years:, or entered in part (said as such): not doubtful.
        var one = holidays
        one[Self.d("2027-01-01")] = "元旦"
        #expect(WorkCalendar(holidays: one, workdays: workdays, declaredYears: [2027]).doubtfulYears.isEmpty)
        let partial = WorkCalendar(holidays: one, workdays: workdays, partialYears: [2027])
        #expect(partial.doubtfulYears.isEmpty && partial.warns(about: 2027))
    }

    /// A company's own calendar whose years list a few days each: no year is doubtful, however
    /// few its days.
    @Test func aCalendarWhoseYearsAreAllSmallHasNoDoubtfulYear() {
        var holidays: [Day: String] = [:]
        for y in 2020...2026 { for d in 1...(y % 3 + 2) { holidays[Day(year: y, month: 6, day: d)!] = "司庆" } }
        holidays[Self.d("2027-06-01")] = "司庆"
        let c = WorkCalendar(holidays: holidays)
        #expect(c.coveredYears == Set(2020...2027))
        #expect(c.doubtfulYears.isEmpty, "\(c.doubtfulYears)")
        // Nor one with a single other year to compare with, when that year is small.
        #expect(WorkCalendar(holidays: [Self.d("2026-10-01"): "国庆节", Self.d("2027-01-01"): "元旦"]).doubtfulYears.isEmpty)
    }
}
