/// Helpers around the KPI engine (`KPIEngine`, docs/KPIS.md) that reports share.
extension KPIEngine {
    /// The departments of huifang.yaml that have projects, in its order, with their projects:
    /// the department rows of the reports, so that they read the same in every report and add
    /// up to the company total (each project belongs to exactly one department). Departments
    /// without projects (project management, technical, customer service as a rule) are left
    /// out: every rate of theirs would be "n/a".
    public static func departmentsWithProjects(_ r: Records) -> [(department: Department, projects: Set<ProjectID>)] {
        // One pass over the projects, read in place; a run of one department's projects finds
        // its department once. A department listed twice gets the projects of its id twice.
        let departments = r.config.departments
        let first = departments.map { d in departments.firstIndex { $0.id == d.id } ?? 0 }
        var sets = [Set<ProjectID>](repeating: [], count: departments.count)
        r.projects.withUnsafeBufferPointer { projects in
            var current: String?
            var k: Int?
            for n in projects.indices {
                if projects[n].department != current {
                    current = projects[n].department
                    k = departments.firstIndex { $0.id == projects[n].department }
                }
                if let k { sets[k].insert(projects[n].id) }
            }
        }
        return departments.indices.compactMap { i in sets[first[i]].isEmpty ? nil : (departments[i], sets[first[i]]) }
    }
}

extension Issue {
    /// Whether the issue stood resolved on day `t`, as the resolution rate and the overdue
    /// count of docs/KPIS.md need it.
    ///
    /// `resolved:` alone does not say so: `issue reopen` and `issue confirm --unsatisfied` set
    /// `status: open` again and move the rejected resolution into the `reopened` history line.
    /// A resolution set aside held from its `resolved` history line until the reopening. Files
    /// reopened by earlier versions keep `resolved:` beside `status: open`: that resolution held
    /// from its date until the reopening after it; an open issue that has a `resolved:` but no
    /// reopening after it (edited by hand) is taken at its status: open.
    public func isResolved(on t: Day) -> Bool {
        Issue.resolutionDate(on: t, resolvedOn: resolved?.date, status: status, history: history) != nil
    }

    /// `isResolved(on:)` from the three fields it needs (hot loops pass them without copying
    /// the whole issue).
    static func isResolved(on t: Day, resolvedOn date: Day?, status: IssueStatus, history: [HistoryEntry]) -> Bool {
        resolutionDate(on: t, resolvedOn: date, status: status, history: history) != nil
    }

    /// The date of the resolution that stood on day `t`, nil when none did.
    static func resolutionDate(on t: Day, resolvedOn date: Day?, status: IssueStatus, history: [HistoryEntry]) -> Day? {
        if status != .open, let date, date <= t { return date }
        var since: Day?
        for h in history {
            if h.kind == .resolved {
                if since == nil { since = h.at }
            } else if h.kind == .reopened {
                if let s = since, s <= t, t < h.at { return s }
                since = nil
            }
        }
        if status == .open, let date, date <= t, let reopened = history.first(where: { $0.kind == .reopened && $0.at >= date })?.at,
            t < reopened
        {
            return date
        }
        return nil
    }
}
