import HuifangCore

/// 季度/年度考核报告 (policy §十): each business department scored against the targets of
/// huifang.yaml's `assessment:` section (docs/KPIS.md, "Assessment"). A quarter shows each
/// indicator's value with its counts, target, score, the weighted total and the rank; a year
/// shows the four quarters and the year's score, the mean of the quarters' totals.
public enum AssessmentReport {
    /// One department's assessment for one quarter.
    public struct Result: Sendable {
        public var department: Department
        public var period: Period
        /// nil: the quarter had not begun on the as-of date.
        public var lines: [Assessment.Line]?
        public var total: Double?
        public var rank: Int?
        /// The reviewed score entered for the quarter (`assess review`), nil when none.
        public var review: AssessmentReview?
        /// The day the quarter's figures are counted on: its last day, or the as-of date while it runs.
        public var countedOn: Day { min(period.end, max(asOf, period.start)) }
        var asOf: Day
    }

    /// The departments assessed: the business departments of huifang.yaml that own projects.
    public static func departments(_ r: Records) -> [(department: Department, projects: Set<ProjectID>)] {
        KPIEngine.departmentsWithProjects(r).filter { $0.department.role == .business }
    }

    /// The business departments of huifang.yaml that own no project: not assessed, and the
    /// report names them.
    public static func unassessed(_ r: Records) -> [Department] {
        let assessed = Set(departments(r).map(\.department.id))
        return r.config.departments.filter { $0.role == .business && !assessed.contains($0.id) }
    }

    /// The sentence naming the business departments left out, nil when there is none.
    static func unassessedNote(_ r: Records, _ L: Catalogue) -> String? { unassessedNote(unassessed(r), L) }

    static func unassessedNote(_ left: [Department], _ L: Catalogue) -> String? {
        guard !left.isEmpty else { return nil }
        return L("assess.without projects", ["departments": left.map(\.name).joined(separator: L["report.name sep"])])
    }

    /// The results of every assessed department for each of `quarters`, ranked within each quarter.
    public static func results(_ c: ReportContext, quarters: [Period]) -> [[Result]] {
        let r = c.records
        let depts = departments(r)
        let a = r.config.assessment
        let scopes = quarters.flatMap { q in depts.map { KPIEngine.Scope(q, projects: $0.projects) } }
        let kpis = KPIEngine.compute(r, schedule: c.schedule, scopes: scopes, today: c.today)
        return quarters.enumerated().map { qn, q in
            var row: [Result] = depts.enumerated().map { dn, d in
                let review = r.assessments.first { $0.period == q.label && $0.department == d.department.id }
                guard q.start <= c.today else { return Result(department: d.department, period: q, lines: nil, total: nil, rank: nil, review: review, asOf: c.today) }
                let k = kpis[qn * depts.count + dn]
                let reopen = KPIEngine.reopenCount(r, period: q, countedOn: k.countedOn, projects: d.projects)
                let lines = Assessment.lines(k, reopen: reopen, reviewed: review?.score, rules: a.rules(for: d.department.id),
                                             reviewShare: a.reviewShare)
                return Result(department: d.department, period: q, lines: lines, total: Assessment.total(lines), rank: nil, review: review,
                              asOf: c.today)
            }
            let ranks = Assessment.ranks(row.map(\.total))
            for n in row.indices { row[n].rank = ranks[n] }
            return row
        }
    }

    /// The business departments without projects (`unassessed`) for each of `quarters`: their
    /// indicators over no project (zero counts, no value where a rate has nothing to count, a
    /// reviewed score if one was entered), neither totalled nor ranked.
    static func unassessedResults(_ c: ReportContext, quarters: [Period]) -> [[Result]] {
        let r = c.records
        let depts = unassessed(r)
        guard !depts.isEmpty else { return quarters.map { _ in [] } }
        let a = r.config.assessment
        let none = Set<ProjectID>()
        let kpis = KPIEngine.compute(r, schedule: c.schedule, scopes: quarters.flatMap { q in depts.map { _ in KPIEngine.Scope(q, projects: none) } },
                                     today: c.today)
        return quarters.enumerated().map { qn, q in
            depts.enumerated().map { dn, d in
                let review = r.assessments.first { $0.period == q.label && $0.department == d.id }
                guard q.start <= c.today else { return Result(department: d, period: q, lines: nil, total: nil, rank: nil, review: review, asOf: c.today) }
                let k = kpis[qn * depts.count + dn]
                let reopen = KPIEngine.reopenCount(r, period: q, countedOn: k.countedOn, projects: none)
                let lines = Assessment.lines(k, reopen: reopen, reviewed: review?.score, rules: a.rules(for: d.id), reviewShare: a.reviewShare)
                return Result(department: d, period: q, lines: lines, total: nil, rank: nil, review: review, asOf: c.today)
            }
        }
    }

