import HuifangCore

/// A site over several repositories (`huifang site --repo A --repo B`, or a workspace.yaml;
/// issue 20, docs/WORKSPACE.md). The index, the department pages and the assessment carry the
/// roll-up's figures (`RollupReport`: every rate recomputed over the union of the records,
/// never averaged); each repository's project and issue pages are `SiteBuilder`'s, under
/// `repos/NAME/`, built and handed over while that repository's records are in memory; the
/// search page indexes every repository's records.
///
/// Used in two steps per repository, so that memory follows the largest repository: `reduce`
/// keeps the figures of its records (as the roll-up report does), `addPages` builds its pages
/// and keeps what the shared pages need of them (each department's project rows, the pages of
/// its major issues, its search entries as JSON text); `pages` then builds the shared pages.
public struct SiteRollup: Sendable {
    public var sources: [RollupSource] = []
    public var parts: [RollupPart] = []
    public var assessment: [RollupAssessmentPart] = []
    /// The departments with projects in any repository (in the order first met) and, for each,
    /// the figures of its own records per repository.
    public var departments: [Department] = []
    public var departmentParts: [String: [RollupPart]] = [:]
    /// Per department: its projects in every repository (a row and the link of its id).
    var projectRows: [String: [ProjectRow]] = [:]
    struct ProjectRow: Sendable {
        var row: [String]
        var link: String
    }
    var open: [String: (issues: Int, major: Int)] = [:]
    /// The page of each major issue the index lists: by repository name, then issue id.
    var issuePages: [String: [String: String]] = [:]
    /// Each repository's search entries, as JSON text (`SiteSearch.entriesJSON`).
    var search: [String] = []
    /// `--allow-duplicate-projects`: project ids shown as REPOSITORY/ID.
    public var prefixProjects = false
    /// `--department D`: the records of D only (each repository narrowed by `SiteScope`).
    public var department: Department?

    public init(prefixProjects: Bool, department: Department?) {
        self.prefixProjects = prefixProjects
        self.department = department
    }

