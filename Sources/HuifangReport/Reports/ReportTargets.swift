import HuifangCore

/// The targets of huifang.yaml's `assessment:` section beside the KPIs of the summary and
/// department reports (issue 17): per indicator that has a target, each scope's value, met or
/// missed. Shown only when huifang.yaml has the section (without it no one set a target).
/// Visit report quality is left to `report assessment`: it is the assessment's own composite
/// (record completeness and the reviewed score), not a KPI of these reports.
public enum ReportTargets {
    /// A scope of the report: its name, its id (JSON and CSV: `total` or a department id),
    /// its KPIs and, for a department, its id in huifang.yaml (its own targets apply).
    public struct Scope: Sendable {
        public var id: String
        public var name: String
        public var kpis: PeriodKPIs
        public var department: String?
        public var projects: Set<ProjectID>?

        public init(id: String, name: String, kpis: PeriodKPIs, department: String?, projects: Set<ProjectID>?) {
            self.id = id
            self.name = name
            self.kpis = kpis
            self.department = department
            self.projects = projects
        }
    }

    /// The indicators with a target, in the section's order; empty without the section.
    public static func rules(_ r: Records) -> [IndicatorRule] {
        let a = r.config.assessment
        guard a.configured else { return [] }
        return a.rules.filter { $0.indicator != .reportQuality }
    }

    /// Each scope's lines, in the order of `rules(r)`: the value, the rule that applies (a
    /// department's own target) and the verdict.
    public static func lines(_ r: Records, _ scopes: [Scope]) -> [[Assessment.Line]] {
        let wanted = Set(rules(r).map(\.indicator))
        guard !wanted.isEmpty else { return scopes.map { _ in [] } }
        let a = r.config.assessment
        return scopes.map { s in
            let rules = (s.department.map { a.rules(for: $0) } ?? a.rules).filter { wanted.contains($0.indicator) }
            let reopen = wanted.contains(.reopenRate)
                ? KPIEngine.reopenCount(r, period: s.kpis.period, countedOn: s.kpis.countedOn, projects: s.projects) : ReopenCount()
            return Assessment.lines(s.kpis, reopen: reopen, reviewed: nil, rules: rules, reviewShare: a.reviewShare)
        }
    }

    /// The blocks under the KPIs: a subheading, the table (indicator, company target, one
    /// column per scope: "92.0% met", "85.0% missed", a department's own target said), a note.
    public static func blocks(_ r: Records, _ scopes: [Scope], _ L: Catalogue) -> [ReportDocument.Block] {
        let rules = rules(r)
        guard !rules.isEmpty else { return [] }
        let all = lines(r, scopes)
        let table = ReportTable(
            headers: [L["assess.indicator"], L["assess.target"]] + scopes.map(\.name),
            rows: rules.enumerated().map { n, rule in
                [AssessmentReport.label(rule.indicator, L), AssessmentReport.show(rule.target, rule.indicator, L)]
                    + all.map { cell($0[n], company: rule, L) }
            }, numeric: Set(1..<(scopes.count + 2)))
        return [.subheading(L["targets.heading"]), .table(table), .paragraph(L("targets.note", ["file": "huifang.yaml", "section": "assessment",
                                                                                              "command": "huifang report assessment"]))]
    }

    /// "92.0% (23/25) met", "89.99% (…) missed", "n/a", with the department's own target when it differs.
    static func cell(_ l: Assessment.Line, company: IndicatorRule, _ L: Catalogue) -> String {
        guard let met = l.met else { return L["report.n/a"] }
        var value = AssessmentReport.show(l.value, against: l.rule.target, l.rule.indicator, L)
        // A rate with its counts, as in the KPI table (the reopen rate's are shown nowhere else).
        if l.rule.indicator.unit != .count, let d = l.denominator { value = RateCounts(numerator: l.numerator, denominator: d).display(value, L) }
        let shown = L(met ? "targets.met" : "targets.missed", ["value": value])
        guard abs(l.rule.target - company.target) > Assessment.tolerance else { return shown }
        return L("targets.own", ["cell": shown, "target": AssessmentReport.show(l.rule.target, l.rule.indicator, L)])
    }

    /// JSON `targets`: per indicator its code, the company target, and per scope the value, the
    /// target that applies and met (null: no data); nil without the section.
    public static func json(_ r: Records, _ scopes: [Scope]) -> (String, JSONValue)? {
        let rules = rules(r)
        guard !rules.isEmpty else { return nil }
        let all = lines(r, scopes)
        return ("targets", .array(rules.enumerated().map { n, rule in
            .object([
                ("indicator", .string(rule.indicator.rawValue)), ("target", AssessmentReport.number(rule.target, rule.indicator)),
                ("lower_is_better", .bool(rule.indicator.lowerIsBetter)),
                ("scopes", .array(scopes.indices.map { s in
                    let l = all[s][n]
                    return .object([("scope", .string(scopes[s].id)), ("value", AssessmentReport.number(l.value, against: l.rule.target, rule.indicator)),
                                    ("target", AssessmentReport.number(l.rule.target, rule.indicator)), ("met", l.met.map { .bool($0) } ?? .null)])
                })),
            ])
        }))
    }

    /// CSV: for each scope row (in the order of `scopes`), `target_CODE` and `met_CODE` per
    /// indicator (`yes`, `no`, `n/a`); nothing without the section.
    public static func csv(_ r: Records, _ scopes: [Scope]) -> (headers: [String], rows: [[String]]) {
        let rules = rules(r)
        guard !rules.isEmpty else { return ([], scopes.map { _ in [] }) }
        let all = lines(r, scopes)
        let headers = rules.flatMap { ["target_\($0.indicator.rawValue)", "met_\($0.indicator.rawValue)"] }
        return (headers, all.map { lines in
            lines.flatMap { l in
                [AssessmentReport.number(l.rule.target, l.rule.indicator).render(), l.met.map { $0 ? "yes" : "no" } ?? "n/a"]
            }
        })
    }
}
