/// The customer's confirmation of a resolution has a deadline too (`policy.confirm_within`,
/// docs/RULES.md, the lifecycle): a resolved issue awaits it from its resolution until the
/// customer confirms.
extension Issue {
    /// The day the customer's confirmation of the current resolution is due (the
    /// `policy.confirmWithin`-th working day after `resolved.date`), while the issue awaits it
    /// (status `resolved`); nil for an open, confirmed or closed issue.
    public func confirmationDue(_ policy: Policy, calendar: WorkCalendar) -> Day? {
        guard status == .resolved, let resolved else { return nil }
        return Issue.confirmationDue(resolvedOn: resolved.date, policy, calendar: calendar)
    }

    /// `resolved + confirm_within`: when the confirmation of a resolution on `date` is due.
    public static func confirmationDue(resolvedOn date: Day, _ policy: Policy, calendar: WorkCalendar) -> Day {
        calendar.adding(policy.confirmWithin, to: date)
    }

    /// Whether the issue stood resolved and unconfirmed on day `t`: a resolution stood on `t`
    /// (also one that a later reopening set aside: the past does not change), and no satisfied
    /// confirmation or closing came between it and `t`.
    public func awaitsConfirmation(on t: Day) -> Bool {
        guard let since = Issue.resolutionDate(on: t, resolvedOn: resolved?.date, status: status, history: history) else { return false }
        if let c = confirmed, c.satisfied, c.date >= since, c.date <= t { return false }
        if history.contains(where: { ($0.kind == .confirmed || $0.kind == .closed) && $0.at <= t && $0.at >= since }) {
            return false
        }
        return true
    }

    /// Overdue for confirmation on day `t`: the resolution that stood on `t` awaits its
    /// confirmation, and `t` is past the day it was due. The one rule of `status`, `due` and the
    /// reports' `overdue_confirmations`.
    public func confirmationOverdue(on t: Day, _ policy: Policy, calendar: WorkCalendar) -> Bool {
        guard let since = Issue.resolutionDate(on: t, resolvedOn: resolved?.date, status: status, history: history), since < t else {
            return false
        }
        return t > Issue.confirmationDue(resolvedOn: since, policy, calendar: calendar) && awaitsConfirmation(on: t)
    }

    /// The first day any of the issue's resolutions (the current one, or one a reopening set
    /// aside) was resolved: no confirmation of it can be due before this resolution's due day.
    var firstResolutionDate: Day? {
        var first = resolved?.date
        for h in history where h.kind == .resolved && first.map({ h.at < $0 }) ?? true { first = h.at }
        return first
    }

    /// For an issue never reopened: the day its resolution stopped awaiting the customer (a
    /// satisfied confirmation or the closing); nil while it still awaits it, and for a reopened
    /// issue, whose exact answer `awaitsConfirmation(on:)` gives. Lets the KPI passes skip the
    /// confirmed issues, nearly all of them, without asking the rule.
    var confirmationEnded: Day? {
        guard let r = resolved?.date, !history.contains(where: { $0.kind == .reopened }) else { return nil }
        var end: Day?
        if let c = confirmed, c.satisfied, c.date >= r { end = c.date }
        for h in history where (h.kind == .confirmed || h.kind == .closed) && h.at >= r && end.map({ h.at < $0 }) ?? true { end = h.at }
        return end
    }
}