    /// The quarters of a year, or the quarter itself.
    public static func quarters(of period: Period) -> [Period] {
        guard period.length == .year else { return [period] }
        return (1...4).compactMap { Period("\(period.start.year)Q\($0)") }
    }

    public static func build(_ c: ReportContext) -> ReportOutput {
        c.period.length == .year ? buildYear(c) : buildQuarter(c)
    }

    // MARK: a quarter

    static func buildQuarter(_ c: ReportContext) -> ReportOutput {
        quarter(results(c, quarters: [c.period])[0], config: c.records.config.assessment, unassessed: unassessed(c.records),
                without: unassessedResults(c, quarters: [c.period])[0], period: c.period, today: c.today, subtitle: c.subtitle, c.labels)
    }

    /// A quarter's report of results already computed (one repository's, or a roll-up's).
    /// `without`: the indicators of the departments without projects (`unassessedResults`),
    /// shown after the ranked ones; none in a roll-up.
    static func quarter(_ results: [Result], config a: AssessmentConfig, unassessed: [Department], without: [Result] = [], period: Period, today: Day,
                        subtitle: String, _ L: Catalogue) -> ReportOutput {
        var doc = ReportDocument(title: "\(L["assess.title.quarter"]) \(period.label)", subtitle: subtitle, language: L.language)
        doc.blocks.append(.paragraph(rulesNote(a, L)))
        if let note = runningNote([period], today, L) { doc.blocks.append(.paragraph(note)) }
        let begun = period.start <= today
        doc.blocks.append(.heading(L["assess.ranking"]))
        if let note = unassessedNote(unassessed, L) { doc.blocks.append(.paragraph(note)) }
        if results.isEmpty {
            doc.blocks.append(.paragraph(L["assess.no departments"]))
        } else if !begun {
            doc.blocks.append(.paragraph(L("assess.quarter not begun", ["quarter": period.label, "day": today.description])))
        } else {
            let indicators = a.rules.map(\.indicator)
            let ordered = results.sorted { ($0.rank ?? Int.max) < ($1.rank ?? Int.max) }
            doc.blocks.append(.table(ReportTable(
                headers: [L["assess.rank"], L["department"]] + indicators.map { label($0, L) } + [L["assess.total"]],
                rows: (ordered + without).map { res in
                    [res.rank.map(String.init) ?? "—", res.department.name]
                        + indicators.map { i in showScore(res.lines?.first { $0.rule.indicator == i }?.score, L) }
                        + [ReportNumber.decimal(res.total, digits: 1, missing: L["report.n/a"])]
                }, numeric: Set(0..<(indicators.count + 3)).subtracting([1]))))
            for res in results {
                doc.blocks.append(.subheading(res.department.name))
                doc.blocks.append(.table(lineTable(res.lines ?? [], L)))
                doc.blocks.append(.paragraph(L("assess.total line", ["total": ReportNumber.decimal(res.total, digits: 1, missing: L["report.n/a"]),
                                                                      "rank": res.rank.map(String.init) ?? "—"])))
                if let note = qualityNote(res, L) { doc.blocks.append(.paragraph(note)) }
                let without = (res.lines ?? []).filter { $0.value == nil }.map { label($0.rule.indicator, L) }
                if !without.isEmpty, res.total != nil {
                    doc.blocks.append(.paragraph(L("assess.partial", ["indicators": without.joined(separator: L["assess.list separator"])])))
                }
            }
            for res in without {
                doc.blocks.append(.subheading(res.department.name))
                doc.blocks.append(.paragraph(L["assess.no projects"]))
                doc.blocks.append(.table(lineTable(res.lines ?? [], L)))
            }
            doc.blocks.append(.heading(L["assess.targets met"]))
            doc.blocks.append(.bullets(indicators.map { i in metLine(i, results, L) }))
        }
        let json = JSONValue.object([
            ("report", .string("assessment")), ("period", Self.period(period)), ("as_of", .string(today.description)),
            ("begun", .bool(begun)), ("rules", rulesJSON(a)),
            ("departments", .array((begun ? results.map(resultJSON) : []) + unassessedJSON(unassessed, quarter: true, without))),
        ])
        return ReportOutput(document: doc, json: json, csv: (csvHeaders, (results + without).flatMap(csvRows)))
    }

