import HuifangCore
import HuifangReport

/// JSON shapes of the reports (docs/KPIS.md): rates as fractions rounded to 4 decimals, NPS in
/// points rounded to 1, null for "n/a".
enum ReportJSON {
    static func kpis(_ k: PeriodKPIs) -> JSONValue {
        .object([
            ("visit_plan_completion_rate", .optional(KPIEngine.round4(k.visitPlanCompletionRate))),
            ("satisfaction_index", .optional(KPIEngine.round4(k.satisfactionIndex))),
            ("csat", .optional(KPIEngine.round4(k.csat))),
            ("nps", .optional(KPIEngine.round1(k.nps))),
            ("issue_resolution_rate", .optional(KPIEngine.round4(k.issueResolutionRate))),
            ("on_time_resolution_rate", .optional(KPIEngine.round4(k.onTimeResolutionRate))),
            ("record_completeness", .optional(KPIEngine.round4(k.recordCompleteness))),
        ])
    }

    static func counts(_ k: PeriodKPIs) -> JSONValue {
        .object([
            ("planned_projects", .int(k.plannedProjects)), ("visited_planned_projects", .int(k.visitedPlannedProjects)),
            ("unplanned_visits", .int(k.unplannedVisits)), ("visits", .int(k.visits)), ("issues_raised", .int(k.issuesRaised)),
            ("issues_resolved", .int(k.issuesResolved)), ("overdue_visits", .int(k.overdueVisits)),
            ("overdue_issues", .int(k.overdueIssues)), ("overdue_confirmations", .int(k.overdueConfirmations)),
        ])
    }

    static func satisfaction(_ k: PeriodKPIs) -> JSONValue {
        .object([
            ("mean_overall", .optional(KPIEngine.round2(k.meanOverall))), ("scored_visits", .int(k.scoredVisits)),
            ("nps_responses", .int(k.npsResponses)),
            ("dimensions", .object(k.dimensions.map { ($0.name, .optional(KPIEngine.round2($0.mean))) })),
        ])
    }

    static func period(_ k: PeriodKPIs) -> JSONValue {
        .object([("label", .string(k.period.label)), ("start", .string(k.period.start.description)), ("end", .string(k.period.end.description))])
    }

    static func scope(_ k: PeriodKPIs) -> [(String, JSONValue)] {
        [("kpis", kpis(k)), ("counts", counts(k)), ("satisfaction", satisfaction(k))]
    }

    /// The KPI values in report order, for tables and CSV.
    static func values(_ k: PeriodKPIs) -> [Double?] {
        [k.visitPlanCompletionRate, k.satisfactionIndex, k.csat, k.nps, k.issueResolutionRate, k.onTimeResolutionRate, k.recordCompleteness]
    }

    static func countValues(_ k: PeriodKPIs) -> [Int] {
        [k.plannedProjects, k.visitedPlannedProjects, k.unplannedVisits, k.visits, k.issuesRaised, k.issuesResolved, k.overdueVisits, k.overdueIssues,
         k.overdueConfirmations]
    }

    /// A KPI for people: percentages with one decimal, NPS in points, "n/a".
    static func display(_ key: String, _ v: Double?) -> String {
        guard let v else { return "n/a" }
        return key == "nps" ? ReportNumber.decimal(v, digits: 1) : ReportNumber.percent(v)
    }

    /// A KPI for CSV cells: the JSON number, empty for n/a.
    static func csv(_ key: String, _ v: Double?) -> String {
        guard let v else { return "n/a" }
        let r = key == "nps" ? KPIEngine.round1(v)! : KPIEngine.round4(v)!
        return JSONValue.number(r).render()
    }
}
