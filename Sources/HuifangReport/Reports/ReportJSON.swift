import HuifangCore

/// A KPI of the reports (docs/KPIS.md), in the one list that gives their order everywhere (tables,
/// JSON, CSV): its key (the JSON and CSV name, and the label's key), its value, and how it is
/// printed: a rate is a fraction (a percentage for people), NPS is in points.
public struct ReportKPI: Sendable {
    public let key: String
    public let value: @Sendable (PeriodKPIs) -> Double?
    /// NPS: points rounded to 1 decimal; every other KPI is a rate rounded to 4.
    public let isPoints: Bool

    public static let all: [ReportKPI] = [
        ReportKPI(key: "visit_plan_completion_rate", value: { $0.visitPlanCompletionRate }, isPoints: false),
        ReportKPI(key: "satisfaction_index", value: { $0.satisfactionIndex }, isPoints: false),
        ReportKPI(key: "csat", value: { $0.csat }, isPoints: false),
        ReportKPI(key: "nps", value: { $0.nps }, isPoints: true),
        ReportKPI(key: "issue_resolution_rate", value: { $0.issueResolutionRate }, isPoints: false),
        ReportKPI(key: "on_time_resolution_rate", value: { $0.onTimeResolutionRate }, isPoints: false),
        ReportKPI(key: "record_completeness", value: { $0.recordCompleteness }, isPoints: false),
    ]

    public func label(_ L: Catalogue) -> String { L.report(key) }

    /// The value as JSON and CSV give it: rounded, nil for n/a.
    public func rounded(_ k: PeriodKPIs) -> Double? { isPoints ? KPIEngine.round1(value(k)) : KPIEngine.round4(value(k)) }

    /// For people: percentages with one decimal, NPS in points, the catalogue's word for no
    /// value (无数据 / n/a).
    public func display(_ k: PeriodKPIs, _ L: Catalogue) -> String {
        guard let v = value(k) else { return L["report.n/a"] }
        return isPoints ? ReportNumber.decimal(v, digits: 1) : ReportNumber.percent(v)
    }

    /// For CSV cells: the JSON number, "n/a" for no value.
    public func csv(_ k: PeriodKPIs) -> String { rounded(k).map { JSONValue.number($0).render() } ?? "n/a" }

    /// A rate whose denominator is below this is a small sample: marked, with a footnote.
    public static let smallSampleBelow = 5

    /// What the KPI counts: numerator over denominator for a rate (nil numerator for the
    /// satisfaction index and NPS, which are means of scores over `denominator` answers).
    public func counts(_ k: PeriodKPIs) -> RateCounts {
        switch key {
        case "visit_plan_completion_rate": return RateCounts(numerator: k.visitedPlannedProjects, denominator: k.plannedProjects)
        case "satisfaction_index": return RateCounts(numerator: nil, denominator: k.scoredVisits)
        case "csat": return RateCounts(numerator: RateCounts.numerator(k.csat, k.scoredVisits), denominator: k.scoredVisits)
        case "nps": return RateCounts(numerator: nil, denominator: k.npsResponses)
        case "issue_resolution_rate": return RateCounts(numerator: k.issuesResolved, denominator: k.issuesRaised)
        case "on_time_resolution_rate": return RateCounts(numerator: k.issuesResolvedOnTime, denominator: k.issuesResolved)
        case "record_completeness": return RateCounts(numerator: RateCounts.numerator(k.recordCompleteness, k.visits), denominator: k.visits)
        default: return RateCounts(numerator: nil, denominator: 0)
        }
    }

    /// For people, with the counts: "85.0%（17/20）", "80.0%（n=12）", a small sample marked
    /// ("75.0%（3/4）*"), "无数据"/"n/a" for no value.
    public func displayWithCounts(_ k: PeriodKPIs, _ L: Catalogue) -> String {
        guard value(k) != nil else { return L["report.n/a"] }
        return counts(k).display(display(k, L), L)
    }

    /// Whether the value shown is marked as a small sample.
    public func isSmallSample(_ k: PeriodKPIs) -> Bool { value(k) != nil && counts(k).smallSample }
}

