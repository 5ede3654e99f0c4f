import HuifangCore
import HuifangReport

/// A project whose department changed after the period began (`department_changed` in its
/// history, written by `project edit --department`): the reports count a project's records of
/// every period under the department it has now, so a past quarter's department figures, its
/// assessment and its ranking change with the move. The summary, department, assessment and
/// people reports say so, once per change. `department`: the report's department (a move from
/// or to it concerns it); nil for every department.
enum DepartmentMoves {
    static func warn(_ c: ReportContext, department: String?, in source: RollupSource? = nil) {
        let c0 = MessageLanguage.catalogue
        for p in c.records.projects where p.history.contains(where: { $0.action == "department_changed" }) {
            for entry in p.history where entry.action == "department_changed" && entry.at > c.period.start {
                guard let from = entry.from, from != p.department else { continue }
                if let department, from != department, p.department != department, entry.to != department { continue }
                let text = c0.text("warning.department-moved", ["project": p.id.rawValue, "from": from, "date": entry.at.description,
                                                                "path": p.location.path, "period": c.period.label, "now": p.department])
                Warnings.add(source.map { c0.text("rollup.left-out", ["name": $0.name, "path": $0.path, "warning": text]) } ?? text)
            }
        }
    }
}

/// A period still running on the as-of day: a project counts as planned when one of its visits
/// falls due in the period, also after that day, so a project whose visits are not due yet and
/// not made yet counts as planned and not visited: a miss that has not happened (0 of 1 in a
/// quarter's second week, a "fall" on the quarter before in the overview). The visit-plan
/// completion rate stays as docs/KPIS.md defines it; the summary, department and assessment
/// reports say how many of its planned projects are such. `projects`: the report's projects
/// (a department's); nil for all. Follows `KPIEngine`'s planned projects: a frozen company
/// plan's visits in its year (not those after a project's retirement), else the live schedule.
enum NotYetDue {
    static func warn(_ c: ReportContext, projects: Set<ProjectID>?, in source: RollupSource? = nil) {
        let start = c.period.start
        let end = c.period.end
        let today = c.today
        guard today >= start, today < end else { return }
        var dueBefore: Set<ProjectID> = []
        var later: [ProjectID: Day] = [:]
        var year = start.year
        while year <= end.year {
            let from = max(start, Day(year: year, month: 1, day: 1) ?? start)
            let to = min(end, Day(year: year, month: 12, day: 31) ?? end)
            func note(_ project: ProjectID, _ due: Day) {
                guard due >= from, due <= to, projects?.contains(project) ?? true else { return }
                if due < today { dueBefore.insert(project) } else { later[project] = min(later[project] ?? due, due) }
            }
            if let plan = c.records.companyPlan(year) {
                var retired: [ProjectID: Day] = [:]
                for p in c.records.projects { if let r = p.retired { retired[p.id] = min(retired[p.id] ?? r.date, r.date) } }
                for item in plan.visits where !(retired[item.project].map { item.due > $0 } ?? false) { note(item.project, item.due) }
            } else {
                for item in c.schedule.items { note(item.project, item.due) }
            }
            year += 1
        }
        guard !later.isEmpty else { return }
        var visited: Set<ProjectID> = []
        let visits = c.records.visits  // by position: a visit is a dozen references
        for n in visits.indices where visits[n].date >= start && visits[n].date <= end { visited.insert(visits[n].project) }
        let waiting = later.filter { !dueBefore.contains($0.key) && !visited.contains($0.key) }
        guard let first = waiting.min(by: { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }) else { return }
        let c0 = MessageLanguage.catalogue
        let text = c0.text(waiting.count == 1 ? "warning.not-due-yet" : "warning.not-due-yet.many",
                           ["period": c.period.label, "today": today.description, "count": String(waiting.count),
                            "project": first.key.rawValue, "due": first.value.description])
        Warnings.add(source.map { c0.text("rollup.left-out", ["name": $0.name, "path": $0.path, "warning": text]) } ?? text)
    }
}