    // MARK: a year

    static func buildYear(_ c: ReportContext) -> ReportOutput {
        let quarters = quarters(of: c.period)
        return year(results(c, quarters: quarters), departments: departments(c.records).map(\.department), config: c.records.config.assessment,
                    unassessed: unassessed(c.records), without: unassessedResults(c, quarters: quarters), period: c.period, today: c.today,
                    subtitle: c.subtitle, c.labels)
    }

    /// A year's report of results already computed (`all`: per quarter, per department of `depts`).
    /// `without`: per quarter, the indicators of the departments without projects (none in a roll-up).
    static func year(_ all: [[Result]], departments depts: [Department], config a: AssessmentConfig, unassessed: [Department],
                     without given: [[Result]] = [], period: Period, today: Day, subtitle: String, _ L: Catalogue) -> ReportOutput {
        let quarters = quarters(of: period)
        let without = given.isEmpty ? all.map { _ in [Result]() } : given
        let yearScores = depts.indices.map { d in Assessment.yearScore(all.map { $0[d].total }) }
        let yearRanks = Assessment.ranks(yearScores)
        var doc = ReportDocument(title: "\(L["assess.title.year"]) \(period.label)", subtitle: subtitle, language: L.language)
        doc.blocks.append(.paragraph(rulesNote(a, L)))
        doc.blocks.append(.paragraph(L["assess.year rule"]))
        if let note = runningNote(quarters, today, L) { doc.blocks.append(.paragraph(note)) }
        doc.blocks.append(.heading(L["assess.ranking"]))
        if let note = unassessedNote(unassessed, L) { doc.blocks.append(.paragraph(note)) }
        if depts.isEmpty {
            doc.blocks.append(.paragraph(L["assess.no departments"]))
        } else {
            let order = depts.indices.sorted { (yearRanks[$0] ?? Int.max, $0) < (yearRanks[$1] ?? Int.max, $1) }
            doc.blocks.append(.table(ReportTable(
                headers: [L["assess.rank"], L["department"]] + quarters.map(\.label) + [L["assess.year score"]],
                rows: order.map { d in
                    [yearRanks[d].map(String.init) ?? "—", depts[d].name]
                        + all.map { q in q[d].lines == nil ? L["assess.not begun"] : ReportNumber.decimal(q[d].total, digits: 1, missing: L["report.n/a"]) }
                        + [ReportNumber.decimal(yearScores[d], digits: 1, missing: L["report.n/a"])]
                }, numeric: Set(0..<(quarters.count + 3)).subtracting([1]))))
            for (d, dept) in depts.enumerated() {
                doc.blocks.append(.subheading(dept.name))
                let indicators = a.rules(for: dept.id)
                doc.blocks.append(.table(ReportTable(
                    headers: [L["assess.indicator"], L["assess.target"]] + quarters.map(\.label) + [L["assess.quarters met"]],
                    rows: indicators.map { rule in
                        let per = all.map { q in q[d].lines?.first { $0.rule.indicator == rule.indicator } }
                        let met = per.filter { $0?.met == true }.count
                        let counted = per.filter { $0?.met != nil }.count
                        return [label(rule.indicator, L), show(rule.target, rule.indicator, L)]
                            + per.map { line in line.map { showScore($0.score, L) } ?? "—" }
                            + ["\(met)/\(counted)"]
                    } + [[L["assess.total"], ""] + all.map { ReportNumber.decimal($0[d].total, digits: 1, missing: L["report.n/a"]) } + [""]],
                    numeric: Set(2..<(quarters.count + 3)))))
                let missing = all.filter { $0[d].lines != nil && $0[d].review == nil && $0[d].lines!.contains { $0.rule.indicator == .reportQuality } }
                    .map(\.[d].period.label)
                if !missing.isEmpty {
                    doc.blocks.append(.paragraph(L("assess.reviews missing", [
                        "quarters": missing.joined(separator: L["assess.list separator"]),
                        "command": "huifang assess review \(dept.id) --period \(missing[0]) --score N --note TEXT",
                    ])))
                }
            }
        }
        let json = JSONValue.object([
            ("report", .string("assessment")), ("period", Self.period(period)), ("as_of", .string(today.description)),
            ("rules", rulesJSON(a)), ("year_score", .string("mean_of_quarter_totals")),
            ("departments", .array(depts.indices.map { d in
                .object([
                    ("id", .string(depts[d].id)), ("name", .string(depts[d].name)), ("assessed", .bool(true)),
                    ("year_score", .optional(KPIEngine.round2(yearScores[d]))), ("rank", yearRanks[d].map { .int($0) } ?? .null),
                    ("quarters", .array(all.map { q in
                        q[d].lines == nil
                            ? .object([("period", Self.period(q[d].period)), ("begun", .bool(false))])
                            : quarterJSON(q[d])
                    })),
                ])
            } + unassessedJSON(unassessed, quarter: false, without.flatMap { $0 }))),
        ])
        return ReportOutput(document: doc, json: json, csv: (csvHeaders, zip(all, without).flatMap { ($0 + $1).flatMap(csvRows) }))
    }

