import HuifangCore

/// A closed period (issue 17, `huifang close`): the figures frozen in `archive/PERIOD/kpis.json`,
/// the records entered after the close (补录), and each figure restated from today's records
/// beside its frozen value (docs/CLOSING.md).
public enum ClosedPeriod {
    /// One figure of a period: `total.csat`, `department.D.csat`, `assessment.D.total`.
    public struct Figure: Sendable, Equatable {
        public var key: String
        public var value: Double?
        public init(key: String, value: Double?) {
            self.key = key
            self.value = value
        }
    }

    /// A figure whose restated value, or its value in the report itself, differs from its
    /// frozen one.
    public struct Change: Sendable, Equatable {
        public var key: String
        public var frozen: Double?
        public var restated: Double?
        /// The value in the report's body (the records as entered by the close, with the
        /// changes made since to records entered before it); the frozen one unless such a
        /// record changed.
        public var reported: Double?
        public init(key: String, frozen: Double?, restated: Double?, reported: Double?? = nil) {
            self.key = key
            self.frozen = frozen
            self.restated = restated
            self.reported = reported ?? frozen
        }
    }

    /// A record dated inside the closed period and entered after the close, or a record file
    /// bearing on the period that changed, appeared or went since the close (`FileChanges`).
    public struct LateEntry: Sendable, Equatable {
        /// "visit", "issue", "improvement", "event", "project", "assessment", "plan".
        public var kind: String
        public var path: String
        /// The record's own date (nil for a plan).
        public var date: Day?
        /// The day it was entered (`recorded:`, else its own date; nil for a plan).
        public var recorded: Day?
        /// "entered": entered after the close; "changed": its file changed since the close;
        /// "added": its file is new since the close though not recorded after it (written by hand).
        public var change: String = "entered"
    }

    /// The record files bearing on a closed period that differ from those of the close, by
    /// path, from the per-file checksums the archive keeps (`records.txt`). `compared` false:
    /// the archive keeps none comparable (closed by an older huifang, or the checksums of another
    /// store version): changed files cannot be named.
    public struct FileChanges: Sendable, Equatable {
        public var compared: Bool
        public var changed: Set<String>
        public var added: Set<String>
        public var removed: [String]
        public init(compared: Bool, changed: Set<String> = [], added: Set<String> = [], removed: [String] = []) {
            self.compared = compared
            self.changed = changed
            self.added = added
            self.removed = removed
        }
        public static let unknown = FileChanges(compared: false)
        public var isEmpty: Bool { changed.isEmpty && added.isEmpty && removed.isEmpty }
    }

    /// What `close` wrote and when: archive/PERIOD/close.yaml's last `closed` entry.
    public struct Closing: Sendable {
        public var period: Period
        public var closedOn: Day
        public var by: String?
        public var digest: String
        public var frozen: [Figure]
        public init(period: Period, closedOn: Day, by: String?, digest: String, frozen: [Figure]) {
            self.period = period
            self.closedOn = closedOn
            self.by = by
            self.digest = digest
            self.frozen = frozen
        }
    }

    // MARK: figures

    /// The figures a close freezes, in a fixed order: each KPI of the summary for the company
    /// and for each department with projects (rounded as the JSON reports give them), and each
    /// assessed department's weighted assessment total for a quarter (one decimal).
    public static func figures(_ c: ReportContext) -> [Figure] {
        let r = c.records
        let departments = KPIEngine.departmentsWithProjects(r)
        let scopes = [KPIEngine.Scope(c.period)] + departments.map { KPIEngine.Scope(c.period, projects: $0.projects) }
        let all = KPIEngine.compute(r, schedule: c.schedule, scopes: scopes, today: c.today)
        var out: [Figure] = []
        for kpi in ReportKPI.all { out.append(Figure(key: "total.\(kpi.key)", value: kpi.rounded(all[0]))) }
        for (n, d) in departments.enumerated() {
            for kpi in ReportKPI.all { out.append(Figure(key: "department.\(d.department.id).\(kpi.key)", value: kpi.rounded(all[n + 1]))) }
        }
        if c.period.length == .quarter, r.config.assessment.problems == 0 {
            for result in AssessmentReport.results(c, quarters: [c.period]).first ?? [] {
                out.append(Figure(key: "assessment.\(result.department.id).total", value: KPIEngine.round1(result.total)))
            }
        }
        return out
    }

