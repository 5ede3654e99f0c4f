import HuifangCore
import HuifangYAML

/// Decodes parsed YAML into typed records, reporting every bad field as a `Finding` with
/// its file, line and column. A record with a missing or invalid required field is not
/// returned (its findings are), so the core only ever sees whole records.
struct RecordDecoder {
    let path: String
    let reader = YAMLFieldReader()
    var extra: [Finding] = []
    /// huifang.yaml's `custom_fields:`: keys never reported as unknown.
    var customFields: [String] = []

    init(path: String, customFields: [String] = []) {
        self.path = path
        self.customFields = customFields
    }

    var findings: [Finding] {
        reader.diagnostics.map {
            Finding(path: path, line: $0.mark.line, column: $0.mark.column, message: $0.message, hint: $0.hint,
                    code: $0.code.flatMap(Finding.Code.init(rawValue:)), values: $0.values)
        } + extra
    }

    var failed: Bool { !reader.diagnostics.isEmpty || extra.contains { $0.severity == .error } }

    mutating func add(_ message: String, at mark: Mark?, hint: String? = nil) {
        add(.error, message, at: mark, hint: hint)
    }

    mutating func add(_ severity: Finding.Severity, _ message: String, at mark: Mark?, hint: String? = nil,
                      code: Finding.Code? = nil, values: [String: String] = [:]) {
        extra.append(Finding(severity, path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message, hint: hint,
                             code: code, values: values))
    }

    /// Warns about each key of `map` that huifang does not know (`known`), naming the nearest
    /// known key. Keys under `custom:` and those of `custom_fields:` are an organisation's own.
    /// The record is still read: unknown keys are kept by every edit and otherwise ignored.
    mutating func unknownKeys(_ map: YAMLNode, _ known: [String], in what: String) {
        guard let pairs = map.pairs else { return }
        if let custom = map[RecordKeys.custom], custom.pairs == nil, !custom.isNull {
            add(.warning, "'custom' is \(custom.kindDescription), not a mapping", at: custom.start,
                hint: "keep keys of your own as a mapping under 'custom:' (custom: {crm_id: A-17})")
        }
        for pair in pairs where !known.contains(pair.key) && pair.key != RecordKeys.custom && !customFields.contains(pair.key) {
            let near = RecordKeys.nearest(pair.key, among: known)
            // A misspelling of a key the mapping lacks: its value would be silently ignored and
            // the record (or huifang.yaml) counted without it, so it is an error, not a warning.
            if let near, map[near] == nil {
                add(.error, "unknown key '\(pair.key)' in \(what), which has no '\(near)': its value would be ignored", at: pair.keyStart,
                    hint: "rename it to '\(near)'; a key of your own goes under 'custom:' or into custom_fields: of huifang.yaml",
                    code: .misspeltKey, values: ["key": pair.key, "what": what, "near": near])
                continue
            }
            add(.warning, "unknown key '\(pair.key)' in \(what)\(near.map { "; did you mean '\($0)'?" } ?? "")", at: pair.keyStart,
                hint: near.map { "rename it to '\($0)' (huifang ignores keys it does not know)" }
                    ?? "huifang keeps it but ignores it; keep keys of your own under 'custom:' or list them in custom_fields: of huifang.yaml",
                code: near == nil ? .unknownKey : .unknownKeyNear, values: ["key": pair.key, "what": what, "near": near ?? ""])
        }
    }

    /// A mapping whose keys are a closed set (the tiers of `periodic_every`, the severities of
    /// `resolve_within`): any other key is an error, as its value would be ignored and the
    /// default used in its place.
    mutating func closedKeys(_ map: YAMLNode, _ known: [String], in what: String) {
        let allowed = known.joined(separator: ", ")
        for pair in map.pairs ?? [] where !known.contains(pair.key) {
            add(.error, "unknown key '\(pair.key)' in \(what): its value would be ignored; the keys are \(allowed)", at: pair.keyStart,
                hint: "use one of: \(allowed)", code: .unknownPolicyKey, values: ["key": pair.key, "what": what, "allowed": allowed])
        }
    }

