import HuifangCore
import HuifangReport
import HuifangStore

/// Makes one record of one row, as `visit log`, `issue add` and `project add` would make it,
/// with the row's `imported:` at its end.
struct ImportBuilder {
    let source: ImportSource
    let records: Records
    let ctx: CommandContext
    var ids = IDGenerator()
    var takenVisits: Set<VisitID>
    var takenIssues: Set<IssueID>
    /// Project ids of this import, by the row that gives them.
    var newProjects: [ProjectID: Int] = [:]
    /// Visits by project and day, to link an issue whose source is a visit.
    let visitsOn: [String: [Visit]]
    /// Visits already there by project, date, method and summary (a visit typed in twice).
    var logged: [String: Visit] = [:]
    /// Projects by name (trimmed), and by id.
    let byName: [String: [Project]]
    let byID: [ProjectID: Project]
    /// The new visits' dates and given kinds, by their id, for `assignKinds`.
    var visitFacts: [String: (project: Project, date: Day, kind: VisitKind?, visit: Visit)] = [:]

    init(source: ImportSource, records r: Records, ctx: CommandContext) {
        self.source = source
        self.records = r
        self.ctx = ctx
        takenVisits = Set(r.visits.map(\.id))
        takenIssues = Set((r.issues + r.withdrawnIssues).map(\.id))
        visitsOn = Dictionary(grouping: r.visits) { "\($0.project)\u{1F}\($0.date)" }
        byName = Dictionary(grouping: r.projects) { $0.name.trimmed }
        byID = Dictionary(r.projects.map { ($0.id, $0) }) { a, _ in a }
        for v in r.visits { logged[Self.sameVisit(v.project, v.date, v.method, v.summary)] = v }
    }

    static func sameVisit(_ p: ProjectID, _ d: Day, _ m: VisitMethod, _ s: String) -> String { "\(p)\u{1F}\(d)\u{1F}\(m)\u{1F}\(s.trimmed)" }

    mutating func build(_ row: inout RowReader, origin: String) -> ImportPlan.Created? {
        switch source.kind {
        case .visits: return visit(&row, origin: origin)
        case .issues: return issue(&row, origin: origin)
        case .projects: return project(&row, origin: origin)
        }
    }

