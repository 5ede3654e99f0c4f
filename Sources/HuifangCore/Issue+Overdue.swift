extension Issue {
    /// Overdue on day `t` (docs/KPIS.md, the counts): raised by `t`, due before `t` and not
    /// resolved on `t`. The overdue-issue count of the KPIs and the department report's list
    /// both use it.
    public func isOverdue(on t: Day) -> Bool {
        Issue.isOverdue(on: t, raised: raised, due: due, resolvedOn: resolved?.date, status: status, history: history)
    }

    /// `isOverdue(on:)` from the fields it needs (hot loops pass them without copying the
    /// whole issue).
    static func isOverdue(on t: Day, raised: Day, due: Day, resolvedOn: Day?, status: IssueStatus, history: [HistoryEntry]) -> Bool {
        raised <= t && due < t && !isResolved(on: t, resolvedOn: resolvedOn, status: status, history: history)
    }
}
