import HuifangCore

/// A department's report: how its projects did, what is overdue, who visited how often.
public enum DepartmentReport {
    /// The report of `dept` (the command looks it up in huifang.yaml).
    public static func build(_ c: ReportContext, _ dept: Department) -> ReportOutput {
        let r = c.records
        let L = c.labels
        let projects = r.projects.filter { $0.department == dept.id }
        let ids = Set(projects.map(\.id))
        let k = c.kpis(ids)
        let company = c.kpis()
        let t = k.countedOn
        let overdueVisits = c.schedule.items.filter { ids.contains($0.project) && $0.isOverdue(on: t) }
        let overdueIssues = r.issues.filter { i in
            ids.contains(i.project) && i.isOverdue(on: t)
        }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        let visitors = VisitorCount.of(r, period: c.period, projects: ids)
        let perProject = projects.map { ($0, c.kpis([$0.id])) }

        var doc = ReportDocument(title: "\(L.report("department.title")): \(dept.name) \(c.period.label)", subtitle: c.subtitle, language: L.language)
        doc.blocks.append(.heading(L.report("kpis")))
        doc.blocks.append(.table(SummaryReport.kpiTable([(dept.name, k), (L.report("total"), company)], L)))
        doc.blocks.append(.table(SummaryReport.countTable([(dept.name, k), (L.report("total"), company)], L)))

        doc.blocks.append(.heading(L.report("projects")))
        doc.blocks.append(.table(ReportTable(
            headers: ["ID", L["project"], L["owner"], L.report("visits"), L.report("satisfaction_index"), L.report("issues_raised"), L.report("overdue_visits")],
            rows: perProject.map { p, pk in
                [p.id.rawValue, p.name, p.owner, String(pk.visits), ReportNumber.percent(pk.satisfactionIndex),
                 String(pk.issuesRaised), String(pk.overdueVisits)]
            }, numeric: [3, 4, 5, 6])))

        doc.blocks.append(.heading(L.report("overdue visits list") + " (\(t))"))
        if overdueVisits.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            let names = Dictionary(projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            doc.blocks.append(.table(ReportTable(headers: [L["deadline"], L["project"], L["kind"], L["owner"]],
                                                 rows: overdueVisits.map { [$0.due.description, $0.project.rawValue, $0.kind.rawValue, names[$0.project]?.owner ?? ""] })))
        }
        doc.blocks.append(.heading(L.report("overdue issues list") + " (\(t))"))
        if overdueIssues.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            doc.blocks.append(.table(ReportTable(headers: ["ID", L["project"], L["severity"], L["deadline"], L["owner"], L["title"]],
                                                 rows: overdueIssues.map { [$0.id.rawValue, $0.project.rawValue, $0.severity.rawValue, $0.due.description, $0.owner, $0.title] })))
        }
        doc.blocks.append(.heading(L.report("visitors")))
        if visitors.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            doc.blocks.append(.table(ReportTable(headers: [L["visitor"], L.report("visits"), L["overall"]],
                                                 rows: visitors.map { [$0.visitor, String($0.visits), $0.meanOverall.map { ReportNumber.decimal($0, digits: 2) } ?? "n/a"] },
                                                 numeric: [1, 2])))
        }

        let json = JSONValue.object([
            ("period", ReportJSON.period(k)), ("department", .object([("id", .string(dept.id)), ("name", .string(dept.name)), ("head", .string(dept.head))])),
            ("as_of", .string(c.today.description)), ("counted_on", .string(t.description)),
        ] + ReportJSON.scope(k) + [
            ("projects", .array(perProject.map { p, pk in .object([("id", .string(p.id.rawValue)), ("name", .string(p.name))] + ReportJSON.scope(pk)) })),
            ("overdue_visits", .array(overdueVisits.map {
                .object([("project", .string($0.project.rawValue)), ("kind", .string($0.kind.rawValue)), ("due", .string($0.due.description))])
            })),
            ("overdue_issues", .array(overdueIssues.map(ProjectJSON.issue))),
            ("visitors", .array(visitors.map {
                .object([("visitor", .string($0.visitor)), ("visits", .int($0.visits)), ("mean_overall", .optional(KPIEngine.round2($0.meanOverall)))])
            })),
        ])
        let csv = SummaryReport.csvRows([(dept.id, dept.name, k)] + perProject.map { ($0.0.id.rawValue, $0.0.name, $0.1) }, period: c.period)
        return ReportOutput(document: doc, json: json, csv: csv)
    }
}
