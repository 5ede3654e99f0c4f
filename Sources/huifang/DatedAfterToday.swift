import HuifangCore
import HuifangReport

/// Records of a report's period dated after the day it is as of: `visit log` and `issue add`
/// refuse such dates, so one is a date typed wrong by hand (2027 for 2026), or `--as-of`
/// before the records. The report counts them (its period takes them in) and says so.
enum DatedAfterToday {
    /// Set once a report of one project has said it for its own records (`report project`).
    nonisolated(unsafe) static var said = false

    /// `projects`: the report's projects (a department's, one project's); nil for all.
    static func warn(_ c: ReportContext, projects: Set<ProjectID>? = nil) {
        guard !said else { return }
        said = true
        guard c.today < c.period.end else { return }
        let counted = { (date: Day, project: ProjectID) in c.period.contains(date) && (projects?.contains(project) ?? true) }
        if let (count, first) = after(c.today, c.records, counted) {
            Warnings.add(MessageLanguage.catalogue.text(count == 1 ? "warning.dated-after-today" : "warning.dated-after-today.many",
                                                        ["count": String(count), "today": c.today.description, "path": first]))
        }
        // A resolution dated after the as-of day (typed by hand): counted resolved (and late or
        // on time) by the period's end, while the same issue is overdue on the as-of day.
        guard let (count, first) = after(c.today, c.records, resolutions: true, counted) else { return }
        Warnings.add(MessageLanguage.catalogue.text(count == 1 ? "warning.resolved-after-today" : "warning.resolved-after-today.many",
                                                    ["count": String(count), "today": c.today.description, "path": first]))
    }

    /// `plan YEAR` made as of a day before visits or issues of the plan's `projects`: the
    /// schedule follows from them as if they had happened, so the plan frozen "as of" that day
    /// holds visits that nothing had called for then. Said, not hidden.
    static func warnPlan(_ r: Records, today: Day, projects: Set<ProjectID>) {
        guard let (count, first) = after(today, r, { projects.contains($1) }) else { return }
        Warnings.add(MessageLanguage.catalogue.text(count == 1 ? "warning.plan-dated-after-today" : "warning.plan-dated-after-today.many",
                                                    ["count": String(count), "today": today.description, "path": first]))
    }

    /// How many visits (by date) and issues (by the day raised; with `resolutions`, issues by
    /// the day resolved) are dated after `today` and `counted` (their date, their project), and
    /// the first file of them by path; nil for none. By position: a record is a dozen references.
    static func after(_ today: Day, _ r: Records, resolutions: Bool = false,
                      _ counted: (Day, ProjectID) -> Bool) -> (count: Int, first: String)? {
        var count = 0
        var first: String?
        func note(_ date: Day, _ project: ProjectID, _ path: String) {
            guard date > today, counted(date, project) else { return }
            count += 1
            first = min(first ?? path, path)
        }
        if resolutions {
            for n in r.issues.indices { if let d = r.issues[n].resolved?.date { note(d, r.issues[n].project, r.issues[n].location.path) } }
        } else {
            for n in r.visits.indices { note(r.visits[n].date, r.visits[n].project, r.visits[n].location.path) }
            for n in r.issues.indices { note(r.issues[n].raised, r.issues[n].project, r.issues[n].location.path) }
        }
        return first.map { (count, $0) }
    }

    /// A period that begins after the as-of day: nothing of it has happened, so its rates
    /// count nothing (0 of the planned projects visited, a "fall" on the period before) and its
    /// overdue figures are those of its first day, as if nothing were done until then.
    static func warnNotBegun(_ c: ReportContext) {
        guard c.period.start > c.today else { return }
        // Records dated in it (after the as-of day, typed so or --as-of too early) are counted: its rates are theirs.
        let dated = c.records.visits.contains { c.period.contains($0.date) } || c.records.issues.contains { c.period.contains($0.raised) }
        Warnings.add(MessageLanguage.catalogue.text(dated ? "warning.period-not-begun.dated" : "warning.period-not-begun",
                                                    ["period": c.period.label, "today": c.today.description, "start": c.period.start.description]))
    }
}

extension DatedAfterToday {
    /// `check`'s warnings for visits, issues and risks dated after the as-of day: the reports
    /// count them (and warn), so check names each one where it is.
    static func findings(_ r: Records, today: Day) -> [Finding] {
        var out: [Finding] = []
        func note(_ key: String, _ date: Day, _ at: SourceLocation) {
            guard date > today else { return }
            out.append(Finding(.warning, at: at, code: .datedAfterToday, values: ["key": key, "date": date.description, "today": today.description]))
        }
        // By position, and a record's place only for one dated after today: a record is a dozen references.
        for n in r.visits.indices where r.visits[n].date > today { note("date", r.visits[n].date, r.visits[n].location) }
        for n in r.issues.indices {
            if r.issues[n].raised > today { note("raised", r.issues[n].raised, r.issues[n].location) }
            if let d = r.issues[n].resolved?.date, d > today { note("resolved", d, r.issues[n].location) }
        }
        for k in r.risks { note("raised", k.raised, k.location) }
        return out
    }
}
