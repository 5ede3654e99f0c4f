import HuifangCore

/// A repository of a roll-up (issue 20): its name (workspace.yaml's, else its folder's), its
/// path as given, and the commit it was read at when it is a git checkout.
public struct RollupSource: Sendable {
    public var name: String
    public var path: String
    public var commit: String?
    /// huifang.yaml's organization, how many projects the repository holds, and the close of
    /// the report's period when the repository closed it (its records are then counted as
    /// entered by the close).
    public var organization = ""
    public var projects = 0
    public var closedOn: Day?
    /// The report's period when the repository closed it: the close, the figures changed since
    /// and the records entered or changed after it (`ClosedPeriod.Section`); the closed quarters
    /// a longer period takes in (`within`); and the labels of their figures in the report's
    /// language (made while the repository's records were read).
    public var closed: ClosedPeriod.Section?
    public var within: [ClosedPeriod.Section] = []
    public var figureLabels: [String: String] = [:]

    public init(name: String, path: String, commit: String?) {
        self.name = name
        self.path = path
        self.commit = commit
    }
}

/// One repository reduced to what the roll-up summary shows (docs/WORKSPACE.md): its KPI
/// counts per department and in total for the period and the four before, the reopen counts
/// the targets need, its major issues of the period, its improvement measures, its issues
/// raised by severity and category, and its customer-health counts. Made while its records are
/// in memory, with its own huifang.yaml (policy, scale, satisfied_at, calendars); the records
/// are dropped before the next repository is read.
public struct RollupPart: Sendable {
    public var source: RollupSource
    public var organization: String
    /// huifang.yaml's departments (every one: names are compared across repositories).
    public var departments: [Department]
    /// The departments with projects, with their KPIs and reopen counts for the period.
    public var perDepartment: [(department: Department, kpis: PeriodKPIs, reopen: ReopenCount)]
    public var total: PeriodKPIs
    public var totalReopen: ReopenCount
    /// The four periods before, oldest first, for the whole repository.
    public var trend: [PeriodKPIs]
    public var major: [Issue]
    public var projectNames: [ProjectID: String]
    public var improvements: [Improvement]
    /// Issues raised in the period: [severity][category], in `Severity.allCases` and `IssueCategory.allCases` order.
    public var raised: [[Int]]
    public var health: (projects: Int, atRisk: Int, watch: Int)
    public var projectIDs: [ProjectID]
    public var scale: Int
    public var dimensions: [String]
    public var assessment: AssessmentConfig
    /// What the lists of the summary need, kept bounded: the issues raised in the period (title,
    /// project, id, category, day: for the recurring problems over every repository), the issues
    /// raised per category in the trend's periods ([category][period], `IssueCategory.allCases`
    /// order, the report's period last), the projects at risk (two signals or more, with their
    /// signals), and the risk register: whether it is used, the matrix of open risks, how many
    /// are open and high, the policy that colours it, and the repository's top risks
    /// (`RiskReport.topCount` at most: the union's top ones are among them).
    public var raisedIssues: [RecurringProblems.RaisedIssue] = []
    public var categories: [[Int]] = []
    public var atRisk: [CustomerHealth] = []
    public var risksUsed = false
    public var riskMatrix = RiskMatrix([])
    public var openRisks = 0
    public var highRisks = 0
    public var policy = Policy()
    public var topRisks: [RiskReport.TopRisk] = []