    /// The figures whose value differs between `frozen` and `restated` (a figure in only one of
    /// them counts as n/a in the other), in the order of `frozen`, then the new ones.
    /// `reported`: the figures of the report's body when they may differ from the frozen ones
    /// (a record entered before the close changed since); a figure then also counts as changed
    /// when its reported value differs from the frozen one.
    public static func changes(frozen: [Figure], restated: [Figure], reported: [Figure]? = nil) -> [Change] {
        let now = Dictionary(restated.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let body = reported.map { Dictionary($0.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) }
        let then = Set(frozen.map(\.key))
        var out: [Change] = []
        for f in frozen {
            let v = now[f.key] ?? nil
            let b = body.map { $0[f.key] ?? nil } ?? f.value
            if v != f.value || b != f.value { out.append(Change(key: f.key, frozen: f.value, restated: v, reported: .some(b))) }
        }
        for f in restated where !then.contains(f.key) && (f.value != nil || (body?[f.key] ?? nil) != nil) {
            out.append(Change(key: f.key, frozen: nil, restated: f.value, reported: .some(body.map { $0[f.key] ?? nil } ?? nil)))
        }
        return out
    }

    /// Whether some change is in the report's body itself (not only in the restatement).
    public static func bodyDiffers(_ changes: [Change]) -> Bool { changes.contains { $0.reported != $0.frozen } }

    // MARK: late entries

    /// The records dated inside `period` (an assessment review: for it) that were entered after
    /// `closedOn`, then those whose file changed or is new since the close (`files`), by path.
    public static func lateEntries(_ r: Records, period: Period, closedOn: Day, files: FileChanges = .unknown) -> [LateEntry] {
        var out: [LateEntry] = []
        let named = !files.changed.isEmpty || !files.added.isEmpty
        func add<T: RecordedRecord>(_ kind: String, _ records: [T], _ path: (T) -> String, dated: (T) -> Bool = { _ in true }) {
            for x in records {
                guard let date = x.ownDate, let on = x.recordedOn else { continue }
                if on > closedOn, dated(x), kind == "assessment" || period.contains(date) {
                    out.append(LateEntry(kind: kind, path: path(x), date: date, recorded: on))
                } else if named {
                    let p = path(x)
                    if files.changed.contains(p) {
                        out.append(LateEntry(kind: kind, path: p, date: date, recorded: on, change: "changed"))
                    } else if files.added.contains(p) {
                        out.append(LateEntry(kind: kind, path: p, date: date, recorded: on, change: "added"))
                    }
                }
            }
        }
        add("project", r.projects, { $0.location.path })
        add("visit", r.visits, { $0.location.path })
        add("issue", r.issues + r.withdrawnIssues, { $0.location.path })
        add("improvement", r.improvements, { $0.location.path })
        add("event", r.events, { $0.location.path })
        add("assessment", r.assessments, { $0.location.path }, dated: { $0.period == period.label })
        for p in r.plans where named {
            let path = p.location.path
            if files.changed.contains(path) { out.append(LateEntry(kind: "plan", path: path, date: nil, recorded: nil, change: "changed")) }
            if files.added.contains(path) { out.append(LateEntry(kind: "plan", path: path, date: nil, recorded: nil, change: "added")) }
        }
        return out.sorted { $0.path < $1.path }
    }

    /// The records as they had been entered by the end of `day`: those recorded after it left
    /// out (a record without `recorded:` counts as recorded on its own date), and those whose
    /// file is new since the close (`excluding`: written by hand without `recorded:`).
    public static func asEntered(_ r: Records, by day: Day, excluding: Set<String> = []) -> Records {
        var out = r
        func keep<T: RecordedRecord & Located>(_ x: T) -> Bool {
            (x.recordedOn.map { $0 <= day } ?? true) && (excluding.isEmpty || !excluding.contains(x.location.path))
        }
        out.projects = r.projects.filter(keep)
        out.visits = r.visits.filter(keep)
        out.issues = r.issues.filter(keep)
        out.improvements = r.improvements.filter(keep)
        out.events = r.events.filter(keep)
        out.assessments = r.assessments.filter(keep)
        return out
    }

    /// Whether `a` (some of `b`'s records, as `asEntered` keeps them) holds every record of `b`.
    public static func sameCounts(_ a: Records, _ b: Records) -> Bool {
        a.projects.count == b.projects.count && a.visits.count == b.visits.count && a.issues.count == b.issues.count
            && a.improvements.count == b.improvements.count && a.events.count == b.events.count
            && a.assessments.count == b.assessments.count
    }

    // MARK: the section of a closed period's reports

    /// The label of a figure key in the reader's language.
    public static func label(_ key: String, _ r: Records, _ L: Catalogue) -> String {
        let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count >= 2 else { return key }
        func name(_ id: String) -> String { r.config.department(id)?.name ?? id }
        switch parts[0] {
        case "total" where parts.count == 2: return "\(L.report("total")) · \(L.report(parts[1]))"
        case "department" where parts.count == 3: return "\(name(parts[1])) · \(L.report(parts[2]))"
        case "assessment" where parts.count == 3: return "\(name(parts[1])) · \(L["closed.assessment total"])"
        default: return key
        }
    }

    /// A figure's value as the reports print it: a rate in percent, NPS and scores in points, "n/a".
    public static func display(_ key: String, _ value: Double?, _ L: Catalogue) -> String {
        guard let value else { return L["report.n/a"] }
        if key.hasSuffix(".nps") || key.hasPrefix("assessment.") { return ReportNumber.decimal(value, digits: 1) }
        return ReportNumber.percent(value)
    }

    /// What a report shows of one closed quarter: the close, the changed figures, the late
    /// entries and the record files changed since.
    public struct Section: Sendable {
        public var closing: Closing
        public var changes: [Change]
        public var late: [LateEntry]
        public var digestNow: String
        public var files: FileChanges
        public init(closing: Closing, changes: [Change], late: [LateEntry], digestNow: String, files: FileChanges = .unknown) {
            self.closing = closing
            self.changes = changes
            self.late = late
            self.digestNow = digestNow
            self.files = files
        }
        public var recordsChanged: Bool { closing.digest != digestNow }
        /// Nothing entered, changed or removed since the close.
        public var unchanged: Bool { changes.isEmpty && late.isEmpty && !recordsChanged && files.removed.isEmpty }
    }

    /// The blocks a closed period's report opens with: when and by whom it was closed, whether
    /// the records still are those it was closed on, each changed figure (frozen, restated) and
    /// each late entry.
    public static func blocks(_ closing: Closing, changes: [Change], late: [LateEntry], digestNow: String, files: FileChanges = .unknown,
                              _ r: Records, _ L: Catalogue) -> [ReportDocument.Block] {
        let s = Section(closing: closing, changes: changes, late: late, digestNow: digestNow, files: files)
        return [.heading(L["closed.heading"])] + body(s, frozenRows: nil, r, L)
    }

    /// The blocks of one closed quarter inside a longer period's report (a year, a half): the
    /// frozen figures the report shows (`shown`: by key) beside their values restated from
    /// today's records, with every other changed figure, then the late entries.
    public static func withinBlocks(_ s: Section, shown: (String) -> Bool, _ r: Records, _ L: Catalogue) -> [ReportDocument.Block] {
        [.heading(L("closed.within heading", ["quarter": s.closing.period.label]))]
            + body(s, frozenRows: s.closing.frozen.filter { shown($0.key) }, r, L)
    }

    /// `frozenRows`: the frozen figures to list whether or not they changed (a longer period's
    /// report); nil: the quarter's own report, which lists only the changed ones.
    static func body(_ s: Section, frozenRows: [Figure]?, _ r: Records, _ L: Catalogue) -> [ReportDocument.Block] {
        body(s, frozenRows: frozenRows, label: { label($0, r, L) }, L)
    }

    /// The same, each figure named by `label` (a roll-up names them while the repository's
    /// records are read, and shows them after).
    public static func body(_ s: Section, frozenRows: [Figure]?, label: (String) -> String, _ L: Catalogue) -> [ReportDocument.Block] {
        let closing = s.closing
        var out: [ReportDocument.Block] = []
        var facts: [(String, String)] = [(L["closed.closed on"], closing.closedOn.description)]
        if let by = closing.by { facts.append((L["closed.by"], by)) }
        facts.append((L["closed.digest"], !s.recordsChanged ? L("closed.digest same", ["digest": closing.digest])
                        : s.digestNow.isEmpty ? L("closed.digest unknown", ["frozen": closing.digest])
                        : L("closed.digest differs", ["frozen": closing.digest, "now": s.digestNow])))
        out.append(.facts(facts))
        let within = frozenRows != nil
        if s.unchanged && !within {
            out.append(.paragraph(L["closed.unchanged"]))
            return out
        }
        if s.recordsChanged && !s.files.compared {
            out.append(.paragraph(L("closed.files unknown", ["period": closing.period.label])))
        }
        let quarter = closing.period.label
        if within {
            out.append(.paragraph(s.unchanged ? L("closed.within unchanged", ["quarter": quarter])
                                  : L("closed.within note", ["quarter": quarter, "date": closing.closedOn.description])))
        } else {
            out.append(.paragraph(L("closed.frozen note", ["date": closing.closedOn.description])))
        }
        let inBody = !within && bodyDiffers(s.changes)
        if inBody { out.append(.paragraph(L("closed.changed note", ["date": closing.closedOn.description]))) }
        var rows: [Change] = []
        if let frozenRows {
            let changed = Dictionary(s.changes.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            let listed = Set(frozenRows.map(\.key))
            rows = frozenRows.map { changed[$0.key] ?? Change(key: $0.key, frozen: $0.value, restated: $0.value) }
            rows += s.changes.filter { !listed.contains($0.key) }
        } else {
            rows = s.changes
        }
        if rows.isEmpty {
            out.append(.paragraph(L["closed.no figure changed"]))
        } else {
            out.append(.subheading(within ? L("closed.within figures", ["quarter": quarter]) : L["closed.restated"]))
            let headers = [L["closed.figure"], L["closed.frozen"]] + (inBody ? [L["closed.reported"]] : []) + [L["closed.restated value"]]
            out.append(.table(ReportTable(headers: headers,
                                          rows: rows.map {
                                              [label($0.key), display($0.key, $0.frozen, L)] + (inBody ? [display($0.key, $0.reported, L)] : [])
                                                  + [display($0.key, $0.restated, L)]
                                          },
                                          numeric: inBody ? [1, 2, 3] : [1, 2])))
        }
        if !s.late.isEmpty {
            let how = s.late.contains { $0.change != "entered" }
            out.append(.subheading(how ? L("closed.late and changed", ["n": String(s.late.count)]) : L("closed.late entries", ["n": String(s.late.count)])))
            let headers = [L["closed.record"], L["closed.kind"], L["closed.date"], L["closed.recorded"]] + (how ? [L["closed.change"]] : [])
            out.append(.table(ReportTable(headers: headers,
                                          rows: s.late.map {
                                              [$0.path, L["closed.kind." + $0.kind], $0.date?.description ?? "–", $0.recorded?.description ?? "–"]
                                                  + (how ? [L["closed.change." + $0.change]] : [])
                                          })))
        }
        if !s.files.removed.isEmpty {
            out.append(.paragraph(L("closed.removed", ["n": String(s.files.removed.count), "paths": s.files.removed.joined(separator: ", ")])))
        }
        return out
    }

    /// The JSON of a closed period: `closed`, `frozen` (every frozen figure), `restated` (the
    /// figures that changed: frozen and restated value), `late_entries`.
    public static func json(_ closing: Closing, changes: [Change], late: [LateEntry], digestNow: String,
                            files: FileChanges = .unknown) -> [(String, JSONValue)] {
        [
            ("closed", .object([("period", .string(closing.period.label)), ("closed_on", .string(closing.closedOn.description)),
                                ("by", .optional(closing.by)), ("digest", .string(closing.digest)), ("digest_now", digestNow.isEmpty ? .null : .string(digestNow)),
                                ("records_changed", .bool(closing.digest != digestNow)), ("files_compared", .bool(files.compared))])),
            ("frozen", figuresJSON(closing.frozen)),
            ("restated", .object(changes.map {
                ($0.key, .object([("frozen", .optional($0.frozen)), ("reported", .optional($0.reported)), ("restated", .optional($0.restated))]))
            })),
            ("late_entries", .array(late.map {
                .object([("path", .string($0.path)), ("kind", .string($0.kind)), ("date", .optional($0.date?.description)),
                         ("recorded", .optional($0.recorded?.description)), ("change", .string($0.change))])
            })),
            ("removed", .strings(files.removed)),
        ]
    }

    /// The JSON of one closed quarter inside a longer period's report.
    public static func withinJSON(_ s: Section) -> JSONValue {
        .object(json(s.closing, changes: s.changes, late: s.late, digestNow: s.digestNow, files: s.files))
    }

    public static func figuresJSON(_ figures: [Figure]) -> JSONValue {
        .object(figures.map { ($0.key, .optional($0.value)) })
    }
}

/// A record that knows its file (for `ClosedPeriod.asEntered`).
protocol Located { var location: SourceLocation { get } }
extension Project: Located {}
extension Visit: Located {}
extension Issue: Located {}
extension Improvement: Located {}
extension Event: Located {}
extension AssessmentReview: Located {}