    /// Each mapping item of the list under `key`, for the unknown-key check.
    mutating func unknownKeys(inItemsOf map: YAMLNode, _ key: String, _ known: [String], in what: String) {
        for item in map[key]?.items ?? [] where item.pairs != nil { unknownKeys(item, known, in: what) }
    }

    mutating func unknownKeys(inMapping map: YAMLNode, _ key: String, _ known: [String], in what: String) {
        if let m = map[key], m.pairs != nil { unknownKeys(m, known, in: what) }
    }

    func position(_ node: YAMLNode?) -> Position {
        guard let node else { return .start }
        return Position(line: node.start.line, column: node.start.column)
    }

    /// The top-level mapping of a record file.
    mutating func root(_ node: YAMLNode?, _ what: String) -> YAMLNode? {
        guard let node else {
            add(.error, "the file is empty", at: nil, hint: "\(article(what)) \(what) file holds one YAML mapping; delete the file or fill it in",
                code: .emptyFile, values: ["what": "\(article(what)) \(what)"])
            return nil
        }
        return reader.mapping(node, "\(article(what)) \(what) file")
    }

    /// "an" before a vowel sound (an issue, an improvement, an event), else "a".
    func article(_ word: String) -> String {
        word.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }

    func day(_ map: YAMLNode, _ key: String, required: Bool = false) -> Day? {
        reader.parsed(map, key, required: required, expected: Day.expectedForm, Day.init)
    }

    func duration(_ map: YAMLNode, _ key: String) -> Duration? {
        reader.parsed(map, key, expected: Duration.expectedForm, Duration.init)
    }

    func ids<K>(_ map: YAMLNode, _ key: String, _ type: RecordID<K>.Type) -> [RecordID<K>] {
        guard let items = reader.list(map, key) else { return [] }
        return items.compactMap { reader.parsedValue($0, key, expected: RecordID<K>.expectedForm, RecordID<K>.init) }
    }

    // MARK: huifang.yaml

