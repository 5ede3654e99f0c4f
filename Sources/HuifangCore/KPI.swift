/// Helpers around the KPI engine (`KPIEngine`, SPEC §4) that reports share.
extension KPIEngine {
    /// The KPIs of every department that owns at least one project, in the order of
    /// huifang.yaml, so that department rows read the same in every report and add up to the
    /// company total (each project belongs to exactly one department). Departments without
    /// projects (project management, technical, customer service as a rule) are left out:
    /// every rate of theirs would be "n/a".
    public static func byDepartment(
        _ r: Records, schedule: Schedule, period: Period, today: Day
    ) -> [(department: Department, kpis: PeriodKPIs)] {
        r.config.departments.compactMap { d in
            let ids = projects(of: d.id, in: r)
            guard !ids.isEmpty else { return nil }
            return (d, compute(r, schedule: schedule, period: period, today: today, projects: ids))
        }
    }
}

extension Issue {
    /// Whether the issue stood resolved on day `t`, as the resolution rate and the overdue
    /// count of SPEC §4 need it.
    ///
    /// `resolved:` alone does not say so: `issue reopen` and `issue confirm --unsatisfied` set
    /// `status: open` again and keep the rejected resolution (and a `reopened` history line).
    /// Such a resolution held from its date until the reopening; an open issue that has a
    /// `resolved:` but no reopening after it (edited by hand) is taken at its status: open.
    public func isResolved(on t: Day) -> Bool {
        guard let r = resolved, r.date <= t else { return false }
        guard status == .open else { return true }
        guard let reopened = history.first(where: { $0.action == "reopened" && $0.at >= r.date })?.at else { return false }
        return t < reopened
    }
}