    // MARK: pieces

    static func label(_ i: AssessmentIndicator, _ L: Catalogue) -> String {
        i == .reportQuality ? L["assess.report_quality"] : i == .reopenRate ? L["assess.reopen_rate"] : L.report(i.rawValue)
    }

    /// A value for people: a percentage, NPS points, a count.
    static func show(_ v: Double?, _ i: AssessmentIndicator, _ L: Catalogue) -> String {
        guard let v else { return L["report.n/a"] }
        switch i.unit {
        case .rate: return ReportNumber.percent(v)
        case .points: return ReportNumber.decimal(v, digits: 1)
        case .count: return ReportNumber.decimal(v, digits: 0)
        }
    }

    /// A value shown beside its target: with enough digits that one missing or meeting the
    /// target by less than the usual digits does not read as the target (89.99% against 90%).
    static func show(_ v: Double?, against target: Double, _ i: AssessmentIndicator, _ L: Catalogue) -> String {
        guard let v else { return L["report.n/a"] }
        switch i.unit {
        case .rate: return ReportNumber.percent(v, apartFrom: target)
        case .points: return ReportNumber.decimal(v, digits: 1, apartFrom: target)
        case .count: return ReportNumber.decimal(v, digits: 0, apartFrom: target)
        }
    }

    /// A score out of 100: one below 100 never shows as 100.0.
    static func showScore(_ s: Double?, _ L: Catalogue) -> String { ReportNumber.decimal(s, digits: 1, apartFrom: 100, missing: L["report.n/a"]) }

    /// What a value was computed from, for people.
    static func basis(_ l: Assessment.Line, _ L: Catalogue) -> String {
        switch l.rule.indicator {
        case .satisfactionIndex: return L("assess.basis.scored", ["n": String(l.denominator ?? 0)])
        case .nps: return L("assess.basis.answers", ["n": String(l.denominator ?? 0)])
        case .overdueVisits: return ""
        case .reportQuality:
            let complete = "\(L["assess.completeness"]) \(l.numerator ?? 0)/\(l.denominator ?? 0)"
            let reviewed = l.reviewed.map { "\(L["assess.reviewed"]) \(ReportNumber.decimal($0 * 100, digits: 0))" } ?? L["assess.no review"]
            return L("assess.basis.quality", ["completeness": complete, "reviewed": reviewed])
        default: return "\(l.numerator ?? 0)/\(l.denominator ?? 0)"
        }
    }

    static func lineTable(_ lines: [Assessment.Line], _ L: Catalogue) -> ReportTable {
        ReportTable(
            headers: [L["assess.indicator"], L["assess.value"], L["assess.basis"], L["assess.target"], L["assess.floor"], L["assess.weight"],
                      L["assess.score"], L["assess.met"]],
            rows: lines.map { l in
                [label(l.rule.indicator, L), show(l.value, against: l.rule.target, l.rule.indicator, L), basis(l, L), show(l.rule.target, l.rule.indicator, L),
                 show(l.rule.floor, l.rule.indicator, L), ReportNumber.decimal(l.rule.weight, digits: l.rule.weight < 1 ? 2 : 0),
                 showScore(l.score, L), l.met.map { $0 ? L["assess.yes"] : L["assess.no"] } ?? L["report.n/a"]]
            }, numeric: [1, 3, 4, 5, 6])
    }

