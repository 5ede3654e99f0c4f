/// Deadlines that a calendar change moves (docs/RULES.md, working days). An issue's `due:` is
/// stored when it is routed; when it was counted over a year that had no calendar data yet, or
/// over days that a later calendar entry changes, the stored date is wrong from the moment the
/// calendar is corrected. `huifang calendar add-holiday/add-workday` recounts them.
extension Issue {
    /// The deadline of this issue counted on `after` instead of `before`, when the issue is open,
    /// its stored `due` is the one `before` gives (so huifang set it, not a person) and `after`
    /// gives another day; nil otherwise.
    public func recountedDeadline(_ policy: Policy, before: WorkCalendar, after: WorkCalendar) -> Day? {
        guard status == .open, let allowed = policy.resolveWithin[severity] else { return nil }
        let start = deadlineStart
        guard before.adding(allowed, to: start) == due else { return nil }
        let recounted = after.adding(allowed, to: start)
        return recounted == due ? nil : recounted
    }
}

extension WorkCalendar {
    /// This calendar with more holidays or make-up working days (an entry already there wins),
    /// counting on its own: what it reaches is not reported as this calendar's.
    public func adding(holidays more: [Day: String] = [:], workdays moreWork: [Day: String] = [:]) -> WorkCalendar {
        WorkCalendar(weekend: weekend, holidays: holidays.merging(more) { a, _ in a },
                     workdays: workdays.merging(moreWork) { a, _ in a }, declaredYears: coveredYears,
                     partialYears: partialYears)
    }
}
