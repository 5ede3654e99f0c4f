/// Working days: weekends, public holidays and make-up working days (调休).
///
/// A date is a working day when it is listed under `workdays`, or when it is not a weekend
/// day and not listed under `holidays` (SPEC §3). Years that no calendar file covers fall
/// back to the weekday rule; `uncoveredYears(between:and:)` tells the caller which, so that
/// it can warn once.
public struct WorkCalendar: Sendable {
    public var weekend: Set<Weekday>
    public var holidays: [Day: String]
    public var workdays: [Day: String]
    /// Years with at least one entry in a calendar file.
    public private(set) var coveredYears: Set<Int>

    public init(weekend: Set<Weekday> = [.saturday, .sunday], holidays: [Day: String] = [:], workdays: [Day: String] = [:]) {
        self.weekend = weekend
        self.holidays = holidays
        self.workdays = workdays
        coveredYears = Set(holidays.keys.map(\.year)).union(workdays.keys.map(\.year))
    }

    public func isWorkingDay(_ day: Day) -> Bool {
        if workdays[day] != nil { return true }
        if weekend.contains(day.weekday) { return false }
        return holidays[day] == nil
    }

    /// The `n`-th working day strictly after `day` (n ≥ 1); `day` itself when n is 0.
    public func addingWorkingDays(_ n: Int, to day: Day) -> Day {
        var d = day
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// `day + duration`, with month arithmetic clamped to the month's end.
    public func adding(_ duration: Duration, to day: Day) -> Day {
        switch duration.unit {
        case .days: return day.adding(days: duration.amount)
        case .weeks: return day.adding(days: 7 * duration.amount)
        case .months: return day.adding(months: duration.amount)
        case .years: return day.adding(months: 12 * duration.amount)
        case .workingDays: return addingWorkingDays(duration.amount, to: day)
        }
    }

    /// Working days after `from` up to and including `to` (0 when `to` ≤ `from`).
    public func workingDays(after from: Day, through to: Day) -> Int {
        guard from < to else { return 0 }
        var n = 0
        var d = from.adding(days: 1)
        while d <= to {
            if isWorkingDay(d) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }

    /// Years in `[from.year, to.year]` that no calendar file covers.
    public func uncoveredYears(between from: Day, and to: Day) -> [Int] {
        guard from <= to else { return [] }
        return (from.year...to.year).filter { !coveredYears.contains($0) }
    }
}
