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

    /// For people: percentages with one decimal, NPS in points, "n/a".
    public func display(_ k: PeriodKPIs) -> String {
        guard let v = value(k) else { return "n/a" }
        return isPoints ? ReportNumber.decimal(v, digits: 1) : ReportNumber.percent(v)
    }

    /// For CSV cells: the JSON number, "n/a" for no value.
    public func csv(_ k: PeriodKPIs) -> String { rounded(k).map { JSONValue.number($0).render() } ?? "n/a" }
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
        [("kpis", kpis(k)), ("counts", counts(k)), ("satisfaction", satisfaction(k))]
    }
}
