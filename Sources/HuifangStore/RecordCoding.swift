import HuifangCore

/// Records and findings in the cache's binary form. A reader of another layout throws;
/// the cache header's version makes that rare.
enum RecordCoding {
    /// The binary layout's version, part of `HuifangStoreVersion`: raise it with any change to
    /// what is written here (`RecordCodingLayoutTests` fails until it is raised and the
    /// layout's new digest recorded), and with any change to what a file decodes to (6: a
    /// misspelt key whose right spelling is missing became an error, so a visit cached with
    /// a warning must be read again; 7: a number with a leading zero or `+` (`nps: 010`)
    /// became an error, so a visit cached with the number read must be read again).
    static let version = 7

    static func write(_ w: inout BinaryWriter, _ d: Day) { w.int(Int(d.ordinal)) }
    static func day(_ r: inout BinaryReader) throws(BinaryError) -> Day { Day(ordinal: Int32(truncatingIfNeeded: try r.int())) }

    static func write(_ w: inout BinaryWriter, _ p: Position) {
        w.int(Int(p.line))
        w.int(Int(p.column))
    }

    static func position(_ r: inout BinaryReader) throws(BinaryError) -> Position { Position(line: try r.int(), column: try r.int()) }

    // MARK: Enums
    // Every enum that records hold is kept as the index of its case in these lists (one byte;
    // reading it makes no string and asks no string switch). The lists are part of the cache's
    // version (`HuifangStoreVersion`): a case added, removed or moved makes old caches ignored.
    static let tiers = Tier.allCases
    static let visitKinds = VisitKind.allCases
    static let visitMethods = VisitMethod.allCases
    static let operations = Operation.allCases
    static let issueSources = IssueSource.allCases
    static let issueCategories = IssueCategory.allCases
    static let severities = Severity.allCases
    static let issueStatuses = IssueStatus.allCases
    static let improvementStatuses = ImprovementStatus.allCases
    static let eventKinds = EventKind.allCases

    /// The case lists of the enums coded by index, by name (part of the cache's version).
    static let enumCases: [(String, [String])] = [
        ("enum Tier", tiers.map(\.rawValue)), ("enum VisitKind", visitKinds.map(\.rawValue)),
        ("enum VisitMethod", visitMethods.map(\.rawValue)), ("enum Operation", operations.map(\.rawValue)),
        ("enum IssueSource", issueSources.map(\.rawValue)), ("enum IssueCategory", issueCategories.map(\.rawValue)),
        ("enum Severity", severities.map(\.rawValue)), ("enum IssueStatus", issueStatuses.map(\.rawValue)),
        ("enum ImprovementStatus", improvementStatuses.map(\.rawValue)), ("enum EventKind", eventKinds.map(\.rawValue)),
        ("enum RiskCategory", riskCategories.map(\.rawValue)), ("enum RiskResponse", riskResponses.map(\.rawValue)),
        ("enum RiskStatus", riskStatuses.map(\.rawValue)),
    ]

    static func write<T: Equatable>(_ w: inout BinaryWriter, _ v: T, of cases: [T]) {
        // Every case is in its list (the lists are `allCases`).
        w.uint(UInt64(cases.firstIndex(of: v) ?? cases.count))
    }

    static func choice<T>(_ r: inout BinaryReader, _ cases: [T]) throws(BinaryError) -> T {
        let k = try r.uint()
        guard k < UInt64(cases.count) else { throw BinaryError() }
        return cases[Int(k)]
    }

    static func optChoice<T>(_ r: inout BinaryReader, _ cases: [T]) throws(BinaryError) -> T? {
        try r.optional { (r: inout BinaryReader) throws(BinaryError) in try choice(&r, cases) }
    }

    static func recordID<K>(_ r: inout BinaryReader, _ type: RecordID<K>.Type) throws(BinaryError) -> RecordID<K> {
        guard let v = RecordID<K>(try r.string()) else { throw BinaryError() }
        return v
    }

    static func projectID(_ r: inout BinaryReader) throws(BinaryError) -> ProjectID {
        guard let v = ProjectID(try r.string()) else { throw BinaryError() }
        return v
    }

    static func strings(_ w: inout BinaryWriter, _ a: [String]) { w.array(a) { $0.string($1) } }
    static func strings(_ r: inout BinaryReader) throws(BinaryError) -> [String] { try r.array { (r: inout BinaryReader) throws(BinaryError) in try r.string() } }
    static func optString(_ w: inout BinaryWriter, _ s: String?) { w.optional(s) { $0.string($1) } }
    static func optString(_ r: inout BinaryReader) throws(BinaryError) -> String? { try r.optional { (r: inout BinaryReader) throws(BinaryError) in try r.string() } }
    static func optInt(_ w: inout BinaryWriter, _ n: Int?) { w.optional(n) { $0.int($1) } }
    static func optInt(_ r: inout BinaryReader) throws(BinaryError) -> Int? { try r.optional { (r: inout BinaryReader) throws(BinaryError) in try r.int() } }

