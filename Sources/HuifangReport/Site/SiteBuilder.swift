import HuifangCore

/// One file of the static site: its path inside the site folder ('/'-separated, relative) and
/// its bytes.
public struct SiteFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What a site is built from, as plain values: the report context (records, schedule, period,
/// as-of date, language), the texts of the case analyses the issues name and the attachments
/// that the site holds a copy of. The command reads them from one repository; a roll-up over
/// several repositories can fill in the same values.
public struct SiteInput: Sendable {
    public var context: ReportContext
    /// Case analysis texts by the repository-relative path the issue names.
    public var caseAnalyses: [String: String]
    /// The repository-relative paths of the attachments copied into the site under `files/`
    /// (an attachment missing from the repository is named, not linked).
    public var attachments: Set<String>
    /// The site is one department's (`--department`): named in every page's subtitle.
    public var department: Department?
    /// What makes the site less than whole (records left out...): on top of every page.
    public var warnings: [String] = []
    /// Called as each part of the site is built (the command's `HUIFANG_TIMINGS`).
    public var mark: (@Sendable (String) -> Void)?
    /// The context of the figures (index, department pages, assessment): for a closed quarter,
    /// its records as entered by the close (the frozen figures, as `report summary` counts
    /// them); nil: `context`. Project and issue pages always show today's records.
    public var figures: ReportContext?
    /// The closed quarter's section (the close, each figure restated since, the late entries)
    /// that the index and the assessment open with, and each department page's (by id).
    public var closed: [ReportDocument.Block] = []
    public var closedByDepartment: [String: [ReportDocument.Block]] = [:]
    /// A site over several repositories (`SiteRollup`): the folder of this repository's project
    /// and issue pages and attachment copies ("repos/NAME/"), its name (on its pages and in
    /// the search index), and what is shown before its project ids ("NAME/" when duplicate
    /// project ids are allowed).
    public var base = ""
    public var repository: String?
    public var idPrefix = ""

    public init(context: ReportContext, caseAnalyses: [String: String] = [:], attachments: Set<String> = [], department: Department? = nil) {
        self.context = context
        self.caseAnalyses = caseAnalyses
        self.attachments = attachments
        self.department = department
    }
}

/// The static site (`huifang site`): an index with the company summary, a page per department,
/// per project and per issue, the assessment, and a search page over an index of the records.
/// Pure: every page is built from `SiteInput`; the command writes the files. Pages are the
/// HTML reports' blocks (the same renderer, escaping and charts) with relative links.
public enum SiteBuilder {
    /// The folder of attachment copies inside the site.
    public static let filesFolder = "files"

    /// Every page of the site, in memory (tests, small sites).
    public static func pages(_ input: SiteInput) -> [SiteFile] {
        var out: [SiteFile] = []
        build(input) { out += $0 }
        return out
    }

    /// Builds the pages and hands them to `emit` a batch at a time (each batch built side by
    /// side on the machine's cores), so that a site of 50,000 pages is never all in memory:
    /// the command writes each batch before the next is built. Pages cannot fail to build; only
    /// `emit` (writing) can throw.
    public static func build(_ input: SiteInput, batch: Int = 512, _ emit: ([SiteFile]) throws -> Void) rethrows {
        let c = input.context
        let r = c.records
        let ix = SiteIndex(r, schedule: c.schedule.items)
        let mark = input.mark ?? { _ in }
        mark("site: index of the records")
        var first: [SiteFile] = []
        first.append(SiteFile(path: "index.html", bytes: Array(index(input, ix).utf8)))
        mark("site: index.html")
        for d in r.config.departments where ix.projectsByDepartment[d.id] != nil {
            first.append(SiteFile(path: departmentPath(d.id), bytes: Array(department(input, d, ix).utf8)))
        }
        mark("site: departments")
        first.append(SiteFile(path: "assessment.html", bytes: Array(assessment(input, ix).utf8)))
        mark("site: assessment.html")
        first.append(SiteFile(path: "search.html", bytes: SiteSearch.page(input, ix)))
        mark("site: search.html")
        try emit(first)
        try recordPages(input, ix, batch: batch, emit)
        mark("site: project and issue pages")
    }

    /// The project and issue pages of `input`'s records (under `input.base`), a batch at a time.
    public static func recordPages(_ input: SiteInput, batch: Int = 512, _ emit: ([SiteFile]) throws -> Void) rethrows {
        try recordPages(input, SiteIndex(input.context.records, schedule: input.context.schedule.items), batch: batch, emit)
    }

    static func recordPages(_ input: SiteInput, _ ix: SiteIndex, batch: Int, _ emit: ([SiteFile]) throws -> Void) rethrows {
        let r = input.context.records
        let base = input.base
        // Projects and issues: many small pages.
        let issues = r.issues + r.withdrawnIssues
        let projects = r.projects.count
        let total = projects + issues.count
        var start = 0
        while start < total {
            let end = min(total, start + batch)
            let from = start
            try emit(Parallel.map(end - start) { k in
                let n = from + k
                if n < projects {
                    let p = r.projects[n]
                    return SiteFile(path: base + projectPath(p.id), bytes: Array(project(input, p, ix).utf8))
                }
                let i = issues[n - projects]
                return SiteFile(path: base + issuePath(i.id.rawValue), bytes: Array(issue(input, i, ix).utf8))
            })
            start = end
        }
    }

    /// The way from a project or issue page to the site's root: "../", and one more "../" for
    /// each folder of `input.base`.
    static func root(_ input: SiteInput) -> String {
        "../" + String(repeating: "../", count: input.base.split(separator: "/").count)
    }

    // MARK: paths

    public static func projectPath(_ id: ProjectID) -> String { "projects/\(safe(id.rawValue)).html" }
    public static func issuePath(_ id: String) -> String { "issues/\(safe(id)).html" }
    public static func departmentPath(_ id: String) -> String { "departments/\(safe(id)).html" }

    /// A record id as a file name: ids cannot hold '/' (`ProjectID`), a department id from
    /// huifang.yaml might.
    static func safe(_ id: String) -> String {
        String(id.map { $0 == "/" || $0 == "\\" ? "_" : $0 }).replacingDotsAtStart()
    }

    // MARK: pages

    static func nav(_ L: Catalogue, up: String, extra: [(text: String, href: String)] = []) -> [(text: String, href: String)] {
        [(L["site.nav.home"], up + "index.html")] + extra + [(L["site.nav.assessment"], up + "assessment.html"), (L["site.nav.search"], up + "search.html")]
    }

    static func subtitle(_ input: SiteInput) -> String {
        let c = input.context
        var s = c.subtitle
        if let name = input.repository { s += " · " + c.labels("site.repository", ["name": name]) }
        guard let d = input.department else { return s }
        return s + " · " + c.labels("site.only department", ["name": d.name, "id": d.id])
    }

    /// `up`: the way to this repository's pages' root (links to projects and issues); `root`:
    /// the way to the site's root (the navigation), when it differs.
    static func render(_ doc: ReportDocument, _ input: SiteInput, _ ix: SiteIndex, up: String, root: String? = nil,
                       nav extra: [(text: String, href: String)] = [], after: String = "") -> String {
        var doc = doc
        doc.subtitle = subtitle(input)
        doc.warnings += input.warnings.filter { !doc.warnings.contains($0) }
        ix.link(&doc, up: up)
        return HTMLRenderer.render(doc, nav: nav(input.context.labels, up: root ?? up, extra: extra), after: after)
    }

    /// The index: the company summary (KPIs against targets with their counts, the trend, major
    /// issues, customers at risk...), then the departments and the open major issues, linked.
    static func index(_ input: SiteInput, _ ix: SiteIndex) -> String {
        let c = input.context
        let L = c.labels
        var doc = SummaryReport.build(input.figures ?? c).document
        var site: [ReportDocument.Block] = [.heading(L["site.departments"])]
        let depts = c.records.config.departments.filter { ix.projectsByDepartment[$0.id] != nil }
        var t = ReportTable(headers: [L["department"], "ID", L["site.col.projects"], L["site.col.open issues"], L["site.col.open major"]],
                            rows: depts.map { d in
                                let open = ix.openIssues(department: d.id)
                                return [d.name, d.id, String(ix.projectsByDepartment[d.id]?.count ?? 0), String(open.count),
                                        String(open.filter { $0.severity == .major }.count)]
                            }, numeric: [2, 3, 4])
        t.links[0] = depts.map { departmentPath($0.id) }
        site.append(depts.isEmpty ? .paragraph(L["site.no departments"]) : .table(t))
        // Projects whose department huifang.yaml does not name have no department page.
        let known = Set(c.records.config.departments.map(\.id))
        let orphans = c.records.projects.filter { !known.contains($0.department) }
        if !orphans.isEmpty {
            site.append(.subheading(L["site.other projects"]))
            site.append(.table(projectTable(orphans, ix, L, up: "")))
        }
        let major = c.records.issues.filter { $0.severity == .major && $0.isUnclosed }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        site.append(.heading(L["site.open major"]))
        site.append(major.isEmpty ? .paragraph(L["site.no open major"]) : .table(issueTable(major, ix, L, up: "", today: c.today)))
        // After the overview: what a reader opens next.
        let at = doc.blocks.firstIndex { if case .heading(let h) = $0 { return h == L.report("kpis") } else { return false } } ?? doc.blocks.count
        doc.blocks.insert(contentsOf: site, at: at)
        doc.blocks.insert(contentsOf: input.closed, at: 0)
        return render(doc, input, ix, up: "")
    }

    static func department(_ input: SiteInput, _ d: Department, _ ix: SiteIndex) -> String {
        let L = input.context.labels
        var doc = DepartmentReport.build(input.figures ?? input.context, d).document
        let projects = ix.projectsByDepartment[d.id] ?? []
        // After the overview: the department's projects, each linked to its page.
        let at = doc.blocks.firstIndex { if case .heading(let h) = $0 { return h == L.report("kpis") } else { return false } } ?? doc.blocks.count
        doc.blocks.insert(contentsOf: [.heading(L["site.projects"] + " (\(projects.count))"), .table(projectTable(projects, ix, L, up: "../"))], at: at)
        doc.blocks.insert(contentsOf: input.closedByDepartment[d.id] ?? [], at: 0)
        return render(doc, input, ix, up: "../")
    }

    static func assessment(_ input: SiteInput, _ ix: SiteIndex) -> String {
        var doc = AssessmentReport.build(input.figures ?? input.context).document
        doc.blocks.insert(contentsOf: input.closed, at: 0)
        return render(doc, input, ix, up: "")
    }

    static func projectTable(_ projects: [Project], _ ix: SiteIndex, _ L: Catalogue, up: String) -> ReportTable {
        var t = ReportTable(headers: ["ID", L["project"], L["customer"], L["tier"], L["owner"], L["site.col.visits"], L["site.col.open issues"],
                                      L["site.col.last visit"]],
                            rows: projects.map { p in
                                let visits = ix.visits[p.id] ?? []
                                return [p.id.rawValue, p.name, p.customer.name, L.reportValue(p.tier), p.owner, String(visits.count),
                                        String((ix.issues[p.id] ?? []).filter(\.isUnclosed).count), visits.last?.date.description ?? ""]
                            }, numeric: [5, 6])
        t.links[0] = projects.map { up + projectPath($0.id) }
        return t
    }

    static func issueTable(_ issues: [Issue], _ ix: SiteIndex, _ L: Catalogue, up: String, today: Day) -> ReportTable {
        var t = ReportTable(headers: ["ID", L["project"], L["title"], L["severity"], L["status"], L["date"], L["deadline"], L.report("resolution")],
                            rows: issues.map { i in
                                [i.id.rawValue, ix.projectName(i.project), i.title, L.reportValue(i.severity), L.reportValue(i.status),
                                 i.raised.description, i.due.description + (i.isOpen && i.due < today ? " (\(L.report("late")))" : ""),
                                 i.currentResolution.map { "\($0.date): \($0.summary)" } ?? ""]
                            })
        t.links[0] = issues.map { up + issuePath($0.id.rawValue) }
        t.links[1] = issues.map { ix.project[$0.project] == nil ? "" : up + projectPath($0.project) }
        return t
    }

    /// A project's page: its basics, the timeline (visits, issues, risks, improvements), every
    /// visit record with its attachments, its issues, risks and improvement measures.
    static func project(_ input: SiteInput, _ p: Project, _ ix: SiteIndex) -> String {
        let c = input.context
        let r = c.records
        let L = c.labels
        let up = "../"
        var doc = ReportDocument(title: L("site.project.title", ["id": input.idPrefix + p.id.rawValue, "name": p.name]), subtitle: "", language: L.language)
        let dept = r.config.department(p.department)
        doc.blocks.append(.heading(L["basics"]))
        doc.blocks.append(.facts([
            (L["project"], "\(p.id) — \(p.name)"), (L["customer"], p.customer.name),
            (L["contacts"], p.customer.contacts.map { ([$0.name] + [$0.role].compactMap { $0 }).joined(separator: " ") }.joined(separator: "; ")),
            (L["department"], dept.map { "\($0.name) (\($0.id))" } ?? p.department), (L["owner"], p.owner), (L["tier"], L.reportValue(p.tier)),
            (L["accepted"], p.accepted?.description ?? L["not accepted"]),
        ]))

        let open = (ix.schedule[p.id] ?? []).filter { $0.exists(on: c.today) && !$0.isSatisfied(on: c.today) }
        doc.blocks.append(.heading(L["site.open visits"] + " (\(c.today))"))
        doc.blocks.append(open.isEmpty ? .paragraph(L.report("none")) : .bullets(open.map {
            L("report.open visit", ["kind": L.reportValue($0.kind), "due": $0.due.description]) + ($0.due < c.today ? " (\(L.report("late")))" : "")
        }))

        let timeline = Timeline.of(p, in: ix.projectRecords(p.id), until: c.today)
        doc.blocks.append(.heading(L["site.timeline"]))
        if timeline.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            var t = ReportTable(headers: [L["date"], L["kind"], "ID", L["site.col.who"], L["summary"]], rows: timeline.map { e in
                [e.date.description, L["tl." + e.kind.rawValue], e.id, e.who ?? "", e.facts == .none ? e.subject : "[\(L.words(e.facts))] \(e.subject)"]
            })
            t.links[2] = timeline.map { e in
                switch e.kind {
                case .issue, .escalated, .resolved, .confirmed, .reopened, .closed: ix.hasIssue(e.id) ? up + issuePath(e.id) : ""
                default: ""
                }
            }
            doc.blocks.append(.table(t))
        }

        let visits = (ix.visits[p.id] ?? []).reversed()
        doc.blocks.append(.heading(L["site.visit records"] + " (\(visits.count))"))
        if visits.isEmpty { doc.blocks.append(.paragraph(L["no visits"])) }
        for v in visits {
            doc.blocks.append(.subheading("\(v.date) \(v.id) — \(L.reportValue(v.kind)), \(L.reportValue(v.method))"))
            var facts: [(String, String)] = [(L["visitor"], v.visitor), (L["contacts"], v.contacts.joined(separator: "; ")), (L["summary"], v.summary)]
            if !v.scores.isEmpty {
                facts.append((L["site.scores"], v.scores.map { "\(L.reportDimension($0.dimension)) \($0.score)" }.joined(separator: L["report.name sep"])))
            }
            if let o = v.overallScore { facts.append((L["overall"], ReportNumber.decimal(o, digits: 1))) }
            if let n = v.nps { facts.append(("NPS", String(n))) }
            if !v.issues.isEmpty { facts.append((L["site.col.issues"], v.issues.map(\.rawValue).joined(separator: " "))) }
            doc.blocks.append(.facts(facts))
            for q in v.quotes { doc.blocks.append(.quote(q, source: ([v.date.description] + v.contacts).joined(separator: " "))) }
            if !v.needs.isEmpty { doc.blocks.append(.bullets(v.needs.map { L["site.need"] + ": " + $0 })) }
            if !v.competitors.isEmpty { doc.blocks.append(.bullets(v.competitors.map { L["site.competitor"] + ": " + $0 })) }
            let files = v.attachments.map { (name: $0, path: v.attachmentPath($0)) }
            let held = files.filter { input.attachments.contains($0.path) }
            if !held.isEmpty {
                doc.blocks.append(.links(held.map { (text: L["evidence"] + ": " + $0.name, href: up + filesFolder + "/" + $0.path) }))
            }
            let missing = files.filter { !input.attachments.contains($0.path) }
            if !missing.isEmpty { doc.blocks.append(.bullets(missing.map { L("site.attachment missing", ["path": $0.path]) })) }
        }

        let issues = (ix.issues[p.id] ?? []).sorted { ($0.raised, $0.id) < ($1.raised, $1.id) }
        doc.blocks.append(.heading(L["site.col.issues"] + " (\(issues.count))"))
        doc.blocks.append(issues.isEmpty ? .paragraph(L.report("none")) : .table(issueTable(issues, ix, L, up: up, today: c.today)))

        let risks = ix.risks[p.id] ?? []
        doc.blocks.append(.heading(L["site.risks"] + " (\(risks.count))"))
        if risks.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: ["ID", L["title"], L.report("category"), L["site.col.score"], L["status"], L["owner"], L["site.col.plan"]],
                rows: risks.map { k in
                    [k.id.rawValue, k.title, L.word(k.category), L.riskScore(k, high: k.score >= r.config.policy.riskHighAt), L.word(k.status), k.owner, k.plan]
                })))
        }

        let measures = ix.improvements(of: p.id)
        doc.blocks.append(.heading(L.report("improvement measures") + " (\(measures.count))"))
        if measures.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            var t = ReportTable(headers: ["ID", L["measure"], L["report.responsible"], L["deadline"], L["status"], L["site.col.addresses"]],
                                rows: measures.map { m in
                                    [m.id.rawValue, m.title, m.owner, m.due.description,
                                     L.reportValue(m.status) + (m.verified.map { ": \($0.result)" } ?? ""), m.addresses.map(\.rawValue).joined(separator: " ")]
                                })
            t.links[5] = measures.map { m in m.addresses.count == 1 && ix.hasIssue(m.addresses[0].rawValue) ? up + issuePath(m.addresses[0].rawValue) : "" }
            doc.blocks.append(.table(t))
        }
        var extra: [(text: String, href: String)] = []
        if let dept, ix.projectsByDepartment[dept.id] != nil { extra.append((dept.name, root(input) + departmentPath(dept.id))) }
        return render(doc, input, ix, up: up, root: root(input), nav: extra)
    }

    /// An issue's page: its facts, the route by severity, the history and the case analysis.
    static func issue(_ input: SiteInput, _ i: Issue, _ ix: SiteIndex) -> String {
        let c = input.context
        let r = c.records
        let L = c.labels
        let up = "../"
        var doc = ReportDocument(title: L("site.issue.title", ["id": i.id.rawValue, "title": i.title]), subtitle: "", language: L.language)
        var facts: [(String, String)] = [
            (L["issue.project"], "\(i.project) — \(ix.projectName(i.project))"),
            (L["issue.severity"], L.word(i.severity)), (L["issue.category"], L.word(i.category)),
            (L["issue.source"], i.visit.map { L("issue.in_visit", ["source": L.word(i.source), "visit": $0.rawValue]) } ?? L.word(i.source)),
            (L["issue.raised"], i.raised.description), (L["issue.owner"], "\(i.owner) (\(i.department))"),
        ]
        if i.isWithdrawn {
            facts.append((L["issue.due"], i.due.description))
            facts.append((L["issue.status"], L("issue.mistake", ["status": L.word(i.status)])))
        } else {
            let state = i.deadlineState(on: c.today, calendar: r.calendar, dueSoonShare: r.config.policy.dueSoonShare)
            facts.append((L["issue.due"], "\(i.due) [\(L.words(state))]"))
            facts.append((L["issue.status"], L.word(i.status)))
        }
        if let res = i.currentResolution { facts.append((L["issue.resolved"], "\(res.date)\(res.onSpot ? L["issue.on_the_spot"] : ""): \(res.summary)")) }
        if let cf = i.currentConfirmation { facts.append((L["issue.confirmed"], "\(cf.date), \(L[cf.satisfied ? "issue.satisfied" : "issue.unsatisfied"])")) }
        doc.blocks.append(.heading(L["basics"]))
        doc.blocks.append(.facts(facts))

        doc.blocks.append(.heading(L["site.routing"]))
        if let p = ix.project[i.project] {
            let route = Routing.route(i.severity, project: p, config: r.config, calendar: r.calendar, from: i.deadlineStart, visitor: nil, source: i.source)
            var rows: [(String, String)] = [(L["issue.handled_by"], L.words(route.handler)), (L["issue.tell_now"], L.joined(route.notify.map(L.words)))]
            if !route.reportOnResolution.isEmpty { rows.append((L["issue.afterwards"], L.joined(route.reportOnResolution.map(L.words)))) }
            rows.append((L["issue.to_close"], L.words(route.toClose)))
            if let cs = route.followedBy { rows.append((L["issue.followed_by"], L("issue.follows", ["name": cs.name, "id": cs.id, "head": cs.head]))) }
            doc.blocks.append(.facts(rows))
        } else {
            doc.blocks.append(.paragraph(L.report("none")))
        }

        doc.blocks.append(.heading(L["issue.history"]))
        doc.blocks.append(.table(ReportTable(headers: [L["date"], L["site.col.action"], L["site.col.who"], L["site.col.change"], L["site.col.note"]],
                                             rows: i.history.map { h in
                                                 [h.at.description, h.kind.map { L["hist." + $0.rawValue] } ?? h.action, h.by ?? "",
                                                  [h.from.map { L.word($0) }, h.to.map { L.word($0) }].compactMap { $0 }.joined(separator: " → ")
                                                      + (h.reason.map { " " + L("hist.reason", ["reason": L.historyReason($0)]) } ?? ""),
                                                  h.note ?? ""]
                                             })))

        doc.blocks.append(.heading(L["site.case analysis"]))
        if let path = i.caseAnalysis {
            if let text = input.caseAnalyses[path] {
                doc.blocks.append(.paragraph(L("site.case file", ["path": path])))
                doc.blocks += caseBlocks(text)
            } else {
                doc.blocks.append(.paragraph(L("site.case missing", ["path": path])))
            }
        } else {
            doc.blocks.append(.paragraph(L[i.severity == .major ? "site.no case major" : "site.no case"]))
        }

        let measures = ix.improvementsByIssue[i.id] ?? []
        if !measures.isEmpty {
            doc.blocks.append(.heading(L.report("improvement measures")))
            doc.blocks.append(.bullets(measures.map { "\($0.id) \($0.title) — \($0.owner), \($0.due), \(L.reportValue($0.status))" }))
        }
        var extra: [(text: String, href: String)] = []
        if ix.project[i.project] != nil { extra.append((ix.projectName(i.project), up + projectPath(i.project))) }
        return render(doc, input, ix, up: up, root: root(input), nav: extra)
    }

    /// A case analysis (Markdown as people write it) as blocks: headings as subheadings,
    /// list items as bullets, other lines as paragraphs; the text itself escaped by the renderer.
    static func caseBlocks(_ text: String) -> [ReportDocument.Block] {
        var out: [ReportDocument.Block] = []
        var paragraph: [String] = []
        var bullets: [String] = []
        func flush() {
            if !paragraph.isEmpty { out.append(.paragraph(paragraph.joined(separator: " "))) }
            if !bullets.isEmpty { out.append(.bullets(bullets)) }
            paragraph = []
            bullets = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingSpaces()
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("#") {
                flush()
                out.append(.subheading(String(line.drop { $0 == "#" }).trimmingSpaces()))
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                if !paragraph.isEmpty { flush() }
                bullets.append(String(line.dropFirst(2)))
            } else {
                if !bullets.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return out
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var s = self
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

extension String {
    func trimmingSpaces() -> String { Substring(self).trimmingSpaces() }

    /// No hidden or parent-folder file names (".x", ".."): a leading dot becomes '_'.
    func replacingDotsAtStart() -> String { hasPrefix(".") ? "_" + dropFirst() : self }
}
