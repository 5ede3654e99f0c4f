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

    /// Whether the issue stood resolved and unconfirmed on day `t`: its current resolution on
    /// or before `t` (and not rejected by then), no satisfied confirmation and no closing on or
    /// before `t`.
    public func awaitsConfirmation(on t: Day) -> Bool {
        guard isResolved(on: t) else { return false }
        if let c = confirmed, c.satisfied, c.date <= t { return false }
        if history.contains(where: { ($0.kind == .confirmed || $0.kind == .closed) && $0.at <= t && $0.at >= (resolved?.date ?? t) }) {
            return false
        }
        return true
    }

    /// Overdue for confirmation on day `t`: awaiting it on `t`, and `t` is past its due date.
    public func confirmationOverdue(on t: Day, _ policy: Policy, calendar: WorkCalendar) -> Bool {
        guard let resolved, resolved.date < t else { return false }
        return t > Issue.confirmationDue(resolvedOn: resolved.date, policy, calendar: calendar) && awaitsConfirmation(on: t)
    }
}