    /// Reduces the repository of `c` (its records, schedule, period and as-of date).
    public static func reduce(_ c: ReportContext, source: RollupSource) -> RollupPart {
        let r = c.records
        let departments = KPIEngine.departmentsWithProjects(r)
        let earlier = KPIEngine.trendPeriods(before: c.period)
        let scopes = departments.map { KPIEngine.Scope(c.period, projects: $0.projects) } + earlier.map { KPIEngine.Scope($0) }
            + [KPIEngine.Scope(c.period)]
        let all = KPIEngine.compute(r, schedule: c.schedule, scopes: scopes, today: c.today)
        let total = all[all.count - 1]
        func reopen(_ k: PeriodKPIs, _ projects: Set<ProjectID>?) -> ReopenCount {
            KPIEngine.reopenCount(r, period: k.period, countedOn: k.countedOn, projects: projects)
        }
        let perDepartment = zip(departments, all).map { d, k in (department: d.department, kpis: k, reopen: reopen(k, d.projects)) }
        let major = r.issues.filter { c.period.contains($0.raised) && $0.severity == .major }.sorted { ($0.raised, $0.id) < ($1.raised, $1.id) }
        var raised = [[Int]](repeating: [Int](repeating: 0, count: IssueCategory.allCases.count), count: Severity.allCases.count)
        for i in r.issues where c.period.contains(i.raised) {
            if let s = Severity.allCases.firstIndex(of: i.severity), let k = IssueCategory.allCases.firstIndex(of: i.category) { raised[s][k] += 1 }
        }
        let health = CustomerHealth.all(r, schedule: c.schedule, on: c.today)
        let counts = RiskReport.counts(health)
        let wanted = Set(major.map(\.project))
        let open = RiskReport.openRisks(r, projects: nil, today: c.today)
        let periods = earlier + [c.period]
        var categories = [[Int]](repeating: [Int](repeating: 0, count: periods.count), count: IssueCategory.allCases.count)
        for (category, n) in RecurringProblems.categories(r, periods: periods) {
            if let k = IssueCategory.allCases.firstIndex(of: category) { categories[k] = n }
        }
        var part = RollupPart(
            source: source, organization: r.config.organization, departments: r.config.departments, perDepartment: perDepartment,
            total: total, totalReopen: reopen(total, nil), trend: Array(all.dropLast().suffix(earlier.count)), major: major,
            projectNames: Dictionary(r.projects.filter { wanted.contains($0.id) }.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
            improvements: r.improvements.sorted { ($0.due, $0.id) < ($1.due, $1.id) }, raised: raised,
            health: (health.count, counts.atRisk, counts.watch), projectIDs: r.projects.map(\.id),
            scale: r.config.satisfaction.scale, dimensions: r.config.satisfaction.dimensions, assessment: r.config.assessment)
        part.raisedIssues = RecurringProblems.raised(r, period: c.period)
        part.categories = categories
        part.atRisk = RiskReport.concerning(health)
        part.risksUsed = RiskReport.isUsed(r, projects: nil)
        part.riskMatrix = RiskMatrix(open)
        part.openRisks = open.count
        part.highRisks = open.filter { $0.isHigh(r.config.policy) }.count
        part.policy = r.config.policy
        part.topRisks = open.prefix(RiskReport.topCount).map { RiskReport.TopRisk($0, r.config.policy, calendar: r.calendar) }
        return part
    }
}

/// The roll-up summary over several repositories (issue 20; docs/WORKSPACE.md): the
/// repositories read, an overview, the KPIs per department and in total recomputed over the
/// union of the records (numerators and denominators summed, never averaged), the targets of
/// the first repository, the trend, the satisfaction by dimension (when every repository uses
/// one scale), the issues raised, the major issues, the improvement measures, the customers at
/// risk and the recommendations. Departments with the same id are one department.
public enum RollupReport {
    /// `prefixProjects`: project ids are shown as `REPOSITORY/ID` (--allow-duplicate-projects).
    public static func summary(_ parts: [RollupPart], period: Period, today: Day, prefixProjects: Bool, _ L: Catalogue) -> ReportOutput {
        let first = parts[0]
        let earlier = KPIEngine.trendPeriods(before: period)
        let scales = Set(parts.filter { $0.total.scoredVisits > 0 || $0.trend.contains { $0.scoredVisits > 0 } }.map(\.scale))
        let scale: Int? = scales.count <= 1 ? (scales.first ?? first.scale) : nil
        var dimensions: [String] = []
        for p in parts { for d in p.dimensions where !dimensions.contains(d) { dimensions.append(d) } }
        func sum(_ ks: [PeriodKPIs], _ p: Period) -> PeriodKPIs {
            let countedOn = min(p.end, max(today, p.start))
            return PeriodKPIs.summing(ks, period: p, countedOn: countedOn, scale: scale, dimensions: dimensions)
        }
        let total = sum(parts.map(\.total), period)
        let trend = earlier.indices.map { n in sum(parts.map { $0.trend[n] }, earlier[n]) } + [total]
        let totalReopen = ReopenCount.summing(parts.map(\.totalReopen))

        // Departments in the order first met; the same id is one department.
        var departmentOrder: [Department] = []
        var byDepartment: [String: (kpis: [PeriodKPIs], reopen: [ReopenCount])] = [:]
        for p in parts {
            for d in p.perDepartment {
                if byDepartment[d.department.id] == nil { departmentOrder.append(d.department) }
                byDepartment[d.department.id, default: ([], [])].kpis.append(d.kpis)
                byDepartment[d.department.id, default: ([], [])].reopen.append(d.reopen)
            }
        }
        let perDepartment = departmentOrder.map { d in
            (department: d, kpis: sum(byDepartment[d.id]!.kpis, period), reopen: ReopenCount.summing(byDepartment[d.id]!.reopen))
        }

        func project(_ p: RollupPart, _ id: ProjectID) -> String { prefixProjects ? "\(p.source.name)/\(id.rawValue)" : id.rawValue }
        // The major issues of every repository, by date; each with its repository.
        var major: [(part: RollupPart, issue: Issue)] = []
        for p in parts { for i in p.major { major.append((p, i)) } }
        major.sort { ($0.issue.raised, $0.issue.id, $0.part.source.name) < ($1.issue.raised, $1.issue.id, $1.part.source.name) }
        var measures: [(part: RollupPart, measure: Improvement)] = []
        for p in parts { for m in p.improvements { measures.append((p, m)) } }
        measures.sort { ($0.measure.due, $0.measure.id, $0.part.source.name) < ($1.measure.due, $1.measure.id, $1.part.source.name) }

        let subtitle = subtitle(parts.map(\.source), period: period, today: today, L)
        var doc = ReportDocument(title: "\(L.report("summary.title")) \(period.label) · \(L("rollup.title", ["count": String(parts.count)]))",
                                 subtitle: subtitle, language: L.language)

        doc.blocks += repositoryBlocks(parts.map(\.source), period: period, L)

        // The overview names each major issue's project: through ids unique to this report
        // (two repositories may use the same project id).
        var names: [ProjectID: String] = [:]
        let overviewMajor = major.enumerated().map { n, m in
            var i = m.issue
            let key = ProjectID("r\(n)")!
            names[key] = m.part.projectNames[i.project] ?? project(m.part, i.project)
            i.project = key
            return i
        }
        doc.blocks.append(.heading(L["report.overview"]))
        doc.blocks.append(.bullets(ReportOverview.sentences(current: total, previous: trend[trend.count - 2], major: overviewMajor,
                                                            projectNames: names, L)))
        doc.blocks.append(.heading(L.report("kpis")))
        let scopes = [(L.report("total"), total)] + perDepartment.map { ($0.department.name, $0.kpis) }
        doc.blocks.append(.table(SummaryReport.kpiTable(scopes, L)))
        doc.blocks += ReportOverview.smallSampleNote(scopes.map(\.1), L)
        doc.blocks.append(.table(SummaryReport.countTable(scopes, L, sheet: L["xlsx.sheet.kpi counts"])))
        let frozen = parts.filter(\.total.frozenPlan).map(\.source.name)
        let plan = frozen.isEmpty ? L.report("live schedule") : frozen.count == parts.count ? L.report("frozen plan")
            : L("rollup.plan mixed", ["repositories": frozen.joined(separator: L["report.name sep"])])
        doc.blocks.append(.paragraph("\(L.report("plan source")): \(plan); \(L.report("counted on")): \(total.countedOn)"))

        // Targets: the first repository's (docs/WORKSPACE.md); the others' differing ones are named.
        let targetScopes = [(id: "total", name: L.report("total"), department: String?.none, kpis: total, reopen: totalReopen)]
            + perDepartment.map { (id: $0.department.id, name: $0.department.name, department: Optional($0.department.id), kpis: $0.kpis, reopen: $0.reopen) }
        let a = first.assessment
        let rules = a.configured ? a.rules.filter { $0.indicator != .reportQuality } : []
        let wanted = Set(rules.map(\.indicator))
        let lines = targetScopes.map { s in
            Assessment.lines(s.kpis, reopen: s.reopen, reviewed: nil,
                             rules: (s.department.map { a.rules(for: $0) } ?? a.rules).filter { wanted.contains($0.indicator) },
                             reviewShare: a.reviewShare)
        }
        let differing = parts.dropFirst().filter { p in
            p.assessment.configured != a.configured || p.assessment.rules != a.rules || p.assessment.departments != a.departments
        }.map(\.source.name)
        if !rules.isEmpty {
            doc.blocks.append(.subheading(L["targets.heading"]))
            doc.blocks.append(.table(ReportTable(
                headers: [L["assess.indicator"], L["assess.target"]] + targetScopes.map(\.name),
                rows: rules.enumerated().map { n, rule in
                    [AssessmentReport.label(rule.indicator, L), AssessmentReport.show(rule.target, rule.indicator, L)]
                        + lines.map { ReportTargets.cell($0[n], company: rule, L) }
                }, numeric: Set(1..<(targetScopes.count + 2)))))
        }
        if !rules.isEmpty || !differing.isEmpty {
            doc.blocks.append(.paragraph(L("rollup.targets from", ["repository": first.source.name])
                + (differing.isEmpty ? "" : " " + L("rollup.targets differ", ["repositories": differing.joined(separator: L["report.name sep"])]))))
        }

        doc.blocks += SummaryReport.trendSection(trend.map(\.period), trend, L)

        doc.blocks.append(.heading(L.report("satisfaction.title")))
        if let scale {
            doc.blocks.append(.chart(Chart(kind: .bars, title: L.report("satisfaction.title") + " (\(L.report("scale")) \(scale))",
                                           labels: total.dimensions.map { L.reportDimension($0.name) },
                                           series: [(L.report("total"), total.dimensions.map(\.mean))]
                                               + perDepartment.map { ($0.department.name, $0.kpis.dimensions.map(\.mean)) },
                                           maximum: Double(scale))))
        } else {
            doc.blocks.append(.paragraph(L("rollup.scales differ", ["scales": parts.map { "\($0.source.name) \($0.scale)" }.joined(separator: L["report.name sep"])])))
        }
        var raised = [[Double]](repeating: [Double](repeating: 0, count: IssueCategory.allCases.count), count: Severity.allCases.count)
        for p in parts { for s in raised.indices { for k in raised[s].indices { raised[s][k] += Double(p.raised[s][k]) } } }
        doc.blocks.append(.chart(Chart(kind: .bars, title: L.report("issues.chart"), labels: IssueCategory.allCases.map(L.reportValue),
                                       series: Severity.allCases.enumerated().map { (L.reportValue($0.element), raised[$0.offset].map(Optional.some)) })))

        doc.blocks.append(.heading(L.report("major issues")))
        if major.isEmpty {
            doc.blocks.append(.paragraph(L.report("no major issues")))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: [L["rollup.repository"], "ID", L["project"], L["title"], L["status"], L["deadline"], L.report("resolution")],
                rows: major.map { p, i in
                    [p.source.name, i.id.rawValue, p.projectNames[i.project] ?? project(p, i.project), i.title, L.reportValue(i.status), i.due.description,
                     i.currentResolution.map { "\($0.date) \($0.date <= i.due ? L.report("on time") : L.report("late")): \($0.summary)" } ?? ""]
                })))
        }

        // Recurring problems over the issues of every repository (the same or near-same title in
        // two projects or more, wherever they are), and the categories period after period.
        var raisedAll: [RecurringProblems.RaisedIssue] = []
        for (n, p) in parts.enumerated() {
            for var i in p.raisedIssues {
                i.source = n
                if prefixProjects { i.project = "\(p.source.name)/\(i.project)" }
                raisedAll.append(i)
            }
        }
        let recurringFound = RecurringProblems.find(raisedAll)
        let recurring = recurringFound.map(\.problem)
        func repositoriesOf(_ members: [RecurringProblems.RaisedIssue]) -> [String] {
            Set(members.map(\.source)).sorted().map { parts[$0].source.name }
        }
        func issueID(_ i: RecurringProblems.RaisedIssue) -> String { prefixProjects ? "\(parts[i.source].source.name)/\(i.id.rawValue)" : i.id.rawValue }
        doc.blocks.append(.heading(L.report("recurring")))
        if recurring.isEmpty {
            doc.blocks.append(.paragraph(L.report("no recurring")))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: [L["title"], L.report("category"), L.report("projects"), L.report("issues"), L["rollup.repositories"]],
                rows: recurringFound.map { f in
                    [f.problem.title, L.reportValue(f.problem.category), String(f.problem.projects), String(f.problem.issues),
                     repositoriesOf(f.members).joined(separator: L["report.name sep"])]
                }, numeric: [2, 3])))
        }
        let periods = trend.map(\.period)
        var categoryCounts = [[Int]](repeating: [Int](repeating: 0, count: periods.count), count: IssueCategory.allCases.count)
        for p in parts where p.categories.count == categoryCounts.count {
            for k in categoryCounts.indices where p.categories[k].count == periods.count {
                for n in periods.indices { categoryCounts[k][n] += p.categories[k][n] }
            }
        }
        let categories = IssueCategory.allCases.enumerated().map { ($0.element, categoryCounts[$0.offset]) }.filter { $0.1.contains { $0 > 0 } }
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
                headers: [L["rollup.repository"], "ID", L["measure"], L["department"], L["report.responsible"], L["deadline"], L["status"]],
                rows: measures.map { p, m in
                    let late = (m.status == .planned || m.status == .inProgress) && m.due < today ? " (\(L.report("late")))" : ""
                    return [p.source.name, m.id.rawValue, m.title, m.department, m.owner, m.due.description + late,
                            L.reportValue(m.status) + (m.verified.map { ": \($0.result)" } ?? "")]
                })))
        }

        // Customers at risk in every repository (each judged by its own policy), by project.
        let health = parts.reduce((projects: 0, atRisk: 0, watch: 0)) { ($0.projects + $1.health.projects, $0.atRisk + $1.health.atRisk, $0.watch + $1.health.watch) }
        var atRisk: [(part: RollupPart, health: CustomerHealth)] = []
        for p in parts { for h in p.atRisk { atRisk.append((p, h)) } }
        atRisk.sort { (project($0.part, $0.health.project), $0.part.source.name) < (project($1.part, $1.health.project), $1.part.source.name) }
        doc.blocks.append(.heading(L["health.title"]))
        doc.blocks.append(.paragraph(L("health.rule", ["at_risk": String(health.atRisk), "watch": String(health.watch),
                                                       "projects": String(health.projects), "day": today.description])))
        if !atRisk.isEmpty {
            doc.blocks.append(.table(ReportTable(
                headers: [L["rollup.repository"], L["health.col.level"], L["customer"], L["project"], L["health.col.why"]],
                rows: atRisk.map { p, h in
                    [p.source.name, L.word(h.level), h.customer, project(p, h.project), L.joined(h.signals.map(L.words))]
                })))
        }

        // The risk register over every repository that uses one: the matrix of all open risks,
        // and the top risks of all (each repository kept its own top ones).
        let registers = parts.filter(\.risksUsed)
        var riskMatrix = RiskMatrix([])
        var top: [(part: RollupPart, risk: RiskReport.TopRisk)] = []
        for p in registers {
            for a in 0..<5 { for b in 0..<5 { riskMatrix.counts[a][b] += p.riskMatrix.counts[a][b] } }
            for k in p.topRisks { top.append((p, k)) }
        }
        top.sort { (-$0.risk.score, project($0.part, $0.risk.project), $0.risk.id, $0.part.source.name)
            < (-$1.risk.score, project($1.part, $1.risk.project), $1.risk.id, $1.part.source.name) }
        top = Array(top.prefix(RiskReport.topCount))
        let openRisks = registers.reduce(0) { $0 + $1.openRisks }
        let highRisks = registers.reduce(0) { $0 + $1.highRisks }
        let riskPolicy = registers.first?.policy ?? first.policy
        let highAtDiffers = registers.filter { $0.policy.riskHighAt != riskPolicy.riskHighAt }.map(\.source.name)
        if !registers.isEmpty {
            doc.blocks += RiskReport.matrixBlocks(riskMatrix, open: openRisks, high: highRisks, policy: riskPolicy, L)
            if !highAtDiffers.isEmpty {
                doc.blocks.append(.paragraph(L("rollup.risk high differs", [
                    "repository": registers[0].source.name, "at": String(riskPolicy.riskHighAt),
                    "others": registers.filter { $0.policy.riskHighAt != riskPolicy.riskHighAt }
                        .map { "\($0.source.name) \($0.policy.riskHighAt)" }.joined(separator: L["report.name sep"]),
                ])))
            }
            if !top.isEmpty {
                doc.blocks.append(.subheading(L["risk.report.top"]))
                doc.blocks.append(.table(RiskReport.topTable(top.map(\.risk), today: today, L, repository: { top[$0].part.source.name },
                                                             project: { project(top[$0].part, top[$0].risk.project) })))
            }
        }

        doc.blocks.append(.heading(L["report.recommendations"]))
        doc.blocks.append(.bullets(ReportOverview.recommendations(recurring: recurring, improvements: measures.map(\.measure), current: total,
                                                                  today: today, L)))
        doc.chartsSayMissing(L)

        let json = JSONValue.object([
            repositoriesJSON(parts.map(\.source)),
            ("period", ReportJSON.period(total)), ("as_of", .string(today.description)), ("counted_on", .string(total.countedOn.description)),
            ("plan", .string(frozen.isEmpty ? "schedule" : frozen.count == parts.count ? "frozen" : "mixed")),
        ] + ReportJSON.scope(total) + [
            ("departments", .array(perDepartment.map { d in .object([("id", .string(d.department.id)), ("name", .string(d.department.name))] + ReportJSON.scope(d.kpis)) })),
            ("trend", .array(trend.dropLast().map {
                .object([("period", ReportJSON.period($0)), ("kpis", ReportJSON.kpis($0)), ("kpi_counts", ReportJSON.kpiCounts($0))])
            })),
            ("major_issues", .array(major.map { p, i in
                var o = ProjectJSON.issue(i)
                if case .object(let pairs) = o {
                    o = .object([("repository", .string(p.source.name))] + pairs.map { $0.0 == "project" ? ($0.0, .string(project(p, i.project))) : $0 })
                }
                return o
            })),
            ("improvements", .array(measures.map { p, m in
                .object([("repository", .string(p.source.name)), ("id", .string(m.id.rawValue)), ("title", .string(m.title)),
                         ("department", .string(m.department)), ("owner", .string(m.owner)), ("due", .string(m.due.description)),
                         ("status", .string(m.status.rawValue)), ("addresses", .strings(m.addresses.map(\.rawValue)))])
            })),
            ("recurring_problems", .array(recurringFound.map { f in
                .object([("title", .string(f.problem.title)), ("category", .string(f.problem.category.rawValue)),
                         ("projects", .int(f.problem.projects)), ("issues", .int(f.problem.issues)),
                         ("repositories", .strings(repositoriesOf(f.members))),
                         ("ids", .strings(f.members.sorted { ($0.id, $0.source) < ($1.id, $1.source) }.map(issueID)))])
            })),
            ("recurring_categories", .array(categories.map {
                .object([("category", .string($0.0.rawValue)), ("periods", .strings(periods.map(\.label))), ("issues", .array($0.1.map(JSONValue.int)))])
            })),
            ("customer_health", .object([("on", .string(today.description)), ("projects", .int(health.projects)),
                                         ("at_risk", .int(health.atRisk)), ("watch", .int(health.watch)),
                                         ("customers", .array(atRisk.map { p, h in
                                             .object([("repository", .string(p.source.name)), ("project", .string(project(p, h.project))),
                                                      ("customer", .string(h.customer)), ("level", .string(h.level.rawValue)),
                                                      ("signals", .array(h.signals.map(RiskReport.signalJSON)))])
                                         }))])),
        ] + (registers.isEmpty ? [] : [
            ("risks", RiskReport.json(riskMatrix, open: openRisks, high: highRisks, highAt: riskPolicy.riskHighAt, top: top.map(\.risk),
                                      extra: { [("repository", .string(top[$0].part.source.name))] },
                                      project: { project(top[$0].part, top[$0].risk.project) })),
        ]) + (highAtDiffers.isEmpty ? [] : [("risk_high_at_differs", .strings(highAtDiffers))])
          + (rules.isEmpty ? [] : [
            ("targets_from", .string(first.source.name)),
            ("targets", .array(rules.enumerated().map { n, rule in
                .object([
                    ("indicator", .string(rule.indicator.rawValue)), ("target", AssessmentReport.number(rule.target, rule.indicator)),
                    ("lower_is_better", .bool(rule.indicator.lowerIsBetter)),
                    ("scopes", .array(targetScopes.indices.map { s in
                        let l = lines[s][n]
                        return .object([("scope", .string(targetScopes[s].id)),
                                        ("value", AssessmentReport.number(l.value, against: l.rule.target, rule.indicator)),
                                        ("target", AssessmentReport.number(l.rule.target, rule.indicator)), ("met", l.met.map { .bool($0) } ?? .null)])
                    })),
                ])
            })),
        ]) + (differing.isEmpty ? [] : [("targets_differ", .strings(differing))]))
        let csv = SummaryReport.csvRows([("total", L.report("total"), total)] + perDepartment.map { ($0.department.id, $0.department.name, $0.kpis) },
                                        period: period)
        return ReportOutput(document: doc, json: json, csv: csv)
    }

    /// The blocks that open every roll-up: the repositories read (name, path, commit,
    /// organization, projects), the rule of the sums, and which repositories closed the period.
    /// A repository that closed the report's period and has records entered or changed since
    /// gets a section of its own, as one repository's report opens with: its frozen figures
    /// beside those restated from today's records, and the late entries. In a longer period's
    /// report, each closed quarter it takes in gets one (`shown`: the frozen figures it lists).
    public static func repositoryBlocks(_ sources: [RollupSource], period: Period, _ L: Catalogue,
                                        shown: (String) -> Bool = { $0.hasPrefix("total.") }) -> [ReportDocument.Block] {
        var blocks: [ReportDocument.Block] = [.heading(L["rollup.repositories"])]
        blocks.append(.table(ReportTable(
            headers: [L["rollup.name"], L["rollup.path"], L["rollup.commit"], L["rollup.organization"], L["rollup.projects"]],
            rows: sources.map { s in
                [s.name, s.path, s.commit.map { String($0.prefix(12)) } ?? L["rollup.no commit"], s.organization, String(s.projects)]
            }, numeric: [4])))
        blocks.append(.paragraph(L["rollup.rule"]))
        for s in sources {
            guard let d = s.closedOn else { continue }
            if let section = s.closed, !section.unchanged {
                blocks.append(.paragraph(L("rollup.closed restated", ["name": s.name, "period": period.label, "date": d.description])))
            } else {
                blocks.append(.paragraph(L("rollup.closed", ["name": s.name, "period": period.label, "date": d.description])))
            }
        }
        for s in sources {
            func label(_ key: String) -> String { s.figureLabels[key] ?? key }
            if let section = s.closed, !section.unchanged {
                blocks.append(.heading(L("rollup.closed heading", ["name": s.name, "period": section.closing.period.label])))
                blocks += ClosedPeriod.body(section, frozenRows: nil, label: label, L)
            }
            for section in s.within {
                blocks.append(.heading(L("rollup.within heading", ["name": s.name, "quarter": section.closing.period.label])))
                blocks += ClosedPeriod.body(section, frozenRows: section.closing.frozen.filter { shown($0.key) }, label: label, L)
            }
        }
        return blocks
    }

    /// JSON `repositories`: name, path, commit (null outside git), organization, projects, closed_on.
    public static func repositoriesJSON(_ sources: [RollupSource]) -> (String, JSONValue) {
        ("repositories", .array(sources.map { s in
            .object([("name", .string(s.name)), ("path", .string(s.path)), ("commit", .optional(s.commit)),
                     ("organization", .string(s.organization)), ("projects", .int(s.projects)), ("closed_on", .optional(s.closedOn?.description))]
                + (s.closed.map { [("closed_period", ClosedPeriod.withinJSON($0))] } ?? [])
                + (s.within.isEmpty ? [] : [("closed_quarters", .array(s.within.map(ClosedPeriod.withinJSON)))]))
        }))
    }

    /// The subtitle of a roll-up: the organizations, the period, the as-of date.
    public static func subtitle(_ sources: [RollupSource], period: Period, today: Day, _ L: Catalogue) -> String {
        let organizations = sources.map(\.organization).filter { !$0.isEmpty }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return (organizations.isEmpty ? "" : organizations.joined(separator: L["report.name sep"]) + " · ")
            + "\(period.label) (\(period.start) – \(period.end)) · \(L.report("as of")) \(today)"
    }

    /// `report people` over several repositories: the figures of each added up per person (a
    /// person is a name), under the repositories read.
    public static func people(_ parts: [PeopleKPIs], sources: [RollupSource], scales: [Int], period: Period, today: Day,
                              department: Department?, _ L: Catalogue) -> ReportOutput {
        let countedOn = min(period.end, max(today, period.start))
        let k = PeopleKPIs.summing(parts, countedOn: countedOn, sameScale: Set(scales).count <= 1)
        var out = PeopleReport.render(k, period: period, today: today, subtitle: subtitle(sources, period: period, today: today, L),
                                      department: department, L)
        out.document.title += " · " + L("rollup.title", ["count": String(sources.count)])
        out.document.blocks.insert(contentsOf: repositoryBlocks(sources, period: period, L) + [.paragraph(L["rollup.people rule"])], at: 0)
        if case .object(let pairs) = out.json { out.json = .object([repositoriesJSON(sources)] + pairs) }
        return out
    }
}
