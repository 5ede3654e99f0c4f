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

    /// A figure whose restated value differs from its frozen one.
    public struct Change: Sendable, Equatable {
        public var key: String
        public var frozen: Double?
        public var restated: Double?
    }

    /// A record dated inside the closed period and entered after the close.
    public struct LateEntry: Sendable, Equatable {
        /// "visit", "issue", "improvement", "event", "project", "assessment".
        public var kind: String
        public var path: String
        public var date: Day
        public var recorded: Day
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
    public static func changes(frozen: [Figure], restated: [Figure]) -> [Change] {
        let now = Dictionary(restated.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let then = Set(frozen.map(\.key))
        var out: [Change] = []
        for f in frozen {
            let v = now[f.key] ?? nil
            if v != f.value { out.append(Change(key: f.key, frozen: f.value, restated: v)) }
        }
        for f in restated where !then.contains(f.key) && f.value != nil {
            out.append(Change(key: f.key, frozen: nil, restated: f.value))
        }
        return out
    }

    // MARK: late entries

    /// The records dated inside `period` (an assessment review: for it) that were entered after
    /// `closedOn`, by path.
    public static func lateEntries(_ r: Records, period: Period, closedOn: Day) -> [LateEntry] {
        var out: [LateEntry] = []
        func add<T: RecordedRecord>(_ kind: String, _ records: [T], _ path: (T) -> String, dated: (T) -> Bool = { _ in true }) {
            for x in records {
                guard let date = x.ownDate, let on = x.recordedOn, on > closedOn, dated(x) else { continue }
                if kind == "assessment" || period.contains(date) { out.append(LateEntry(kind: kind, path: path(x), date: date, recorded: on)) }
            }
        }
        add("project", r.projects, { $0.location.path })
        add("visit", r.visits, { $0.location.path })
        add("issue", r.issues, { $0.location.path })
        add("improvement", r.improvements, { $0.location.path })
        add("event", r.events, { $0.location.path })
        add("assessment", r.assessments, { $0.location.path }, dated: { $0.period == period.label })
        return out.sorted { $0.path < $1.path }
    }

    /// The records as they had been entered by the end of `day`: those recorded after it left
    /// out (a record without `recorded:` counts as recorded on its own date).
    public static func asEntered(_ r: Records, by day: Day) -> Records {
        var out = r
        func keep<T: RecordedRecord>(_ x: T) -> Bool { x.recordedOn.map { $0 <= day } ?? true }
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

    /// The blocks a closed period's report opens with: when and by whom it was closed, whether
    /// the records still are those it was closed on, each changed figure (frozen, restated) and
    /// each late entry.
    public static func blocks(_ closing: Closing, changes: [Change], late: [LateEntry], digestNow: String, _ r: Records,
                              _ L: Catalogue) -> [ReportDocument.Block] {
        var out: [ReportDocument.Block] = [.heading(L["closed.heading"])]
        var facts: [(String, String)] = [(L["closed.closed on"], closing.closedOn.description)]
        if let by = closing.by { facts.append((L["closed.by"], by)) }
        facts.append((L["closed.digest"], closing.digest == digestNow ? L("closed.digest same", ["digest": closing.digest])
                        : L("closed.digest differs", ["frozen": closing.digest, "now": digestNow])))
        out.append(.facts(facts))
        if changes.isEmpty && late.isEmpty && closing.digest == digestNow {
            out.append(.paragraph(L["closed.unchanged"]))
            return out
        }
        out.append(.paragraph(L("closed.frozen note", ["date": closing.closedOn.description])))
        if changes.isEmpty {
            out.append(.paragraph(L["closed.no figure changed"]))
        } else {
            out.append(.subheading(L["closed.restated"]))
            out.append(.table(ReportTable(headers: [L["closed.figure"], L["closed.frozen"], L["closed.restated value"]],
                                          rows: changes.map { [label($0.key, r, L), display($0.key, $0.frozen, L), display($0.key, $0.restated, L)] },
                                          numeric: [1, 2])))
        }
        if !late.isEmpty {
            out.append(.subheading(L("closed.late entries", ["n": String(late.count)])))
            out.append(.table(ReportTable(headers: [L["closed.record"], L["closed.kind"], L["closed.date"], L["closed.recorded"]],
                                          rows: late.map { [$0.path, L["closed.kind." + $0.kind], $0.date.description, $0.recorded.description] })))
        }
        return out
    }

    /// The JSON of a closed period: `closed`, `frozen` (every frozen figure), `restated` (the
    /// figures that changed: frozen and restated value), `late_entries`.
    public static func json(_ closing: Closing, changes: [Change], late: [LateEntry], digestNow: String) -> [(String, JSONValue)] {
        [
            ("closed", .object([("period", .string(closing.period.label)), ("closed_on", .string(closing.closedOn.description)),
                                ("by", .optional(closing.by)), ("digest", .string(closing.digest)), ("digest_now", .string(digestNow)),
                                ("records_changed", .bool(closing.digest != digestNow))])),
            ("frozen", figuresJSON(closing.frozen)),
            ("restated", .object(changes.map { ($0.key, .object([("frozen", .optional($0.frozen)), ("restated", .optional($0.restated))])) })),
            ("late_entries", .array(late.map {
                .object([("path", .string($0.path)), ("kind", .string($0.kind)), ("date", .string($0.date.description)),
                         ("recorded", .string($0.recorded.description))])
            })),
        ]
    }

    public static func figuresJSON(_ figures: [Figure]) -> JSONValue {
        .object(figures.map { ($0.key, .optional($0.value)) })
    }
}