    mutating func config(_ node: YAMLNode?) -> Config? {
        guard let map = root(node, "huifang.yaml") else { return nil }
        var c = Config()
        if let fields = reader.strings(map, "custom_fields") {
            c.customFields = fields
            customFields = fields
        }
        unknownKeys(map, RecordKeys.config, in: "huifang.yaml")
        unknownKeys(inMapping: map, "calendar", RecordKeys.calendar, in: "'calendar'")
        unknownKeys(inMapping: map, "policy", RecordKeys.policy, in: "'policy'")
        unknownKeys(inItemsOf: map, "departments", RecordKeys.department, in: "a department")
        unknownKeys(inMapping: map, "satisfaction", RecordKeys.satisfaction, in: "'satisfaction'")
        unknownKeys(inMapping: map, "csv", RecordKeys.csv, in: "'csv'")
        if let csv = reader.node(map, "csv", required: false).flatMap({ reader.mapping($0, "'csv'") }),
            let excel = reader.bool(csv, "excel")
        {
            c.csvForExcel = excel
        }
        if let v = reader.int(map, "huifang", in: 1...Int.max, required: true) {
            if v > Config.currentVersion {
                add("format version \(v) is newer than this huifang understands (\(Config.currentVersion))", at: map["huifang"]?.start,
                    hint: "update huifang")
            }
            c.version = v
        }
        c.organization = reader.string(map, "organization") ?? ""
        c.language = reader.choice(map, "language", as: Language.self) ?? .zh
        if let cal = reader.node(map, "calendar", required: false).flatMap({ reader.mapping($0, "'calendar'") }) {
            if let days = reader.list(cal, "weekend") {
                c.weekend = Set(days.compactMap {
                    reader.parsedValue($0, "weekend", expected: "a weekday (mon tue wed thu fri sat sun)", Weekday.init(shortName:))
                })
            }
            if let files = reader.strings(cal, "files") { c.calendarFiles = files }
        }
        if let p = reader.node(map, "policy", required: false).flatMap({ reader.mapping($0, "'policy'") }) {
            if let d = duration(p, "first_visit_within") { c.policy.firstVisitWithin = d }
            if let m = reader.node(p, "periodic_every", required: false).flatMap({ reader.mapping($0, "'periodic_every'") }) {
                for tier in Tier.allCases {
                    if let d = duration(m, tier.rawValue) { c.policy.periodicEvery[tier] = d }
                }
                closedKeys(m, Tier.allCases.map(\.rawValue), in: "'periodic_every'")
            }
            if let d = duration(p, "special_visit_within") { c.policy.specialVisitWithin = d }
            if let d = duration(p, "customer_request_within") { c.policy.customerRequestWithin = d }
            if let m = reader.node(p, "resolve_within", required: false).flatMap({ reader.mapping($0, "'resolve_within'") }) {
                for s in Severity.allCases {
                    if let d = duration(m, s.rawValue) { c.policy.resolveWithin[s] = d }
                }
                closedKeys(m, Severity.allCases.map(\.rawValue), in: "'resolve_within'")
            }
            if let d = duration(p, "confirm_within") { c.policy.confirmWithin = d }
            if let share = reader.parsed(p, "due_soon_at", expected: "a percentage such as 75%", { text -> Double? in
                guard text.hasSuffix("%"), let n = Int(text.dropLast()), (1...100).contains(n) else { return nil }
                return Double(n) / 100
            }) {
                c.policy.dueSoonShare = share
            }
            if let n = reader.int(p, "risk_high_at", in: 1...25) { c.policy.riskHighAt = n }
            if let d = duration(p, "risk_review_every") { c.policy.riskReviewEvery = d }
        }
        var seen: [String: Mark] = [:]
        for item in reader.list(map, "departments", required: true) ?? [] {
            guard let d = reader.mapping(item, "a department") else { continue }
            let id = reader.string(d, "id", required: true)
            let name = reader.string(d, "name", required: true)
            let head = reader.string(d, "head", required: true)
            let role = reader.choice(d, "role", as: DepartmentRole.self, required: true)
            if let id {
                if let first = seen[id] {
                    add("duplicate department id '\(id)' (first at line \(first.line))", at: d["id"]?.start)
                }
                seen[id] = d["id"]?.start
            }
            if let id, let name, let head, let role {
                c.departments.append(Department(id: id, name: name, head: head, role: role))
            }
        }
        c.leadership = reader.strings(map, "leadership") ?? []
        if let size = reader.parsed(map, "max_attachment_size", expected: "a size such as 10MB (B, KB, MB or GB)",
                                    hint: "visit attach refuses larger files; keep big media in git LFS", Config.parseSize) {
            c.maxAttachmentSize = size
        }
        if let s = reader.node(map, "satisfaction", required: false).flatMap({ reader.mapping($0, "'satisfaction'") }) {
            if let scale = reader.int(s, "scale", in: 2...100) { c.satisfaction.scale = scale }
            if let at = reader.int(s, "satisfied_at", in: 1...c.satisfaction.scale) { c.satisfaction.satisfiedAt = at }
            if let dims = reader.strings(s, "dimensions") {
                if dims.isEmpty { add("'dimensions' is empty", at: s["dimensions"]?.start, hint: "list at least one dimension") }
                c.satisfaction.dimensions = dims
            }
        }
        // Its problems are reported but leave huifang.yaml readable (see `assessment`).
        let failedNow = failed
        let (assessment, assessmentFindings) = self.assessment(map, departments: c.departments.map(\.id))
        c.assessment = assessment
        extra += assessmentFindings
        return failedNow ? nil : c
    }

    // MARK: calendars/*.yaml

