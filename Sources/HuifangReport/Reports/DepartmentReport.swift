import HuifangCore

/// A department's report: an overview, how its projects did against the period before, what is
/// overdue, who visited how often and how well, what customers asked for, and recommendations.
public enum DepartmentReport {
    /// The report of `dept` (the command looks it up in huifang.yaml).
    public static func build(_ c: ReportContext, _ dept: Department) -> ReportOutput {
        let r = c.records
        let L = c.labels
        let projects = r.projects.filter { $0.department == dept.id }
        let ids = Set(projects.map(\.id))
        // The department in the four periods before this one and in this one, and the whole
        // company, in one parallel pass; each project over its own records.
        let earlier = KPIEngine.trendPeriods(before: c.period)
        let scopes = earlier.map { KPIEngine.Scope($0, projects: ids) } + [KPIEngine.Scope(c.period, projects: ids), KPIEngine.Scope(c.period)]
        let all = KPIEngine.compute(r, schedule: c.schedule, scopes: scopes, today: c.today)
        let perProject = Array(zip(projects, projectKPIs(c, projects)))
        let trend = Array(all.dropLast())
        let k = trend[trend.count - 1]
        let company = all[all.count - 1]
        let periods = trend.map(\.period)
        let t = k.countedOn
        let overdueVisits = c.schedule.items.filter { ids.contains($0.project) && $0.isOverdue(on: t) }
        // One pass over the issues: the overdue ones, those raised in the period (chart, major
        // issues, the visits they were raised in) and the department's ids (improvements).
        var overdueIssues: [Issue] = []
        var raised: [Issue] = []
        var raisedIn: [VisitID: [IssueID]] = [:]
        var issueIDs = Set<IssueID>()
        for i in r.issues where ids.contains(i.project) {
            issueIDs.insert(i.id)
            if i.isOverdue(on: t) { overdueIssues.append(i) }
            if c.period.contains(i.raised) {
                raised.append(i)
                if let v = i.visit { raisedIn[v, default: []].append(i.id) }
            }
        }
        overdueIssues.sort { ($0.due, $0.id) < ($1.due, $1.id) }
        let major = raised.filter { $0.severity == .major }.sorted { ($0.raised, $0.id) < ($1.raised, $1.id) }
        let visits = r.visits.filter { c.period.contains($0.date) && ids.contains($0.project) }
        let visitors = VisitorKPIs.of(visits, raisedIn: raisedIn, scale: r.config.satisfaction.scale)
        let recurring = RecurringProblems.find(r, period: c.period, projects: ids)
        let measures = r.improvements.filter { $0.department == dept.id || $0.addresses.contains(where: issueIDs.contains) }
            .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        let names = Dictionary(projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        var doc = ReportDocument(title: "\(L.report("department.title")): \(dept.name) \(c.period.label)", subtitle: c.subtitle, language: L.language)
        doc.blocks.append(.heading(L["report.overview"]))
        doc.blocks.append(.bullets(ReportOverview.sentences(current: k, previous: trend[trend.count - 2], major: major,
                                                            projectNames: names.mapValues(\.name), L)))

        doc.blocks.append(.heading(L.report("kpis")))
        doc.blocks.append(.table(SummaryReport.kpiTable([(dept.name, k), (L.report("total"), company)], L)))
        doc.blocks += ReportOverview.smallSampleNote([k, company], L)
        doc.blocks.append(.table(SummaryReport.countTable([(dept.name, k), (L.report("total"), company)], L, sheet: L["xlsx.sheet.kpi counts"])))
        let targetScopes = [ReportTargets.Scope(id: dept.id, name: dept.name, kpis: k, department: dept.id, projects: ids),
                            ReportTargets.Scope(id: "total", name: L.report("total"), kpis: company, department: nil, projects: nil)]
        doc.blocks += ReportTargets.blocks(r, targetScopes, L)

        doc.blocks += SummaryReport.trendSection(periods, trend, L)

        doc.blocks.append(.heading(L.report("satisfaction.title")))
        doc.blocks.append(.chart(Chart(kind: .bars, title: L.report("satisfaction.title") + " (\(L.report("scale")) \(r.config.satisfaction.scale))",
                                       labels: k.dimensions.map { L.reportDimension($0.name) },
                                       series: [(dept.name, k.dimensions.map(\.mean)), (L.report("total"), company.dimensions.map(\.mean))],
                                       maximum: Double(r.config.satisfaction.scale))))
        doc.blocks.append(.chart(SummaryReport.issuesChart(raised, L)))

        doc.blocks.append(.heading(L.report("projects")))
        let satisfaction = ReportKPI.all[1]
        doc.blocks.append(.table(ReportTable(
            headers: ["ID", L["project"], L["owner"], L.report("visits"), L.report("satisfaction_index"), L.report("issues_raised"), L.report("overdue_visits")],
            rows: perProject.map { p, pk in
                [p.id.rawValue, p.name, p.owner, String(pk.visits), satisfaction.displayWithCounts(pk, L),
                 String(pk.issuesRaised), String(pk.overdueVisits)]
            }, numeric: [3, 4, 5, 6])))
        if perProject.contains(where: { satisfaction.isSmallSample($0.1) }) { doc.blocks.append(.paragraph(RateCounts.note(L))) }

        doc.blocks.append(.heading(L.report("overdue visits list") + " (\(t))"))
        if overdueVisits.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            doc.blocks.append(.table(ReportTable(headers: [L["deadline"], L["project"], L["kind"], L["owner"]],
                                                 rows: overdueVisits.map { [$0.due.description, $0.project.rawValue, L.reportValue($0.kind), names[$0.project]?.owner ?? ""] })))
        }
        doc.blocks.append(.heading(L.report("overdue issues list") + " (\(t))"))
        if overdueIssues.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            doc.blocks.append(.table(ReportTable(headers: ["ID", L["project"], L["severity"], L["deadline"], L["report.responsible"], L["title"]],
                                                 rows: overdueIssues.map { [$0.id.rawValue, $0.project.rawValue, L.reportValue($0.severity), $0.due.description, $0.owner, $0.title] })))
        }