    // MARK: Findings

    static func write(_ w: inout BinaryWriter, _ f: Finding) {
        w.bool(f.severity == .error)
        w.string(f.path)
        w.int(f.line)
        w.int(f.column)
        w.string(f.message)
        optString(&w, f.hint)
        optString(&w, f.code?.rawValue)
        let values = f.values.sorted { $0.key < $1.key }
        w.array(values) { $0.string($1.key); $0.string($1.value) }
    }

    static func finding(_ r: inout BinaryReader) throws(BinaryError) -> Finding {
        let error = try r.bool()
        var f = Finding(error ? .error : .warning, path: try r.string(), line: try r.int(), column: try r.int(), message: try r.string(),
                        hint: try optString(&r))
        f.code = try optString(&r).flatMap(Finding.Code.init(rawValue:))
        let pairs = try r.array { (r: inout BinaryReader) throws(BinaryError) in (try r.string(), try r.string()) }
        for (key, value) in pairs { f.values[key] = value }
        return f
    }

    // MARK: Outcomes

    static func write(_ w: inout BinaryWriter, _ o: RepositoryLoader.Outcome) {
        w.array(o.findings) { write(&$0, $1) }
        switch o.record {
        case nil: w.uint(0)
        case .project(let p)?:
            w.uint(1)
            write(&w, p)
        case .visit(let v)?:
            w.uint(2)
            write(&w, v)
        case .issue(let i)?:
            w.uint(3)
            write(&w, i)
        case .improvement(let m)?:
            w.uint(4)
            write(&w, m)
        case .event(let e)?:
            w.uint(5)
            write(&w, e)
        case .plan(let p)?:
            w.uint(6)
            write(&w, p)
        case .assessment(let a)?:
            w.uint(7)
            write(&w, a)
        case .risk(let k)?:
            w.uint(8)
            write(&w, k)
        }
        w.optional(o.record?.recorded) { write(&$0, $1) }
    }

    static func outcome(_ r: inout BinaryReader, path: String) throws(BinaryError) -> RepositoryLoader.Outcome {
        let findings = try r.array { (r: inout BinaryReader) throws(BinaryError) in try finding(&r) }
        let location = SourceLocation(path: path)
        let record: RepositoryLoader.Decoded?
        switch try r.uint() {
        case 0: record = nil
        case 1: record = .project(try project(&r, location))
        case 2: record = .visit(try visit(&r, location))
        case 3: record = .issue(try issue(&r, location))
        case 4: record = .improvement(try improvement(&r, location))
        case 5: record = .event(try event(&r, location))
        case 6: record = .plan(try plan(&r, location))
        case 7: record = .assessment(try assessment(&r, location))
        case 8: record = .risk(try risk(&r, location))
        default: throw BinaryError()
        }
        let recorded = try r.optional { (r: inout BinaryReader) throws(BinaryError) in try day(&r) }
        return RepositoryLoader.Outcome(record: record?.recorded(recorded), findings: findings)
    }

    // MARK: Records

    static func write(_ w: inout BinaryWriter, _ p: Project) {
        w.string(p.id.rawValue)
        w.string(p.name)
        w.string(p.customer.name)
        w.array(p.customer.contacts) { w, c in
            w.string(c.name)
            optString(&w, c.role)
            optString(&w, c.phone)
            optString(&w, c.email)
        }
        w.string(p.department)
        w.string(p.owner)
        write(&w, p.tier, of: tiers)
        w.optional(p.accepted) { write(&$0, $1) }
        strings(&w, p.tags)
        w.optional(p.retired) { w, r in
            write(&w, r.date)
            w.string(r.reason)
        }
        w.array(p.history) { w, h in
            write(&w, h.at)
            w.string(h.action)
            optString(&w, h.by)
            optString(&w, h.from)
            optString(&w, h.to)
            optString(&w, h.reason)
        }
        write(&w, p.departmentAt)
    }

    static func project(_ r: inout BinaryReader, _ at: SourceLocation) throws(BinaryError) -> Project {
        let id = try projectID(&r)
        let name = try r.string()
        let customerName = try r.string()
        let contacts = try r.array { (r: inout BinaryReader) throws(BinaryError) in
            Contact(name: try r.string(), role: try optString(&r), phone: try optString(&r), email: try optString(&r))
        }
        return Project(id: id, name: name, customer: Customer(name: customerName, contacts: contacts), department: try r.string(),
                       owner: try r.string(), tier: try choice(&r, tiers),
                       accepted: try r.optional { (r: inout BinaryReader) throws(BinaryError) in try day(&r) },
                       tags: try strings(&r),
                       retired: try r.optional { (r: inout BinaryReader) throws(BinaryError) in Retirement(date: try day(&r), reason: try r.string()) },
                       history: try r.array { (r: inout BinaryReader) throws(BinaryError) in
                           ProjectHistoryEntry(at: try day(&r), action: try r.string(), by: try optString(&r), from: try optString(&r),
                                               to: try optString(&r), reason: try optString(&r))
                       },
                       location: at, departmentAt: try position(&r))
    }

