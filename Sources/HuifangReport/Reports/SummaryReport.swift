import HuifangCore

/// 项目回访总结报告: what management reads each quarter.
public enum SummaryReport {
    public static func build(_ c: ReportContext) -> ReportOutput {
        let r = c.records
        let L = c.labels
        // Every KPI scope of the report in one parallel pass: the departments, the four
        // periods before this one, and this one for the whole company.
        let departments = KPIEngine.departmentsWithProjects(r)
        let earlier = KPIEngine.trendPeriods(before: c.period)
        let kpiScopes = departments.map { KPIEngine.Scope(c.period, projects: $0.projects) } + earlier.map { KPIEngine.Scope($0) }
            + [KPIEngine.Scope(c.period)]
        let periods = earlier + [c.period]
        // The customers' health and the recurring problems need no KPI: made on another core
        // while the KPIs' facts are gathered.
        let (all, (health, recurring, categories)) = KPIEngine.compute(r, schedule: c.schedule, scopes: kpiScopes, today: c.today) {
            (CustomerHealth.all(r, schedule: c.schedule, on: c.today), RecurringProblems.find(r, period: c.period),
             RecurringProblems.categories(r, periods: periods))
        }
        let total = all[all.count - 1]
        let perDepartment = zip(departments, all).map { ($0.department, $1) }
        let trend = Array(all.suffix(earlier.count + 1))
        let major = r.issues.filter { c.period.contains($0.raised) && $0.severity == .major }.sorted { ($0.raised, $0.id) < ($1.raised, $1.id) }
        let measures = r.improvements.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        let projectNames = Dictionary(r.projects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })

        var doc = ReportDocument(title: "\(L.report("summary.title")) \(c.period.label)", subtitle: c.subtitle, language: L.language)
        doc.blocks.append(.heading(L["report.overview"]))
        doc.blocks.append(.bullets(ReportOverview.sentences(current: total, previous: trend[trend.count - 2], major: major,
                                                            projectNames: projectNames, L)))
        doc.blocks.append(.heading(L.report("kpis")))
        let scopes = [(L.report("total"), total)] + perDepartment.map { ($0.0.name, $0.1) }
        doc.blocks.append(.table(kpiTable(scopes, L)))
        doc.blocks += ReportOverview.smallSampleNote(scopes.map(\.1), L)
        doc.blocks.append(.table(countTable(scopes, L, sheet: L["xlsx.sheet.kpi counts"])))
        doc.blocks.append(.paragraph("\(L.report("plan source")): \(total.frozenPlan ? L.report("frozen plan") : L.report("live schedule")); \(L.report("counted on")): \(total.countedOn)"))
        let targetScopes = [ReportTargets.Scope(id: "total", name: L.report("total"), kpis: total, department: nil, projects: nil)]
            + zip(departments, perDepartment).map { d, p in
                ReportTargets.Scope(id: d.department.id, name: d.department.name, kpis: p.1, department: d.department.id, projects: d.projects)
            }
        doc.blocks += ReportTargets.blocks(r, targetScopes, L)

        doc.blocks += SummaryReport.trendSection(periods, trend, L)

        doc.blocks.append(.heading(L.report("satisfaction.title")))
        doc.blocks.append(.chart(Chart(kind: .bars, title: L.report("satisfaction.title") + " (\(L.report("scale")) \(r.config.satisfaction.scale))",
                                       labels: total.dimensions.map { L.reportDimension($0.name) },
                                       series: [(L.report("total"), total.dimensions.map(\.mean))] + perDepartment.map { ($0.0.name, $0.1.dimensions.map(\.mean)) },
                                       maximum: Double(r.config.satisfaction.scale))))

        let raised = r.issues.filter { c.period.contains($0.raised) }
        doc.blocks.append(.chart(issuesChart(raised, L)))