    /// The holidays, the make-up working days, the years declared under `years:` as covered
    /// (a year counts as covered when it has an entry or is declared), and the years entered in
    /// part under `partial:` (not covered, whatever their entries, until declared complete).
    mutating func calendar(_ node: YAMLNode?) -> (holidays: [Day: String], workdays: [Day: String], years: Set<Int>, partial: Set<Int>) {
        var out: (holidays: [Day: String], workdays: [Day: String], years: Set<Int>, partial: Set<Int>) = ([:], [:], [], [])
        guard let node else { return out }
        guard let map = reader.mapping(node, "a calendar file") else { return out }
        for item in reader.list(map, "years") ?? [] {
            if let y = reader.intValue(item, "years", in: 1900...9999) { out.years.insert(y) }
        }
        for item in reader.list(map, "partial") ?? [] {
            if let y = reader.intValue(item, "partial", in: 1900...9999) { out.partial.insert(y) }
        }
        // A misspelt section would drop its days without a word; other keys (notes) are kept as they are.
        for pair in map.pairs ?? [] where !["holidays", "workdays", "years", "partial"].contains(pair.key) && pair.value.scalar == nil {
            add("'\(pair.key)' is not a section of a calendar file: its days would be ignored", at: pair.keyStart,
                hint: "the sections are holidays (days off), workdays (make-up working days), years and partial")
        }
        for key in ["holidays", "workdays"] {
            guard let section = reader.node(map, key, required: false) else { continue }
            guard let pairs = reader.mapping(section, "'\(key)'")?.pairs else { continue }
            for pair in pairs {
                guard let day = Day(pair.key) else {
                    add(.error, "'\(pair.key)' is not \(Day.expectedForm)", at: pair.keyStart, code: .calendarBadDate, values: ["date": pair.key])
                    continue
                }
                let name = pair.value.scalar ?? ""
                if key == "holidays" { out.holidays[day] = name } else { out.workdays[day] = name }
            }
        }
        return out
    }

    // MARK: projects/ID/project.yaml

    mutating func project(_ node: YAMLNode?, folder: String) -> Project? {
        guard let map = root(node, "project") else { return nil }
        let idNode = reader.node(map, "id", required: true)
        let id = idNode.flatMap { reader.parsedValue($0, "id", expected: "a project id (\(ProjectID.expectedForm))", ProjectID.init) }
        if let id, id.rawValue != folder {
            add("project id '\(id)' does not match its folder 'projects/\(folder)'", at: idNode?.start,
                hint: "the folder name is the id: rename the folder or fix 'id'")
        }
        let name = reader.string(map, "name", required: true)
        var customer: Customer?
        if let c = reader.node(map, "customer", required: true).flatMap({ reader.mapping($0, "'customer'") }) {
            let cname = reader.string(c, "name", required: true)
            var contacts: [Contact] = []
            for item in reader.list(c, "contacts") ?? [] {
                guard let m = reader.mapping(item, "a contact") else { continue }
                if let n = reader.string(m, "name", required: true) {
                    contacts.append(Contact(name: n, role: reader.string(m, "role"), phone: reader.string(m, "phone"),
                                            email: reader.string(m, "email")))
                }
            }
            if let cname { customer = Customer(name: cname, contacts: contacts) }
        }
        let department = reader.string(map, "department", required: true)
        let owner = reader.string(map, "owner", required: true)
        let tier = reader.choice(map, "tier", as: Tier.self, required: true)
        let accepted = day(map, "accepted")
        let tags = reader.strings(map, "tags") ?? []
        var retired: Retirement?
        if let r = reader.node(map, "retired", required: false).flatMap({ reader.mapping($0, "'retired'") }) {
            let d = day(r, "date", required: true)
            let why = reader.string(r, "reason", required: true)
            if let d, let why { retired = Retirement(date: d, reason: why) }
            if let d, let accepted, d < accepted {
                add("retired on \(d), before the project was accepted on \(accepted)", at: r["date"]?.start,
                    hint: "a project's service ends after its acceptance; fix 'retired.date' or 'accepted'")
            }
        }
        var history: [ProjectHistoryEntry] = []
        for item in reader.list(map, "history") ?? [] {
            guard let h = reader.mapping(item, "a history entry") else { continue }
            let at = day(h, "at", required: true)
            let action = reader.string(h, "action", required: true)
            if let at, let action {
                history.append(ProjectHistoryEntry(at: at, action: action, by: reader.string(h, "by"), from: reader.string(h, "from"),
                                                   to: reader.string(h, "to"), reason: reader.string(h, "reason")))
            }
        }
        unknownKeys(map, RecordKeys.project, in: "a project")
        if let c = map["customer"], c.pairs != nil {
            unknownKeys(c, RecordKeys.customer, in: "'customer'")
            unknownKeys(inItemsOf: c, "contacts", RecordKeys.contact, in: "a contact")
        }
        unknownKeys(inMapping: map, "retired", RecordKeys.retired, in: "'retired'")
        unknownKeys(inItemsOf: map, "history", RecordKeys.projectHistory, in: "a history entry")
        let recorded = day(map, "recorded")
        guard !failed, let id, let name, let customer, let department, let owner, let tier else { return nil }
        var record = Project(id: id, name: name, customer: customer, department: department, owner: owner, tier: tier,
                             accepted: accepted, tags: tags, retired: retired, history: history, location: SourceLocation(path: path),
                             departmentAt: position(map["department"]))
        record.recorded = recorded
        return record
    }