    static func write(_ w: inout BinaryWriter, _ v: Visit) {
        w.string(v.id.rawValue)
        w.string(v.project.rawValue)
        write(&w, v.date)
        write(&w, v.kind, of: visitKinds)
        write(&w, v.method, of: visitMethods)
        w.string(v.visitor)
        strings(&w, v.contacts)
        optString(&w, v.event)
        w.string(v.summary)
        w.optional(v.operation) { write(&$0, $1, of: operations) }
        w.array(v.scores) { w, s in
            w.string(s.dimension)
            w.int(s.score)
        }
        optInt(&w, v.overall)
        optInt(&w, v.nps)
        strings(&w, v.quotes)
        strings(&w, v.needs)
        strings(&w, v.competitors)
        w.array(v.issues) { $0.string($1.rawValue) }  // as strings(_:_:) of the ids, with no array of them made
        strings(&w, v.attachments)
        write(&w, v.eventAt)
        write(&w, v.issuesAt)
        write(&w, v.attachmentsAt)
    }

    static func visit(_ r: inout BinaryReader, _ at: SourceLocation) throws(BinaryError) -> Visit {
        let id = try recordID(&r, VisitID.self)
        let project = try projectID(&r)
        let date = try day(&r)
        let kind = try choice(&r, visitKinds)
        let method = try choice(&r, visitMethods)
        let visitor = try r.string()
        let contacts = try strings(&r)
        let event = try optString(&r)
        let summary = try r.string()
        let operation = try optChoice(&r, operations)
        let scores = try r.array { (r: inout BinaryReader) throws(BinaryError) -> (dimension: String, score: Int) in (try r.string(), try r.int()) }
        let overall = try optInt(&r)
        let nps = try optInt(&r)
        let quotes = try strings(&r)
        let needs = try strings(&r)
        let competitors = try strings(&r)
        let issues = try strings(&r).map { (s: String) throws(BinaryError) -> IssueID in
            guard let i = IssueID(s) else { throw BinaryError() }
            return i
        }
        return Visit(id: id, project: project, date: date, kind: kind, method: method, visitor: visitor, contacts: contacts, event: event,
                     summary: summary, operation: operation, scores: scores, overall: overall, nps: nps, quotes: quotes, needs: needs,
                     competitors: competitors, issues: issues, attachments: try strings(&r), location: at, eventAt: try position(&r),
                     issuesAt: try position(&r), attachmentsAt: try position(&r))
    }

    static func write(_ w: inout BinaryWriter, _ i: Issue) {
        w.string(i.id.rawValue)
        w.string(i.project.rawValue)
        w.string(i.title)
        write(&w, i.raised)
        write(&w, i.source, of: issueSources)
        optString(&w, i.visit?.rawValue)
        write(&w, i.category, of: issueCategories)
        write(&w, i.severity, of: severities)
        w.string(i.owner)
        w.string(i.department)
        write(&w, i.due)
        write(&w, i.status, of: issueStatuses)
        w.optional(i.resolved) { w, res in
            write(&w, res.date)
            w.string(res.summary)
            w.bool(res.onSpot)
        }
        w.optional(i.confirmed) { w, c in
            write(&w, c.date)
            w.bool(c.satisfied)
        }
        optString(&w, i.caseAnalysis)
        w.array(i.history) { w, h in
            write(&w, h.at)
            w.string(h.action)
            optString(&w, h.by)
            w.optional(h.from) { write(&$0, $1, of: severities) }
            w.optional(h.to) { write(&$0, $1, of: severities) }
            optString(&w, h.reason)
            optString(&w, h.note)
        }
        write(&w, i.departmentAt)
        write(&w, i.visitAt)
    }