    /// The project a row names, by id or by name (narrowed by the customer's name when it is
    /// given); an unknown or ambiguous one is a problem, never a guess.
    func project(_ row: inout RowReader) -> Project? {
        let (t, c) = row.cell("project")
        if t.isEmpty { row.fail("project", c, "import.bad.empty"); return nil }
        if let id = ProjectID(t), let p = byID[id] { return p }
        var found = byName[t] ?? records.projects.filter { $0.id.rawValue.lowercased() == t.lowercased() }
        let customer = row.cell("customer").text
        if found.count > 1, !customer.isEmpty {
            let narrowed = found.filter { $0.customer.name.trimmed == customer }
            if !narrowed.isEmpty { found = narrowed }
        }
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            row.fail("project", c, "import.bad.no-project", ["value": t])
        } else {
            row.fail("project", c, "import.bad.ambiguous-project",
                     ["value": t, "count": String(found.count), "ids": found.map(\.id.rawValue).joined(separator: ", ")])
        }
        return nil
    }

    mutating func visit(_ row: inout RowReader, origin: String) -> ImportPlan.Created? {
        let today = ctx.today
        let config = records.config
        let p = project(&row)
        let date = row.day("date", required: true, today: today)
        let method = row.word("method", VisitMethod.self, required: true)
        let kind = row.word("kind", VisitKind.self, required: false)
        let operation = row.word("operation", Operation.self, required: false)
        let summary = row.text("summary")
        let scale = config.satisfaction.scale
        var scores: [(dimension: String, score: Int)] = []
        for d in config.satisfaction.dimensions {
            if let n = row.number(d, 1...scale) { scores.append((d, n)) }
        }
        let overall = row.number("overall", 1...scale)
        let nps = row.number("nps", 0...10)
        guard let p, let date, let method, let summary, row.problems.isEmpty else { return nil }
        if let same = logged[Self.sameVisit(p.id, date, method, summary)] {
            row.fail("summary", row.cell("summary").column, "import.bad.same-visit", ["id": same.id.rawValue, "path": same.location.path])
            return nil
        }
        let id = ids.next(VisitID.self) { takenVisits.contains($0) }
        takenVisits.insert(id)
        let path = ctx.repository.visitFile(project: p.id, date: date, visit: id)
        let visit = Visit(
            id: id, project: p.id, date: date, kind: kind ?? .periodic, method: method,
            visitor: row.optionalText("visitor") ?? p.owner, contacts: row.list("contacts", separators: ["、", "，", ",", "；", ";", "/"]),
            summary: summary, operation: operation, scores: scores, overall: overall, nps: nps, quotes: row.list("quotes"),
            needs: row.list("needs"), competitors: row.list("competitors"), location: SourceLocation(path: path))
        logged[Self.sameVisit(p.id, date, method, summary)] = visit
        visitFacts[id.rawValue] = (p, date, kind, visit)
        return ImportPlan.Created(id: id.rawValue, what: "\(p.id) \(date) \(method.rawValue)", place: row.place(nil), path: path,
                                  text: origin, job: .visit(project: p.id, file: "\(date)-\(id).yaml"))
    }

    /// The kind of each new visit without one: 'stage' before the project's acceptance (or
    /// while it has none), 'first' for the first visit on or after it (counting the visits
    /// already there and the earlier ones of this import), else 'periodic'. Then the text.
    func assignKinds(_ created: inout [ImportPlan.Created]) {
        let order = created.indices.compactMap { i in visitFacts[created[i].id].map { ($0.date, i) } }.sorted { $0 < $1 }.map(\.1)
        var seenAfterAcceptance: [ProjectID: Day] = [:]
        for v in records.visits {
            guard let accepted = byID[v.project]?.accepted, v.date >= accepted else { continue }
            seenAfterAcceptance[v.project] = min(seenAfterAcceptance[v.project] ?? v.date, v.date)
        }
        for i in order {
            let f = visitFacts[created[i].id]!
            var visit = f.visit
            if let given = f.kind {
                visit.kind = given
            } else if let accepted = f.project.accepted, f.date >= accepted {
                visit.kind = (seenAfterAcceptance[f.project.id].map { $0 < f.date } ?? false) ? .periodic : .first
            } else {
                visit.kind = .stage
            }
            if let accepted = f.project.accepted, f.date >= accepted {
                seenAfterAcceptance[f.project.id] = min(seenAfterAcceptance[f.project.id] ?? f.date, f.date)
            }
            created[i].text = RecordEncoder.visit(visit) + created[i].text + "recorded: \(ctx.today)\n"
            created[i].what += " " + visit.kind.rawValue
        }
    }

    mutating func issue(_ row: inout RowReader, origin: String) -> ImportPlan.Created? {
        let today = ctx.today
        let r = records
        let p = project(&row)
        let title = row.text("title")
        let raised = row.day("raised", required: false, today: today) ?? (row.cell("raised").text.isEmpty ? today : nil)
        let category = row.word("category", IssueCategory.self, required: true)
        let severity = row.word("severity", Severity.self, required: true)
        let given = row.word("source", IssueSource.self, required: false)
        let department = row.optionalText("department")
        if let department, r.config.department(department) == nil {
            row.fail("department", row.cell("department").column, "import.bad.department",
                     ["value": department, "known": r.config.departments.map(\.id).joined(separator: ", ")])
        }
        let resolution = row.optionalText("resolution")
        let resolvedOn = row.day("resolved", required: false, today: today)
        guard let p, let title, let raised, let category, let severity, row.problems.isEmpty else { return nil }
        if resolution != nil && resolvedOn == nil {
            row.fail("resolved", row.cell("resolved").column, "import.bad.resolution-needs-date")
        }
        if resolution == nil, resolvedOn != nil {
            row.fail("resolution", row.cell("resolution").column, "import.bad.date-needs-resolution")
        }
        if let resolvedOn, resolvedOn < raised {
            row.fail("resolved", row.cell("resolved").column, "import.bad.resolved-before-raised",
                     ["date": resolvedOn.description, "raised": raised.description])
        }
        var visit: Visit?
        if given == .visit {
            let on = visitsOn["\(p.id)\u{1F}\(raised)"] ?? []
            if on.count == 1 {
                visit = on[0]
            } else {
                row.fail("source", row.cell("source").column, "import.bad.source-visit",
                         ["project": p.id.rawValue, "date": raised.description, "count": String(on.count)])
            }
        }
        guard row.problems.isEmpty else { return nil }
        let src = given ?? .customer
        let route = Routing.route(severity, project: p, config: r.config, calendar: r.calendar, from: raised, visitor: visit?.visitor,
                                  source: src)
        let id = ids.next(IssueID.self) { takenIssues.contains($0) }
        takenIssues.insert(id)
        let path = ctx.repository.issueFile(project: p.id, issue: id)
        let owner = row.optionalText("owner") ?? route.owner
        let who = recorder(nil, fallback: visit?.visitor ?? p.owner)
        var issue = Issue(
            id: id, project: p.id, title: title, raised: raised, source: src, visit: visit?.id, category: category,
            severity: severity, owner: owner, department: department ?? route.department, due: route.due, status: .open,
            history: [HistoryEntry(at: raised, action: .opened, by: who)], location: SourceLocation(path: path))
        if let resolution, let resolvedOn {
            switch IssueLifecycle.apply(.resolve(summary: resolution, onSpot: false), to: issue, on: resolvedOn, by: owner,
                                        policy: r.config.policy, calendar: r.calendar) {
            case .success(let resolved): issue = resolved
            case .failure:
                row.fail("resolved", row.cell("resolved").column, "import.bad.resolved-before-raised",
                         ["date": resolvedOn.description, "raised": raised.description])
                return nil
            }
        }
        return ImportPlan.Created(id: id.rawValue, what: "\(p.id) \(title)", place: row.place(nil), path: path,
                                  text: RecordEncoder.issue(issue) + origin + "recorded: \(ctx.today)\n", job: .issue(project: p.id, file: "\(id).yaml"))
    }

    mutating func project(_ row: inout RowReader, origin: String) -> ImportPlan.Created? {
        let r = records
        let (idText, idColumn) = row.cell("id")
        var pid: ProjectID?
        if idText.isEmpty {
            row.fail("id", idColumn, "import.bad.empty")
        } else if let id = ProjectID(idText) {
            pid = id
        } else {
            row.fail("id", idColumn, "import.bad.project-id", ["value": idText])
        }
        let name = row.text("name")
        let customer = row.text("customer")
        let owner = row.text("owner")
        let tier = row.word("tier", Tier.self, required: true)
        let accepted = row.day("accepted", required: false, today: ctx.today)
        var department: String?
        let (d, dc) = row.cell("department")
        if d.isEmpty {
            row.fail("department", dc, "import.bad.empty")
        } else if let dept = r.config.department(d) ?? r.config.departments.first(where: { $0.name == d }) {
            department = dept.id
        } else {
            row.fail("department", dc, "import.bad.department", ["value": d, "known": r.config.departments.map(\.id).joined(separator: ", ")])
        }
        var contacts: [Contact] = []
        for text in row.list("contacts", separators: ["；", ";", "、"]) {
            if let c = try? parseContact(text) { contacts.append(c) } else { row.fail("contacts", row.cell("contacts").column, "import.bad.contact", ["value": text]) }
        }
        let tags = row.list("tags", separators: ["、", "，", ",", "；", ";"])
        guard let pid, let name, let customer, let owner, let tier, let department, row.problems.isEmpty else { return nil }
        let folder = ctx.repository.projectFolder(pid.rawValue)
        if byID[pid] != nil || FileSystem.exists(ctx.repository.path(folder) + "/project.yaml") {
            row.fail("id", idColumn, "import.bad.project-exists", ["id": pid.rawValue, "path": folder + "/project.yaml"])
            return nil
        }
        if let other = newProjects[pid] {
            row.fail("id", idColumn, "import.bad.project-twice", ["id": pid.rawValue, "row": String(other)])
            return nil
        }
        newProjects[pid] = row.row.number
        let path = folder + "/project.yaml"
        let project = Project(id: pid, name: name, customer: Customer(name: customer, contacts: contacts), department: department,
                              owner: owner, tier: tier, accepted: accepted, tags: tags, location: SourceLocation(path: path))
        return ImportPlan.Created(id: pid.rawValue, what: name, place: row.place(nil), path: path,
                                  text: RecordEncoder.project(project) + origin + "recorded: \(ctx.today)\n", job: .project(folder: pid.rawValue))
    }
}