    // MARK: projects/ID/visits/DATE-VID.yaml

    mutating func visit(_ node: YAMLNode?, project: ProjectID, fileName: String, config: Config) -> Visit? {
        guard let map = root(node, "visit") else { return nil }
        let id = reader.parsed(map, "id", required: true, expected: "a visit id (\(VisitID.expectedForm))", VisitID.init)
        let date = day(map, "date", required: true)
        if let id, let date, fileName != "\(date)-\(id).yaml" {
            add(.error, "file name does not match the visit: expected '\(date)-\(id).yaml'", at: map["id"]?.start,
                hint: "rename the file (git mv) or fix 'id'/'date'", code: .visitFileName, values: ["expected": "\(date)-\(id).yaml"])
        }
        let kind = reader.choice(map, "kind", as: VisitKind.self, required: true)
        let method = reader.choice(map, "method", as: VisitMethod.self, required: true)
        let visitor = reader.string(map, "visitor", required: true)
        let contacts = reader.strings(map, "contacts") ?? []
        let event = reader.string(map, "event")
        let summary = reader.string(map, "summary", required: true)
        let operation = reader.choice(map, "operation", as: Operation.self)
        let scale = config.satisfaction.scale
        var scores: [(dimension: String, score: Int)] = []
        if let s = reader.node(map, "scores", required: false).flatMap({ reader.mapping($0, "'scores'") }) {
            for pair in s.pairs ?? [] where !pair.value.isNull {
                guard let n = reader.intValue(pair.value, "scores.\(pair.key)", in: 1...scale) else { continue }
                if !config.satisfaction.dimensions.contains(pair.key) {
                    add(.warning, "unknown satisfaction dimension '\(pair.key)'; known: \(config.satisfaction.dimensions.joined(separator: ", "))",
                        at: pair.keyStart, hint: "use a dimension listed under satisfaction.dimensions in huifang.yaml",
                        code: .unknownDimension, values: ["dimension": pair.key, "known": config.satisfaction.dimensions.joined(separator: ", ")])
                }
                scores.append((pair.key, n))
            }
        }
        let overall = reader.int(map, "overall", in: 1...scale)
        let nps = reader.int(map, "nps", in: 0...10)
        let quotes = reader.strings(map, "quotes") ?? []
        let needs = reader.strings(map, "needs") ?? []
        let competitors = reader.strings(map, "competitors") ?? []
        let issues = ids(map, "issues", IssueID.self)
        var attachments: [String] = []
        for item in reader.list(map, "attachments") ?? [] {
            guard let name = reader.text(item, "attachments") else { continue }
            if Visit.isValidAttachmentName(name) {
                attachments.append(name)
            } else {
                add("attachment '\(name)' is not a plain file name", at: item.start,
                    hint: "attachments are files in the visit's own folder beside the record: name them without '/' (add them with 'huifang visit attach')")
            }
        }
        unknownKeys(map, RecordKeys.visit, in: "a visit")
        let recorded = day(map, "recorded")
        guard !failed, let id, let date, let kind, let method, let visitor, let summary else { return nil }
        var record = Visit(id: id, project: project, date: date, kind: kind, method: method, visitor: visitor, contacts: contacts,
                           event: event, summary: summary, operation: operation, scores: scores, overall: overall, nps: nps,
                           quotes: quotes, needs: needs, competitors: competitors, issues: issues, attachments: attachments,
                           location: SourceLocation(path: path), eventAt: position(map["event"]), issuesAt: position(map["issues"]),
                           attachmentsAt: position(map["attachments"]))
        record.recorded = recorded
        return record
    }