    /// The folder of a repository's pages inside the site: `repos/` and its name, with every
    /// character that is not a letter, a digit, '-', '_' or '.' replaced by '_' (so that a link
    /// is a plain relative path), never hidden, and made unique among `taken`.
    public static func folder(_ name: String, taken: Set<String>) -> String {
        var safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }).replacingDotsAtStart()
        if safe.isEmpty { safe = "repository" }
        var candidate = "repos/" + safe + "/"
        var n = 2
        while taken.contains(candidate) {
            candidate = "repos/\(safe)-\(n)/"
            n += 1
        }
        return candidate
    }

    /// Keeps the figures of one repository (`c`: its records as the figures count them, a
    /// closed quarter's as entered by the close): the summary's, the assessment's and each
    /// department's own.
    public mutating func reduce(_ c: ReportContext, source: RollupSource) {
        sources.append(source)
        parts.append(RollupPart.reduce(c, source: source))
        assessment.append(RollupAssessmentPart.reduce(c))
        for (d, ids) in KPIEngine.departmentsWithProjects(c.records) {
            if !departments.contains(where: { $0.id == d.id }) { departments.append(d) }
            var one = c
            one.records = SiteScope.narrowed(c.records, to: d.id)
            one.schedule = Schedule(items: c.schedule.items.filter { ids.contains($0.project) }, uncoveredYears: c.schedule.uncoveredYears)
            departmentParts[d.id, default: []].append(RollupPart.reduce(one, source: source))
        }
    }

    /// Builds one repository's project and issue pages (`input`: today's records, with its
    /// `base`, `repository` and `idPrefix`) and hands them to `emit` a batch at a time; keeps
    /// what the shared pages need of them.
    public mutating func addPages(_ input: SiteInput, _ emit: ([SiteFile]) throws -> Void) rethrows {
        let c = input.context
        let r = c.records
        let L = c.labels
        let ix = SiteIndex(r, schedule: c.schedule.items)
        let name = input.repository ?? ""
        for d in r.config.departments {
            guard let projects = ix.projectsByDepartment[d.id] else { continue }
            // A department whose projects all came after a close has no figures, but a page.
            if !departments.contains(where: { $0.id == d.id }) { departments.append(d) }
            let t = SiteBuilder.projectTable(projects, ix, L, up: "")
            for (n, row) in t.rows.enumerated() {
                let cells: [String] = [name, input.idPrefix + row[0]] + Array(row.dropFirst())
                projectRows[d.id, default: []].append(ProjectRow(row: cells, link: "../" + input.base + (t.links[0]?[n] ?? "")))
            }
            let openIssues = ix.openIssues(department: d.id)
            let seen = open[d.id] ?? (0, 0)
            open[d.id] = (seen.issues + openIssues.count, seen.major + openIssues.filter { $0.severity == .major }.count)
        }
        // The major issues the index lists (those raised in the period): their pages.
        for i in r.issues where i.severity == .major && c.period.contains(i.raised) {
            issuePages[name, default: [:]][i.id.rawValue] = input.base + SiteBuilder.issuePath(i.id.rawValue)
        }
        search.append(SiteSearch.entriesJSON(input, ix))
        try SiteBuilder.recordPages(input, ix, batch: 512, emit)
    }

    /// The shared pages: the index (the roll-up summary, the departments), a page per
    /// department, the assessment and the search page. `warnings`: on top of every page.
    public func pages(period: Period, today: Day, warnings: [String], _ L: Catalogue) -> [SiteFile] {
        var out: [SiteFile] = []
        let subtitle = RollupReport.subtitle(sources, period: period, today: today, L)
            + (department.map { " · " + L("site.only department", ["name": $0.name, "id": $0.id]) } ?? "")
        func page(_ doc: ReportDocument, up: String, after: String = "") -> [UInt8] {
            var doc = doc
            doc.subtitle = subtitle
            doc.warnings += warnings.filter { !doc.warnings.contains($0) }
            link(&doc, up: up, L)
            return Array(HTMLRenderer.render(doc, nav: SiteBuilder.nav(L, up: up), after: after).utf8)
        }

        // The index: the roll-up summary, with the departments (linked) after the repositories read.
        var index = RollupReport.summary(parts, period: period, today: today, prefixProjects: prefixProjects, L).document
        var site: [ReportDocument.Block] = [.paragraph(L["site.rollup.repository note"]), .heading(L["site.departments"])]
        var t = ReportTable(headers: [L["department"], "ID", L["site.col.projects"], L["site.col.open issues"], L["site.col.open major"]],
                            rows: departments.map { d in
                                [d.name, d.id, String(projectRows[d.id]?.count ?? 0), String(open[d.id]?.issues ?? 0), String(open[d.id]?.major ?? 0)]
                            }, numeric: [2, 3, 4])
        t.links[0] = departments.map { SiteBuilder.departmentPath($0.id) }
        site.append(departments.isEmpty ? .paragraph(L["site.no departments"]) : .table(t))
        index.blocks.insert(contentsOf: site, at: Self.overviewEnd(index, L))
        out.append(SiteFile(path: "index.html", bytes: page(index, up: "")))

        for d in departments {
            var doc: ReportDocument
            if let ps = departmentParts[d.id], !ps.isEmpty {
                doc = RollupReport.summary(ps, period: period, today: today, prefixProjects: prefixProjects, L).document
                doc.title = "\(d.name) (\(d.id)) · " + doc.title
            } else {
                doc = ReportDocument(title: "\(d.name) (\(d.id))", subtitle: "", language: L.language)
            }
            let rows = projectRows[d.id] ?? []
            var projects = ReportTable(headers: [L["rollup.repository"], "ID", L["project"], L["customer"], L["tier"], L["owner"], L["site.col.visits"],
                                                 L["site.col.open issues"], L["site.col.last visit"]],
                                       rows: rows.map(\.row), numeric: [6, 7])
            projects.links[1] = rows.map(\.link)
            doc.blocks.insert(contentsOf: [.heading(L["site.projects"] + " (\(rows.count))"), .table(projects)], at: Self.overviewEnd(doc, L))
            out.append(SiteFile(path: SiteBuilder.departmentPath(d.id), bytes: page(doc, up: "../")))
        }

        out.append(SiteFile(path: "assessment.html",
                            bytes: page(RollupReport.assessment(assessment, sources: sources, period: period, today: today, L).document, up: "")))

        let (doc, after) = SiteSearch.parts(L, index: "[" + search.filter { !$0.isEmpty }.joined(separator: ",") + "]")
        out.append(SiteFile(path: "search.html", bytes: page(doc, up: "", after: after)))
        return out
    }

    /// Where a summary's overview ends: before its KPI heading.
    static func overviewEnd(_ doc: ReportDocument, _ L: Catalogue) -> Int {
        doc.blocks.firstIndex { if case .heading(let h) = $0 { return h == L.report("kpis") } else { return false } } ?? doc.blocks.count
    }

    /// Links the issue ids of the tables that name each row's repository (the major issues) to
    /// their pages.
    func link(_ doc: inout ReportDocument, up: String, _ L: Catalogue) {
        for n in doc.blocks.indices {
            guard case .table(var t) = doc.blocks[n], t.headers.first == L["rollup.repository"], let id = t.headers.firstIndex(of: "ID"),
                  t.links[id] == nil
            else { continue }
            let hrefs = t.rows.map { row in issuePages[row[0]]?[row[id]].map { up + $0 } ?? "" }
            guard hrefs.contains(where: { !$0.isEmpty }) else { continue }
            t.links[id] = hrefs
            doc.blocks[n] = .table(t)
        }
    }
}