        doc.blocks.append(.heading(L.report("major issues")))
        if major.isEmpty {
            doc.blocks.append(.paragraph(L.report("no major issues")))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: ["ID", L["project"], L["title"], L["status"], L["deadline"], L.report("resolution")],
                rows: major.map { i in
                    [i.id.rawValue, projectNames[i.project] ?? i.project.rawValue, i.title, L.reportValue(i.status), i.due.description,
                     i.currentResolution.map { "\($0.date) \($0.date <= i.due ? L.report("on time") : L.report("late")): \($0.summary)" } ?? ""]
                })))
        }

        doc.blocks.append(.heading(L.report("recurring")))
        if recurring.isEmpty {
            doc.blocks.append(.paragraph(L.report("no recurring")))
        } else {
            doc.blocks.append(.table(ReportTable(headers: [L["title"], L.report("category"), L.report("projects"), L.report("issues")],
                                                 rows: recurring.map { [$0.title, L.reportValue($0.category), String($0.projects), String($0.issues)] },
                                                 numeric: [2, 3])))
        }
        if !categories.isEmpty {
            doc.blocks.append(.subheading(L.report("recurring categories")))
            doc.blocks.append(.table(ReportTable(headers: [L.report("category")] + periods.map(\.label),
                                                 rows: categories.map { [L.reportValue($0.0)] + $0.1.map(String.init) },
                                                 numeric: Set(1...periods.count))))
        }

        doc.blocks.append(.heading(L.report("improvement measures")))
        if measures.isEmpty {
            doc.blocks.append(.paragraph(L.report("no improvements")))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: ["ID", L["measure"], L["department"], L["report.responsible"], L["deadline"], L["status"]],
                rows: measures.map { m in
                    let late = (m.status == .planned || m.status == .inProgress) && m.due < c.today ? " (\(L.report("late")))" : ""
                    return [m.id.rawValue, m.title, m.department, m.owner, m.due.description + late,
                            L.reportValue(m.status) + (m.verified.map { ": \($0.result)" } ?? "")]
                })))
        }

        // Issue 19: customers at risk, and the risk register once it is used.
        doc.blocks += RiskReport.healthBlocks(health, on: c.today, L)
        let risksUsed = RiskReport.isUsed(r, projects: nil)
        let openRisks = RiskReport.openRisks(r, projects: nil, today: c.today)
        if risksUsed { doc.blocks += RiskReport.blocks(openRisks, r, today: c.today, L) }

        doc.blocks.append(.heading(L["report.recommendations"]))
        doc.blocks.append(.bullets(ReportOverview.recommendations(recurring: recurring, improvements: measures, current: total,
                                                                  today: c.today, L)))

        var json = JSONValue.object([
            ("period", ReportJSON.period(total)), ("organization", .string(r.config.organization)),
            ("as_of", .string(c.today.description)), ("counted_on", .string(total.countedOn.description)),
            ("plan", .string(total.frozenPlan ? "frozen" : "schedule")),
        ] + ReportJSON.scope(total) + [
            ("departments", .array(perDepartment.map { d, k in .object([("id", .string(d.id)), ("name", .string(d.name))] + ReportJSON.scope(k)) })),
            ("trend", .array(trend.dropLast().map {
                .object([("period", ReportJSON.period($0)), ("kpis", ReportJSON.kpis($0)), ("kpi_counts", ReportJSON.kpiCounts($0))])
            })),
            ("major_issues", .array(major.map(ProjectJSON.issue))),
            ("recurring_problems", .array(recurring.map {
                .object([("title", .string($0.title)), ("category", .string($0.category.rawValue)), ("projects", .int($0.projects)),
                         ("issues", .int($0.issues)), ("ids", .strings($0.ids.map(\.rawValue)))])
            })),
            ("recurring_categories", .array(categories.map {
                .object([("category", .string($0.0.rawValue)), ("periods", .strings(periods.map(\.label))), ("issues", .array($0.1.map(JSONValue.int)))])
            })),
            ("improvements", .array(measures.map {
                .object([("id", .string($0.id.rawValue)), ("title", .string($0.title)), ("department", .string($0.department)),
                         ("owner", .string($0.owner)), ("due", .string($0.due.description)), ("status", .string($0.status.rawValue)),
                         ("addresses", .strings($0.addresses.map(\.rawValue)))])
            })),
        ] + (ReportTargets.json(r, targetScopes).map { [$0] } ?? []))
        json = json.appending([("customer_health", .object([("on", .string(c.today.description)), ("projects", .int(health.count)),
                                                              ("at_risk", .int(RiskReport.counts(health).atRisk)),
                                                              ("watch", .int(RiskReport.counts(health).watch)),
                                                              ("customers", RiskReport.healthJSON(health))]))]
            + (risksUsed ? [("risks", RiskReport.json(openRisks, r))] : []))
        var csv = csvRows([("total", L.report("total"), total)] + perDepartment.map { ($0.0.id, $0.0.name, $0.1) }, period: c.period)
        let targets = ReportTargets.csv(r, targetScopes)
        csv.headers += targets.headers
        for n in csv.rows.indices { csv.rows[n] += targets.rows[n] }
        doc.chartsSayMissing(L)
        return ReportOutput(document: doc, json: json, csv: csv)
    }

    /// KPIs as rows, one column per scope (company, departments).
    /// The KPI trend over `periods` (the report's period last): the chart of four rates and the
    /// table of every KPI with its counts, and the small-sample note under it.
    public static func trendSection(_ periods: [Period], _ trend: [PeriodKPIs], _ L: Catalogue) -> [ReportDocument.Block] {
        var chart = Chart(kind: .line, title: L.report("trend.title"), labels: periods.map(\.label), series: [
            (L.report("visit_plan_completion_rate"), trend.map(\.visitPlanCompletionRate)),
            (L.report("satisfaction_index"), trend.map(\.satisfactionIndex)),
            (L.report("csat"), trend.map(\.csat)),
            (L.report("issue_resolution_rate"), trend.map(\.issueResolutionRate)),
        ], maximum: 1, percent: true)
        chart.tabulated = true
        return [.heading(L.report("trend.title")), .chart(chart),
                .table(ReportTable(headers: [L.report("indicator")] + periods.map(\.label),
                                   rows: ReportKPI.all.map { kpi in [kpi.label(L)] + trend.map { kpi.displayWithCounts($0, L) } },
                                   numeric: Set(1...periods.count)))]
            + ReportOverview.smallSampleNote(trend, L)
    }

    public static func kpiTable(_ scopes: [(String, PeriodKPIs)], _ L: Catalogue) -> ReportTable {
        ReportTable(headers: [L.report("indicator")] + scopes.map(\.0),
                    rows: ReportKPI.all.map { kpi in [kpi.label(L)] + scopes.map { kpi.displayWithCounts($0.1, L) } },
                    numeric: Set(1...scopes.count))
    }

    /// Issues raised, by category (groups) and severity (series), in the report's language.
    public static func issuesChart(_ raised: [Issue], _ L: Catalogue) -> Chart {
        var counts = [[Double]](repeating: [Double](repeating: 0, count: IssueCategory.allCases.count), count: Severity.allCases.count)
        for i in raised {
            if let s = Severity.allCases.firstIndex(of: i.severity), let c = IssueCategory.allCases.firstIndex(of: i.category) { counts[s][c] += 1 }
        }
        return Chart(kind: .bars, title: L.report("issues.chart"), labels: IssueCategory.allCases.map(L.reportValue),
                     series: Severity.allCases.enumerated().map { (L.reportValue($0.element), counts[$0.offset].map(Optional.some)) })
    }

    /// `sheet`: the table's sheet in xlsx (it shares its heading with the KPI table).
    public static func countTable(_ scopes: [(String, PeriodKPIs)], _ L: Catalogue, sheet: String? = nil) -> ReportTable {
        var t = ReportTable(headers: [L.report("counts")] + scopes.map(\.0),
                            rows: ReportCount.all.map { count in [count.label(L)] + scopes.map { String(count.value($0.1)) } },
                            numeric: Set(1...scopes.count))
        t.sheet = sheet
        return t
    }

    /// One CSV row per scope: the period, the scope, every KPI and count.
    public static func csvRows(_ scopes: [(id: String, name: String, kpis: PeriodKPIs)], period: Period) -> (headers: [String], rows: [[String]]) {
        let headers = ["period", "scope", "name"] + ReportKPI.all.map(\.key) + ReportCount.all.map(\.key) + ["mean_overall"]
        let rows = scopes.map { s in
            [period.label, s.id, s.name] + ReportKPI.all.map { $0.csv(s.kpis) }
                + ReportCount.all.map { String($0.value(s.kpis)) }
                + [s.kpis.meanOverall.map { ReportNumber.decimal($0, digits: 2) } ?? "n/a"]
        }
        return (headers, rows)
    }
}