    // MARK: projects/ID/issues/IID.yaml

    mutating func issue(_ node: YAMLNode?, project: ProjectID, fileName: String) -> Issue? {
        guard let map = root(node, "issue") else { return nil }
        let id = reader.parsed(map, "id", required: true, expected: "an issue id (\(IssueID.expectedForm))", IssueID.init)
        if let id, fileName != "\(id).yaml" {
            add(.error, "file name does not match the issue: expected '\(id).yaml'", at: map["id"]?.start,
                hint: "rename the file (git mv) or fix 'id'", code: .issueFileName, values: ["expected": "\(id).yaml"])
        }
        let title = reader.string(map, "title", required: true)
        let raised = day(map, "raised", required: true)
        let source = reader.choice(map, "source", as: IssueSource.self, required: true)
        let visit = reader.parsed(map, "visit", expected: "a visit id (\(VisitID.expectedForm))", VisitID.init)
        let category = reader.choice(map, "category", as: IssueCategory.self, required: true)
        let severity = reader.choice(map, "severity", as: Severity.self, required: true)
        let owner = reader.string(map, "owner", required: true)
        let department = reader.string(map, "department", required: true)
        let due = day(map, "due", required: true)
        let status = reader.choice(map, "status", as: IssueStatus.self, required: true)
        var resolved: Resolution?
        if let r = reader.node(map, "resolved", required: false).flatMap({ reader.mapping($0, "'resolved'") }) {
            let d = day(r, "date", required: true)
            let s = reader.string(r, "summary", required: true)
            let onSpot = reader.bool(r, "on_spot") ?? false
            if let d, let s { resolved = Resolution(date: d, summary: s, onSpot: onSpot) }
        }
        var confirmed: Confirmation?
        if let c = reader.node(map, "confirmed", required: false).flatMap({ reader.mapping($0, "'confirmed'") }) {
            let d = day(c, "date", required: true)
            let s = reader.bool(c, "satisfied", required: true)
            if let d, let s { confirmed = Confirmation(date: d, satisfied: s) }
        }
        let caseAnalysis = reader.string(map, "case_analysis")
        var history: [HistoryEntry] = []
        for item in reader.list(map, "history", required: true) ?? [] {
            guard let h = reader.mapping(item, "a history entry") else { continue }
            let at = day(h, "at", required: true)
            let action = reader.string(h, "action", required: true)
            let from = reader.choice(h, "from", as: Severity.self)
            let to = reader.choice(h, "to", as: Severity.self)
            if let at, let action {
                history.append(HistoryEntry(at: at, action: action, by: reader.string(h, "by"), from: from, to: to,
                                            reason: reader.string(h, "reason"), note: reader.string(h, "note")))
            }
        }
        unknownKeys(map, RecordKeys.issue, in: "an issue")
        unknownKeys(inMapping: map, "resolved", RecordKeys.resolved, in: "'resolved'")
        unknownKeys(inMapping: map, "confirmed", RecordKeys.confirmed, in: "'confirmed'")
        // A `reopened` line keeps the rejected resolved:/confirmed: (docs/RECORDS.md): known, not read.
        unknownKeys(inItemsOf: map, "history", RecordKeys.issueHistory + ["resolved", "confirmed"], in: "a history entry")
        let recorded = day(map, "recorded")
        guard !failed, let id, let title, let raised, let source, let category, let severity, let owner, let department,
            let due, let status
        else { return nil }
        var record = Issue(id: id, project: project, title: title, raised: raised, source: source, visit: visit, category: category,
                           severity: severity, owner: owner, department: department, due: due, status: status, resolved: resolved,
                           confirmed: confirmed, caseAnalysis: caseAnalysis, history: history, location: SourceLocation(path: path),
                           departmentAt: position(map["department"]), visitAt: position(map["visit"]))
        record.recorded = recorded
        return record
    }