    static func issue(_ r: inout BinaryReader, _ at: SourceLocation) throws(BinaryError) -> Issue {
        let id = try recordID(&r, IssueID.self)
        let project = try projectID(&r)
        let title = try r.string()
        let raised = try day(&r)
        let source = try choice(&r, issueSources)
        let visit = try optString(&r).map { (s: String) throws(BinaryError) -> VisitID in
            guard let v = VisitID(s) else { throw BinaryError() }
            return v
        }
        let category = try choice(&r, issueCategories)
        let sev = try choice(&r, severities)
        let owner = try r.string()
        let department = try r.string()
        let due = try day(&r)
        let status = try choice(&r, issueStatuses)
        let resolved = try r.optional { (r: inout BinaryReader) throws(BinaryError) in
            Resolution(date: try day(&r), summary: try r.string(), onSpot: try r.bool())
        }
        let confirmed = try r.optional { (r: inout BinaryReader) throws(BinaryError) in Confirmation(date: try day(&r), satisfied: try r.bool()) }
        let caseAnalysis = try optString(&r)
        let history = try r.array { (r: inout BinaryReader) throws(BinaryError) in
            HistoryEntry(at: try day(&r), action: try r.string(), by: try optString(&r), from: try optChoice(&r, severities),
                         to: try optChoice(&r, severities), reason: try optString(&r), note: try optString(&r))
        }
        return Issue(id: id, project: project, title: title, raised: raised, source: source, visit: visit, category: category,
                     severity: sev, owner: owner, department: department, due: due, status: status, resolved: resolved,
                     confirmed: confirmed, caseAnalysis: caseAnalysis, history: history, location: at,
                     departmentAt: try position(&r), visitAt: try position(&r))
    }

    static func write(_ w: inout BinaryWriter, _ m: Improvement) {
        w.string(m.id.rawValue)
        w.string(m.title)
        w.array(m.addresses) { $0.string($1.rawValue) }
        w.string(m.department)
        w.string(m.owner)
        write(&w, m.due)
        w.string(m.expectedEffect)
        write(&w, m.status, of: improvementStatuses)
        w.optional(m.verified) { w, v in
            write(&w, v.date)
            w.string(v.result)
        }
        write(&w, m.addressesAt)
        write(&w, m.departmentAt)
    }

    static func improvement(_ r: inout BinaryReader, _ at: SourceLocation) throws(BinaryError) -> Improvement {
        let id = try recordID(&r, ImprovementID.self)
        let title = try r.string()
        let addresses = try strings(&r).map { (s: String) throws(BinaryError) -> IssueID in
            guard let i = IssueID(s) else { throw BinaryError() }
            return i
        }
        return Improvement(id: id, title: title, addresses: addresses, department: try r.string(), owner: try r.string(), due: try day(&r),
                           expectedEffect: try r.string(), status: try choice(&r, improvementStatuses),
                           verified: try r.optional { (r: inout BinaryReader) throws(BinaryError) in Verification(date: try day(&r), result: try r.string()) },
                           location: at, addressesAt: try position(&r), departmentAt: try position(&r))
    }

    static func write(_ w: inout BinaryWriter, _ e: Event) {
        w.string(e.id)
        write(&w, e.date)
        write(&w, e.kind, of: eventKinds)
        w.string(e.title)
        w.array(e.projects) { $0.string($1.rawValue) }
        strings(&w, e.tags)
        write(&w, e.projectsAt)
    }

    static func event(_ r: inout BinaryReader, _ at: SourceLocation) throws(BinaryError) -> Event {
        let id = try r.string()
        let date = try day(&r)
        let kind = try choice(&r, eventKinds)
        let title = try r.string()
        let projects = try strings(&r).map { (s: String) throws(BinaryError) -> ProjectID in
            guard let p = ProjectID(s) else { throw BinaryError() }
            return p
        }
        return Event(id: id, date: date, kind: kind, title: title, projects: projects, tags: try strings(&r), location: at,
                     projectsAt: try position(&r))
    }

    static func write(_ w: inout BinaryWriter, _ p: Plan) {
        w.int(p.year)
        optString(&w, p.department)
        w.array(p.visits) { w, item in
            w.string(item.project.rawValue)
            write(&w, item.due)
            write(&w, item.kind, of: visitKinds)
            optString(&w, item.visitor)
        }
    }

    static func plan(_ r: inout BinaryReader, _ at: SourceLocation) throws(BinaryError) -> Plan {
        let year = try r.int()
        let department = try optString(&r)
        let items = try r.array { (r: inout BinaryReader) throws(BinaryError) in
            Plan.Item(project: try projectID(&r), due: try day(&r), kind: try choice(&r, visitKinds), visitor: try optString(&r))
        }
        return Plan(year: year, visits: items, location: at, department: department)
    }

    static func write(_ w: inout BinaryWriter, _ a: AssessmentReview) {
        w.string(a.period)
        w.string(a.department)
        w.int(a.score)
        w.string(a.note)
        write(&w, a.date)
        optString(&w, a.by)
    }

    static func assessment(_ r: inout BinaryReader, _ at: SourceLocation) throws(BinaryError) -> AssessmentReview {
        AssessmentReview(period: try r.string(), department: try r.string(), score: try r.int(), note: try r.string(), date: try day(&r),
                         by: try optString(&r), location: at)
    }
}