    /// How 回访报告质量 was computed for a department, when a part of it is missing.
    static func qualityNote(_ res: AssessmentReport.Result, _ L: Catalogue) -> String? {
        guard let l = res.lines?.first(where: { $0.rule.indicator == .reportQuality }) else { return nil }
        let cmd = "huifang assess review \(res.department.id) --period \(res.period.label) --score N --note TEXT"
        switch (l.completeness, l.reviewed) {
        case (_?, nil): return L("assess.quality.no review", ["command": cmd])
        case (nil, _?): return L["assess.quality.no visits"]
        case (nil, nil): return L("assess.quality.neither", ["command": cmd])
        case (_?, _?): return nil
        }
    }

    /// Says which quarter is still running on the as-of date: its figures are counted on that day.
    static func runningNote(_ quarters: [Period], _ today: Day, _ L: Catalogue) -> String? {
        guard let q = quarters.first(where: { $0.start <= today && today < $0.end }) else { return nil }
        return L("assess.running", ["quarter": q.label, "day": today.description])
    }

    static func metLine(_ i: AssessmentIndicator, _ results: [Result], _ L: Catalogue) -> String {
        func names(_ met: Bool?) -> String {
            let n = results.filter { r in r.lines?.first { $0.rule.indicator == i }?.met == met }.map(\.department.name)
            return n.isEmpty ? "—" : n.joined(separator: L["assess.list separator"])
        }
        return L("assess.met line", ["indicator": label(i, L), "met": names(true), "missed": names(false), "na": names(nil)])
    }

    static func rulesNote(_ a: AssessmentConfig, _ L: Catalogue) -> String {
        let rules = a.rules.map { "\(label($0.indicator, L)) \(show($0.target, $0.indicator, L)) × \(ReportNumber.decimal($0.weight, digits: $0.weight < 1 ? 2 : 0))" }
            .joined(separator: L["assess.list separator"])
        return L("assess.rules.line", ["rules": L(a.configured ? "assess.rules.configured" : "assess.rules.default",
                                                  ["rules": rules, "file": "huifang.yaml", "section": "assessment"]),
                                        "scoring": L("assess.rules.scoring", ["share": ReportNumber.percent(a.reviewShare)])])
    }

    // MARK: JSON and CSV

    static func period(_ p: Period) -> JSONValue {
        .object([("label", .string(p.label)), ("start", .string(p.start.description)), ("end", .string(p.end.description))])
    }

    static func number(_ v: Double?, _ i: AssessmentIndicator) -> JSONValue {
        .optional(i.unit == .rate ? KPIEngine.round4(v) : KPIEngine.round1(v))
    }

    /// A value beside its target in JSON: rounded as `number`, with more digits when the
    /// rounding would make a value that is not the target equal to it (0.89999 stays 0.89999,
    /// not 0.9 with "met": false).
    static func number(_ v: Double?, against target: Double, _ i: AssessmentIndicator) -> JSONValue {
        guard let v else { return .null }
        var scale = i.unit == .rate ? 10_000.0 : 10.0
        var rounded = (v * scale).rounded() / scale
        while abs(v - target) > Assessment.tolerance, abs(rounded - target) <= Assessment.tolerance, scale < 1e12 {
            scale *= 10
            rounded = (v * scale).rounded() / scale
        }
        return .number(rounded)
    }

    /// A score in JSON, to 2 decimals; one below 100 never rounds to 100.
    static func scoreJSON(_ s: Double?) -> JSONValue {
        guard let s else { return .null }
        var scale = 100.0
        var rounded = (s * scale).rounded() / scale
        while abs(s - 100) > Assessment.tolerance, rounded == 100, scale < 1e12 {
            scale *= 10
            rounded = (s * scale).rounded() / scale
        }
        return .number(rounded)
    }

    static func rulesJSON(_ a: AssessmentConfig) -> JSONValue {
        .object([
            ("configured", .bool(a.configured)), ("review_share", .optional(KPIEngine.round4(a.reviewShare))),
            ("indicators", .array(a.rules.map { r in
                .object([("indicator", .string(r.indicator.rawValue)), ("target", number(r.target, r.indicator)),
                         ("floor", number(r.floor, r.indicator)), ("weight", .optional(KPIEngine.round4(r.weight))),
                         ("lower_is_better", .bool(r.indicator.lowerIsBetter))])
            })),
        ])
    }