/// The counts behind a rate: what was counted (`numerator`, nil for a mean of scores) out of how
/// many (`denominator`).
public struct RateCounts: Sendable, Hashable {
    public var numerator: Int?
    public var denominator: Int

    public init(numerator: Int?, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Something counted, but fewer than `ReportKPI.smallSampleBelow`.
    public var smallSample: Bool { denominator > 0 && denominator < ReportKPI.smallSampleBelow }

    /// The count behind a rate the KPI pass kept only as a fraction (n/d is exact in a Double).
    static func numerator(_ rate: Double?, _ denominator: Int) -> Int? {
        rate.map { Int(($0 * Double(denominator)).rounded()) }
    }

    /// `value` with the counts, and the small-sample mark when it is one.
    public func display(_ value: String, _ L: Catalogue, mark: Bool = true) -> String {
        let text = numerator.map { L("report.rate.counts", ["rate": value, "n": String($0), "d": String(denominator)]) }
            ?? L("report.rate.sample", ["rate": value, "d": String(denominator)])
        return mark && smallSample ? text + L["report.small mark"] : text
    }

    /// The footnote that says what the mark means.
    public static func note(_ L: Catalogue) -> String { L("report.small note", ["min": String(ReportKPI.smallSampleBelow)]) }

    public var json: JSONValue {
        .object([("numerator", .optional(numerator)), ("denominator", .int(denominator)), ("small_sample", .bool(smallSample))])
    }
}

/// A count of the reports, in the one list that gives their order everywhere.
public struct ReportCount: Sendable {
    public let key: String
    public let value: @Sendable (PeriodKPIs) -> Int

    public static let all: [ReportCount] = [
        ReportCount(key: "planned_projects", value: { $0.plannedProjects }),
        ReportCount(key: "visited_planned_projects", value: { $0.visitedPlannedProjects }),
        ReportCount(key: "unplanned_visits", value: { $0.unplannedVisits }),
        ReportCount(key: "visits", value: { $0.visits }),
        ReportCount(key: "issues_raised", value: { $0.issuesRaised }),
        ReportCount(key: "issues_resolved", value: { $0.issuesResolved }),
        ReportCount(key: "overdue_visits", value: { $0.overdueVisits }),
        ReportCount(key: "overdue_issues", value: { $0.overdueIssues }),
        ReportCount(key: "overdue_confirmations", value: { $0.overdueConfirmations }),
    ]

    public func label(_ L: Catalogue) -> String { L.report(key) }
}

/// JSON shapes of the reports (docs/KPIS.md): rates as fractions rounded to 4 decimals, NPS in
/// points rounded to 1, null for "n/a".
public enum ReportJSON {
    public static func kpis(_ k: PeriodKPIs) -> JSONValue {
        .object(ReportKPI.all.map { ($0.key, .optional($0.rounded(k))) })
    }

    /// Each KPI's numerator, denominator and whether it is a small sample (what the rate in
    /// `kpis` was computed from).
    public static func kpiCounts(_ k: PeriodKPIs) -> JSONValue {
        .object(ReportKPI.all.map { ($0.key, $0.counts(k).json) })
    }

    public static func counts(_ k: PeriodKPIs) -> JSONValue {
        .object(ReportCount.all.map { ($0.key, .int($0.value(k))) })
    }

    public static func satisfaction(_ k: PeriodKPIs) -> JSONValue {
        .object([
            ("mean_overall", .optional(KPIEngine.round2(k.meanOverall))), ("scored_visits", .int(k.scoredVisits)),
            ("nps_responses", .int(k.npsResponses)),
            ("dimensions", .object(k.dimensions.map { ($0.name, .optional(KPIEngine.round2($0.mean))) })),
        ])
    }

    public static func period(_ k: PeriodKPIs) -> JSONValue {
        .object([("label", .string(k.period.label)), ("start", .string(k.period.start.description)), ("end", .string(k.period.end.description))])
    }

    public static func scope(_ k: PeriodKPIs) -> [(String, JSONValue)] {
        [("kpis", kpis(k)), ("counts", counts(k)), ("satisfaction", satisfaction(k)), ("kpi_counts", kpiCounts(k))]
    }
}
