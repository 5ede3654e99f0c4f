import HuifangCore

/// The records grouped by project once, so that each of thousands of pages reads only its own
/// (no pass over every record per page), and the ids that have a page (for links).
struct SiteIndex: Sendable {
    let records: Records
    let project: [ProjectID: Project]
    let projectsByDepartment: [String: [Project]]
    let visits: [ProjectID: [Visit]]
    let issues: [ProjectID: [Issue]]
    let risks: [ProjectID: [Risk]]
    let schedule: [ProjectID: [ScheduleItem]]
    let issueIDs: Set<String>
    let improvementsByIssue: [IssueID: [Improvement]]

    init(_ r: Records, schedule items: [ScheduleItem] = []) {
        records = r
        project = Dictionary(r.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        projectsByDepartment = Dictionary(grouping: r.projects, by: \.department)
        // Visits by date, as the records keep them by path (dates lead the file names).
        visits = Dictionary(grouping: r.visits, by: \.project).mapValues { $0.sorted { ($0.date, $0.id.rawValue) < ($1.date, $1.id.rawValue) } }
        let allIssues = r.issues + r.withdrawnIssues
        issues = Dictionary(grouping: allIssues, by: \.project)
        risks = Dictionary(grouping: r.risks, by: \.project)
        schedule = Dictionary(grouping: items, by: \.project)
        issueIDs = Set(allIssues.map(\.id.rawValue))
        var byIssue: [IssueID: [Improvement]] = [:]
        for m in r.improvements {
            for i in m.addresses { byIssue[i, default: []].append(m) }
        }
        improvementsByIssue = byIssue
    }

    func hasIssue(_ id: String) -> Bool { issueIDs.contains(id) }

    func projectName(_ id: ProjectID) -> String { project[id]?.name ?? id.rawValue }

    func openIssues(department: String) -> [Issue] {
        (projectsByDepartment[department] ?? []).flatMap { (issues[$0.id] ?? []).filter(\.isUnclosed) }
    }

    /// The improvement measures that address an issue of the project, each once, by deadline.
    func improvements(of p: ProjectID) -> [Improvement] {
        var seen = Set<ImprovementID>()
        var out: [Improvement] = []
        for i in issues[p] ?? [] {
            for m in improvementsByIssue[i.id] ?? [] where seen.insert(m.id).inserted { out.append(m) }
        }
        return out.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    /// The project's own records (and the events, which may concern any project), for the
    /// timeline: the same `Timeline.of` as `huifang project log`, over a few records.
    func projectRecords(_ p: ProjectID) -> Records {
        var r = Records(config: records.config, calendar: records.calendar, projects: project[p].map { [$0] } ?? [],
                        visits: visits[p] ?? [], issues: (issues[p] ?? []).filter { !$0.isWithdrawn }, improvements: improvements(of: p),
                        events: records.events)
        r.risks = risks[p] ?? []
        return r
    }

    /// Links the ids in a report's tables: a cell that is a project id or an issue id becomes a
    /// link to its page (`up`: the way from the page to the site's root). Cells already linked
    /// stay as they are.
    func link(_ doc: inout ReportDocument, up: String) {
        for n in doc.blocks.indices {
            guard case .table(var t) = doc.blocks[n] else { continue }
            var changed = false
            let columns = t.rows.first?.count ?? 0
            for col in 0..<columns where t.links[col] == nil {
                var hrefs: [String] = []
                hrefs.reserveCapacity(t.rows.count)
                var any = false
                for row in t.rows {
                    let cell = col < row.count ? row[col] : ""
                    var href = ""
                    if let id = ProjectID(cell), project[id] != nil {
                        href = up + SiteBuilder.projectPath(id)
                    } else if cell.hasPrefix("i-"), issueIDs.contains(cell) {
                        href = up + SiteBuilder.issuePath(cell)
                    }
                    if !href.isEmpty { any = true }
                    hrefs.append(href)
                }
                if any {
                    t.links[col] = hrefs
                    changed = true
                }
            }
            if changed { doc.blocks[n] = .table(t) }
        }
    }
}

/// A site for one audience (`huifang site --department D`): the records of D's projects only.
public enum SiteScope {
    /// The records of the projects of department `id`, and only the departments `id`, project
    /// management and customer service in the configuration: their visits, issues, risks and plans;
    /// the improvement measures of the department or addressing its issues (and only those
    /// issues among what they address); the events that concern its projects or no project in
    /// particular, naming only its projects; the assessments of the department. Nothing of
    /// another department's projects is left, so no page, index or JSON built from the result
    /// can show it.
    public static func narrowed(_ r: Records, to id: String) -> Records {
        var out = r
        // The department itself, and those that route its issues (project management, customer
        // service): no other department is named (in the assessment, the KPI tables...).
        out.config.departments = r.config.departments.filter { $0.id == id || $0.role == .projectManagement || $0.role == .customerService }
        out.projects = r.projects.filter { $0.department == id }
        let ids = Set(out.projects.map(\.id))
        out.visits = r.visits.filter { ids.contains($0.project) }
        out.issues = r.issues.filter { ids.contains($0.project) }
        out.withdrawnIssues = r.withdrawnIssues.filter { ids.contains($0.project) }
        out.risks = r.risks.filter { ids.contains($0.project) }
        let issueIDs = Set((out.issues + out.withdrawnIssues).map(\.id))
        out.improvements = r.improvements.compactMap { m in
            guard m.department == id || m.addresses.contains(where: issueIDs.contains) else { return nil }
            var m = m
            m.addresses = m.addresses.filter(issueIDs.contains)
            return m
        }
        out.events = r.events.compactMap { e in
            guard e.projects.isEmpty || e.projects.contains(where: ids.contains) else { return nil }
            var e = e
            e.projects = e.projects.filter(ids.contains)
            return e
        }
        out.plans = r.plans.compactMap { p in
            guard p.department == nil || p.department == id else { return nil }
            var p = p
            p.visits = p.visits.filter { ids.contains($0.project) }
            return p.visits.isEmpty ? nil : p
        }
        out.assessments = r.assessments.filter { $0.department == id }
        // Unreadable files are refused before a site is built (or left out with a warning);
        // their paths name other departments' projects: keep only this department's.
        out.unreadable = r.unreadable.filter { u in ids.contains { u.path.hasPrefix("projects/\($0.rawValue)/") } }
        return out
    }
}