    static func lineJSON(_ l: Assessment.Line) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("indicator", .string(l.rule.indicator.rawValue)), ("value", number(l.value, against: l.rule.target, l.rule.indicator)),
            ("numerator", l.numerator.map { .int($0) } ?? .null), ("denominator", l.denominator.map { .int($0) } ?? .null),
            ("target", number(l.rule.target, l.rule.indicator)), ("floor", number(l.rule.floor, l.rule.indicator)),
            ("weight", .optional(KPIEngine.round4(l.rule.weight))), ("score", scoreJSON(l.score)),
            ("met", l.met.map { .bool($0) } ?? .null),
        ]
        if l.rule.indicator == .reportQuality {
            fields.append(("completeness", .optional(KPIEngine.round4(l.completeness))))
            fields.append(("reviewed", .optional(KPIEngine.round4(l.reviewed))))
            let missing = [l.completeness == nil ? "completeness" : nil, l.reviewed == nil ? "review" : nil].compactMap { $0 }
            fields.append(("missing", .strings(missing)))
        }
        return .object(fields)
    }

    static func quarterJSON(_ res: Result) -> JSONValue {
        let lines = res.lines ?? []
        return .object([
            ("period", period(res.period)), ("begun", .bool(true)), ("counted_on", .string(res.countedOn.description)),
            ("total", .optional(KPIEngine.round2(res.total))), ("rank", res.rank.map { .int($0) } ?? .null),
            ("met", .strings(lines.filter { $0.met == true }.map(\.rule.indicator.rawValue))),
            ("missed", .strings(lines.filter { $0.met == false }.map(\.rule.indicator.rawValue))),
            ("indicators", .array(lines.map(lineJSON))),
            ("review", res.review.map { r in
                .object([("score", .int(r.score)), ("note", .string(r.note)), ("date", .string(r.date.description)), ("file", .string(r.location.path))])
            } ?? .null),
        ])
    }

    static func resultJSON(_ res: Result) -> JSONValue {
        guard case .object(let fields) = quarterJSON(res) else { return .null }
        return .object([("id", .string(res.department.id)), ("name", .string(res.department.name)), ("assessed", .bool(true))]
            + fields.filter { $0.0 != "period" && $0.0 != "begun" })
    }

    /// The business departments not assessed, listed with no values and the reason
    /// (`no_projects`: they own no project), after the assessed ones.
    /// `results`: their indicators over no project (`unassessedResults`), by quarter.
    static func unassessedJSON(_ r: Records, quarter: Bool, _ results: [Result] = []) -> [JSONValue] {
        unassessedJSON(unassessed(r), quarter: quarter, results)
    }

    static func unassessedJSON(_ departments: [Department], quarter: Bool, _ results: [Result] = []) -> [JSONValue] {
        departments.map { d in
            let own = results.filter { $0.department.id == d.id }
            func indicators(_ res: Result?) -> JSONValue { .array((res?.lines ?? []).map(lineJSON)) }
            return .object([("id", .string(d.id)), ("name", .string(d.name)), ("assessed", .bool(false)), ("reason", .string("no_projects"))]
                + (quarter ? [("total", .null), ("rank", .null), ("indicators", indicators(own.first))]
                           : [("year_score", .null), ("rank", .null), ("quarters", .array(own.map { q in
                               q.lines == nil ? .object([("period", period(q.period)), ("begun", .bool(false))]) : quarterJSON(q)
                           }))]))
        }
    }

    static let csvHeaders = ["period", "department", "indicator", "value", "numerator", "denominator", "target", "floor", "weight", "score", "met",
                             "total", "rank"]

    static func csvRows(_ res: Result) -> [[String]] {
        func cell(_ v: JSONValue) -> String { v == .null ? "n/a" : v.render() }
        return (res.lines ?? []).map { l in
            [res.period.label, res.department.id, l.rule.indicator.rawValue, cell(number(l.value, against: l.rule.target, l.rule.indicator)),
             l.numerator.map(String.init) ?? "", l.denominator.map(String.init) ?? "", cell(number(l.rule.target, l.rule.indicator)),
             cell(number(l.rule.floor, l.rule.indicator)), cell(.optional(KPIEngine.round4(l.rule.weight))),
             cell(scoreJSON(l.score)), l.met.map { $0 ? "yes" : "no" } ?? "n/a",
             cell(.optional(KPIEngine.round2(res.total))), res.rank.map(String.init) ?? ""]
        }
    }
}