    // MARK: improvements/MID.yaml

    mutating func improvement(_ node: YAMLNode?, fileName: String) -> Improvement? {
        guard let map = root(node, "improvement") else { return nil }
        let id = reader.parsed(map, "id", required: true, expected: "an improvement id (\(ImprovementID.expectedForm))", ImprovementID.init)
        if let id, fileName != "\(id).yaml" {
            add(.error, "file name does not match the improvement: expected '\(id).yaml'", at: map["id"]?.start,
                hint: "rename the file (git mv) or fix 'id'", code: .improvementFileName, values: ["expected": "\(id).yaml"])
        }
        let title = reader.string(map, "title", required: true)
        let addresses = ids(map, "addresses", IssueID.self)
        if map["addresses"] == nil { _ = reader.node(map, "addresses", required: true) }
        let department = reader.string(map, "department", required: true)
        let owner = reader.string(map, "owner", required: true)
        let due = day(map, "due", required: true)
        let effect = reader.string(map, "expected_effect", required: true)
        let status = reader.choice(map, "status", as: ImprovementStatus.self, required: true)
        var verified: Verification?
        if let v = reader.node(map, "verified", required: false).flatMap({ reader.mapping($0, "'verified'") }) {
            let d = day(v, "date", required: true)
            let r = reader.string(v, "result", required: true)
            if let d, let r { verified = Verification(date: d, result: r) }
        }
        unknownKeys(map, RecordKeys.improvement, in: "an improvement")
        unknownKeys(inMapping: map, "verified", RecordKeys.verified, in: "'verified'")
        let recorded = day(map, "recorded")
        guard !failed, let id, let title, let department, let owner, let due, let effect, let status else { return nil }
        var record = Improvement(id: id, title: title, addresses: addresses, department: department, owner: owner, due: due,
                                 expectedEffect: effect, status: status, verified: verified, location: SourceLocation(path: path),
                                 addressesAt: position(map["addresses"]), departmentAt: position(map["department"]))
        record.recorded = recorded
        return record
    }

    // MARK: events/DATE-SLUG.yaml

    mutating func event(_ node: YAMLNode?, id: String) -> Event? {
        guard let map = root(node, "event") else { return nil }
        let date = day(map, "date", required: true)
        let kind = reader.choice(map, "kind", as: EventKind.self, required: true)
        let title = reader.string(map, "title", required: true)
        var projects: [ProjectID] = []
        for item in reader.list(map, "projects") ?? [] {
            if let p = reader.parsedValue(item, "projects", expected: "a project id", ProjectID.init) { projects.append(p) }
        }
        let tags = reader.strings(map, "tags") ?? []
        if map["projects"] == nil, map["tags"] == nil {
            add("an event names neither 'projects' nor 'tags'", at: map.start,
                hint: "add 'projects: [ID, ...]' or 'tags: [TAG, ...]' to say which projects get a special visit")
        }
        if let date, !id.hasPrefix(date.description) {
            add(.warning, "file name does not start with the event's date \(date)", at: map["date"]?.start,
                hint: "name event files DATE-SLUG.yaml so they sort by date")
        }
        unknownKeys(map, RecordKeys.event, in: "an event")
        let recorded = day(map, "recorded")
        guard !failed, let date, let kind, let title else { return nil }
        var record = Event(id: id, date: date, kind: kind, title: title, projects: projects, tags: tags,
                           location: SourceLocation(path: path), projectsAt: position(map["projects"]))
        record.recorded = recorded
        return record
    }

    // MARK: plans/YEAR.yaml