        doc.blocks.append(.heading(L.report("visitors")))
        if visitors.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: [L["visitor"], L.report("visits"), L["report.visitor.mean"], L.report("satisfaction_index"), L.report("record_completeness")],
                rows: visitors.map { v in
                    [v.visitor, String(v.visits), v.meanOverall.map { ReportNumber.decimal($0, digits: 2) } ?? L["report.n/a"],
                     v.satisfactionIndex.map { RateCounts(numerator: nil, denominator: v.scoredVisits).display(ReportNumber.percent($0), L) } ?? L["report.n/a"],
                     RateCounts(numerator: v.completeRecords, denominator: v.visits).display(ReportNumber.percent(v.recordCompleteness), L)]
                },
                numeric: [1, 2, 3, 4])))
            if visitors.contains(where: { RateCounts(numerator: nil, denominator: $0.visits).smallSample }) {
                doc.blocks.append(.paragraph(RateCounts.note(L)))
            }
        }

        let needs = visits.flatMap { v in v.needs.map { (v, $0) } }
        let competitors = visits.flatMap { v in v.competitors.map { (v, $0) } }
        doc.blocks.append(.heading(L["report.needs.title"]))
        doc.blocks.append(needs.isEmpty ? .paragraph(L["report.no needs"])
            : .bullets(needs.map { v, text in "\(text) — \(names[v.project]?.name ?? v.project.rawValue) \(v.date)" }))
        doc.blocks.append(.heading(L["report.competitors.title"]))
        doc.blocks.append(competitors.isEmpty ? .paragraph(L["report.no competitors"])
            : .bullets(competitors.map { v, text in "\(text) — \(names[v.project]?.name ?? v.project.rawValue) \(v.date)" }))

        // Issue 19: the risk register of the department's projects, once it is used.
        let risksUsed = RiskReport.isUsed(r, projects: ids)
        let openRisks = RiskReport.openRisks(r, projects: ids, today: c.today)
        if risksUsed { doc.blocks += RiskReport.blocks(openRisks, r, today: c.today, L) }

        doc.blocks.append(.heading(L["report.recommendations"]))
        doc.blocks.append(.bullets(ReportOverview.recommendations(recurring: recurring, improvements: measures, current: k, today: c.today, L)))

        var json = JSONValue.object([
            ("period", ReportJSON.period(k)), ("department", .object([("id", .string(dept.id)), ("name", .string(dept.name)), ("head", .string(dept.head))])),
            ("as_of", .string(c.today.description)), ("counted_on", .string(t.description)),
        ] + ReportJSON.scope(k) + [
            ("projects", .array(perProject.map { p, pk in .object([("id", .string(p.id.rawValue)), ("name", .string(p.name))] + ReportJSON.scope(pk)) })),
            ("overdue_visits", .array(overdueVisits.map {
                .object([("project", .string($0.project.rawValue)), ("kind", .string($0.kind.rawValue)), ("due", .string($0.due.description))])
            })),
            ("overdue_issues", .array(overdueIssues.map(ProjectJSON.issue))),
            ("visitors", .array(visitors.map {
                .object([("visitor", .string($0.visitor)), ("visits", .int($0.visits)), ("mean_overall", .optional(KPIEngine.round2($0.meanOverall))),
                         ("scored_visits", .int($0.scoredVisits)), ("satisfaction_index", .optional(KPIEngine.round4($0.satisfactionIndex))),
                         ("complete_records", .int($0.completeRecords)), ("record_completeness", .optional(KPIEngine.round4($0.recordCompleteness)))])
            })),
            ("trend", .array(trend.dropLast().map {
                .object([("period", ReportJSON.period($0)), ("kpis", ReportJSON.kpis($0)), ("kpi_counts", ReportJSON.kpiCounts($0))])
            })),
            ("major_issues", .array(major.map(ProjectJSON.issue))),
            ("needs", .array(needs.map { v, text in
                .object([("project", .string(v.project.rawValue)), ("visit", .string(v.id.rawValue)), ("date", .string(v.date.description)), ("text", .string(text))])
            })),
            ("competitors", .array(competitors.map { v, text in
                .object([("project", .string(v.project.rawValue)), ("visit", .string(v.id.rawValue)), ("date", .string(v.date.description)), ("text", .string(text))])
            })),
        ] + (ReportTargets.json(r, targetScopes).map { [$0] } ?? []))
        if risksUsed { json = json.appending([("risks", RiskReport.json(openRisks, r))]) }
        var csv = SummaryReport.csvRows([(dept.id, dept.name, k)] + perProject.map { ($0.0.id.rawValue, $0.0.name, $0.1) }, period: c.period)
        // The targets of the department (its first row); its projects' rows have none.
        let targets = ReportTargets.csv(r, [targetScopes[0]])
        csv.headers += targets.headers
        for n in csv.rows.indices { csv.rows[n] += n == 0 ? targets.rows[0] : targets.headers.map { _ in "" } }
        doc.chartsSayMissing(L)
        return ReportOutput(document: doc, json: json, csv: csv)
    }

    /// The KPIs of each project of `projects`, in order, as `c.kpis([id])` gives them, but each
    /// computed over a copy of the records holding only that project's visits, issues and
    /// schedule items: the KPI passes then read one project's records instead of the whole
    /// repository's once per project.
    static func projectKPIs(_ c: ReportContext, _ projects: [Project]) -> [PeriodKPIs] {
        let r = c.records
        var slot: [ProjectID: Int] = [:]
        for (n, p) in projects.enumerated() where slot[p.id] == nil { slot[p.id] = n }
        var visits = [[Visit]](repeating: [], count: projects.count)
        var issues = [[Issue]](repeating: [], count: projects.count)
        var items = [[ScheduleItem]](repeating: [], count: projects.count)
        for v in r.visits { if let n = slot[v.project] { visits[n].append(v) } }
        for i in r.issues { if let n = slot[i.project] { issues[n].append(i) } }
        // In due order, as the schedule keeps them.
        for item in c.schedule.items { if let n = slot[item.project] { items[n].append(item) } }
        let (projectVisits, projectIssues, projectItems) = (visits, issues, items)
        return Parallel.map(projects.count, chunksPerThread: 4) { n in
            let own = Records(config: r.config, calendar: r.calendar, projects: r.projects, visits: projectVisits[n], issues: projectIssues[n],
                              improvements: [], events: [], plans: r.plans)
            return KPIEngine.compute(own, schedule: Schedule(items: projectItems[n]), period: c.period, today: c.today, projects: [projects[n].id])
        }
    }
}