    /// `stem` is `YEAR` (the company's plan) or `YEAR-DEPT` (a department's own plan, DEPT a
    /// department of huifang.yaml).
    mutating func plan(_ node: YAMLNode?, stem: String, config: Config) -> Plan? {
        guard let map = root(node, "plan") else { return nil }
        let year = reader.int(map, "year", in: 1...9999, required: true)
        let dash = stem.firstIndex(of: "-")
        let stemYear = dash.map { String(stem[..<$0]) } ?? stem
        let department = dash.map { String(stem[stem.index(after: $0)...]) }
        if let year, stemYear != String(year) {
            add(.error, "plan for \(year) is in '\(stem).yaml'", at: map["year"]?.start, hint: "name it plans/\(year).yaml",
                code: .planFileName, values: ["year": String(year), "file": "\(stem).yaml"])
        }
        if let department, config.department(department) == nil {
            add(.error, "'\(stem).yaml' names no department of huifang.yaml: '\(department)'", at: map.start,
                hint: "a department's own plan is plans/YEAR-DEPT.yaml with DEPT one of: \(config.departments.map(\.id).joined(separator: ", "))",
                code: .planUnknownDepartment,
                values: ["file": "\(stem).yaml", "department": department, "known": config.departments.map(\.id).joined(separator: ", ")])
        }
        var items: [Plan.Item] = []
        for item in reader.list(map, "visits", required: true) ?? [] {
            guard let m = reader.mapping(item, "a planned visit") else { continue }
            let p = reader.parsed(m, "project", required: true, expected: "a project id", ProjectID.init)
            let due = day(m, "due", required: true)
            let kind = reader.choice(m, "kind", as: VisitKind.self, required: true)
            let visitor = reader.string(m, "visitor")
            if let year, let due, due.year != year {
                add(.error, "planned visit due \(due) is not in \(year)", at: m["due"]?.start,
                    hint: "a plan of \(year) holds the visits due in \(year): correct the date or move the visit to that year's plan",
                    code: .planDueOutsideYear, values: ["due": due.description, "year": String(year)])
            }
            if let p, let due, let kind { items.append(Plan.Item(project: p, due: due, kind: kind, visitor: visitor)) }
        }
        unknownKeys(map, RecordKeys.plan, in: "a plan")
        unknownKeys(inItemsOf: map, "visits", RecordKeys.planItem, in: "a planned visit")
        guard !failed, let year else { return nil }
        return Plan(year: year, visits: items, location: SourceLocation(path: path), department: department)
    }

    // MARK: assessments/QUARTER-DEPT.yaml

    mutating func assessmentReview(_ node: YAMLNode?, stem: String, config: Config) -> AssessmentReview? {
        guard let map = root(node, "assessment review") else { return nil }
        let period = reader.parsed(map, "period", required: true, expected: "a quarter such as 2026Q3") { text -> String? in
            guard let p = Period(text), p.length == .quarter else { return nil }
            return p.label
        }
        let department = reader.string(map, "department", required: true)
        if let department, let d = config.department(department), d.role != .business {
            add(.warning, "'\(department)' is not a business department (role \(d.role.rawValue)): the assessment does not use this review",
                at: map["department"]?.start, hint: "the assessment covers the departments of role business")
        } else if let department, config.department(department) == nil {
            add("unknown department '\(department)'", at: map["department"]?.start,
                hint: "known: \(config.departments.map(\.id).joined(separator: ", "))")
        }
        let score = reader.int(map, "score", in: 0...100, required: true)
        let note = reader.string(map, "note") ?? ""
        let date = day(map, "date", required: true)
        let by = reader.string(map, "by")
        if let period, let department, stem != "\(period)-\(department)" {
            add("the review of \(department) for \(period) is in '\(stem).yaml'", at: map.start,
                hint: "name it \(AssessmentReview.file(period: period, department: department)): one review per department and quarter")
        }
        unknownKeys(map, RecordKeys.assessmentReview, in: "an assessment review")
        let recorded = day(map, "recorded")
        guard !failed, let period, let department, let score, let date else { return nil }
        var record = AssessmentReview(period: period, department: department, score: score, note: note, date: date, by: by,
                                      location: SourceLocation(path: path))
        record.recorded = recorded
        return record
    }
}
