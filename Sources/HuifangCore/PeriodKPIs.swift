/// The KPIs of policy §十 for one period (SPEC §4), for the whole company or a set of
/// projects. Rates are fractions in [0, 1]; nil means "n/a" (an empty denominator), never 0.
public struct PeriodKPIs: Sendable {
    public var period: Period
    /// The day overdue counts are taken on: the period's last day, or today while it runs.
    public var countedOn: Day

    public var visitPlanCompletionRate: Double?
    public var satisfactionIndex: Double?
    public var csat: Double?
    /// Points, −100...100.
    public var nps: Double?
    public var issueResolutionRate: Double?
    public var onTimeResolutionRate: Double?
    public var recordCompleteness: Double?

    public var plannedProjects = 0
    public var visitedPlannedProjects = 0
    public var unplannedVisits = 0
    public var visits = 0
    public var scoredVisits = 0
    public var npsResponses = 0
    public var issuesRaised = 0
    public var issuesResolved = 0
    public var issuesResolvedOnTime = 0
    public var overdueVisits = 0
    public var overdueIssues = 0
    /// Mean overall score (on the scale, e.g. 1...5).
    public var meanOverall: Double?
    /// Mean score per satisfaction dimension, in the order of huifang.yaml.
    public var dimensions: [(name: String, mean: Double?)] = []
    /// Whether the plan came from plans/YEAR.yaml (true) or the live schedule.
    public var frozenPlan = false

    init(period: Period, countedOn: Day) {
        self.period = period
        self.countedOn = countedOn
    }
}

public enum KPIEngine {
    /// The KPIs of `period` as of `today`, for `projects` (nil: every project).
    public static func compute(_ r: Records, schedule: Schedule, period: Period, today: Day, projects: Set<ProjectID>? = nil) -> PeriodKPIs {
        let t = min(period.end, max(today, period.start))
        var k = PeriodKPIs(period: period, countedOn: t)
        func included(_ p: ProjectID) -> Bool { projects?.contains(p) ?? true }

        // Visit-plan completion: projects with a scheduled (or frozen-plan) visit due in the period.
        var planned = Set<ProjectID>()
        var year = period.start.year
        while year <= period.end.year {
            let from = max(period.start, Day(year: year, month: 1, day: 1)!)
            let to = min(period.end, Day(year: year, month: 12, day: 31)!)
            if let plan = r.plans.first(where: { $0.year == year }) {
                k.frozenPlan = true
                for item in plan.visits where item.due >= from && item.due <= to && included(item.project) {
                    planned.insert(item.project)
                }
            } else {
                for item in schedule.items where item.due >= from && item.due <= to && included(item.project) {
                    planned.insert(item.project)
                }
            }
            year += 1
        }
        let visits = r.visits.filter { period.contains($0.date) && included($0.project) }
        let visitedProjects = Set(visits.map(\.project))
        k.plannedProjects = planned.count
        k.visitedPlannedProjects = planned.intersection(visitedProjects).count
        k.unplannedVisits = visits.filter { !planned.contains($0.project) }.count
        k.visitPlanCompletionRate = ratio(k.visitedPlannedProjects, k.plannedProjects)
        k.visits = visits.count

        // Satisfaction.
        let scale = Double(r.config.satisfaction.scale)
        let overall = visits.compactMap(\.overallScore)
        k.scoredVisits = overall.count
        k.meanOverall = mean(overall)
        k.satisfactionIndex = k.meanOverall.map { $0 / scale }
        k.csat = ratio(overall.filter { $0 >= Double(r.config.satisfaction.satisfiedAt) }.count, overall.count)
        k.dimensions = r.config.satisfaction.dimensions.map { d in (d, mean(visits.compactMap { $0.score(d).map(Double.init) })) }
        let nps = visits.compactMap(\.nps)
        k.npsResponses = nps.count
        if !nps.isEmpty {
            let promoters = Double(nps.filter { $0 >= 9 }.count)
            let detractors = Double(nps.filter { $0 <= 6 }.count)
            k.nps = (promoters - detractors) * 100 / Double(nps.count)
        }

        // Issues raised in the period and what became of them by its end.
        let raised = r.issues.filter { period.contains($0.raised) && included($0.project) }
        let resolved = raised.filter { $0.isResolved(on: period.end) }
        k.issuesRaised = raised.count
        k.issuesResolved = resolved.count
        k.issuesResolvedOnTime = resolved.filter { $0.resolvedOnTime == true }.count
        k.issueResolutionRate = ratio(resolved.count, raised.count)
        k.onTimeResolutionRate = ratio(k.issuesResolvedOnTime, resolved.count)

        // Record completeness: summary, method, visitor, contacts and links to the issues raised in it.
        var raisedIn: [VisitID: [IssueID]] = [:]
        for i in r.issues { if let v = i.visit { raisedIn[v, default: []].append(i.id) } }
        let complete = visits.filter { v in
            !v.summary.isEmpty && !v.visitor.isEmpty && !v.contacts.isEmpty
                && (raisedIn[v.id] ?? []).allSatisfy { v.issues.contains($0) }
        }
        k.recordCompleteness = ratio(complete.count, visits.count)

        // Overdue on day t.
        k.overdueVisits = schedule.items.filter { included($0.project) && $0.isOverdue(on: t) }.count
        k.overdueIssues = r.issues.filter { i in
            included(i.project) && i.raised <= t && i.due < t && !i.isResolved(on: t)
        }.count
        return k
    }

    /// The KPIs of the `count` periods of the same length before `period`, oldest first.
    public static func trend(_ r: Records, schedule: Schedule, period: Period, today: Day, count: Int = 4,
                             projects: Set<ProjectID>? = nil) -> [PeriodKPIs] {
        var periods: [Period] = []
        var p = period
        for _ in 0..<count {
            p = p.previous
            periods.insert(p, at: 0)
        }
        return periods.map { compute(r, schedule: schedule, period: $0, today: today, projects: projects) }
    }

    /// The projects of a department.
    public static func projects(of department: String, in r: Records) -> Set<ProjectID> {
        Set(r.projects.filter { $0.department == department }.map(\.id))
    }

    static func ratio(_ n: Int, _ d: Int) -> Double? { d == 0 ? nil : Double(n) / Double(d) }

    static func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }

    /// A fraction rounded to 4 decimals, as JSON reports print rates (SPEC §4).
    public static func round4(_ d: Double?) -> Double? { d.map { ($0 * 10_000).rounded() / 10_000 } }

    /// NPS and means rounded to 1 decimal.
    public static func round1(_ d: Double?) -> Double? { d.map { ($0 * 10).rounded() / 10 } }

    public static func round2(_ d: Double?) -> Double? { d.map { ($0 * 100).rounded() / 100 } }
}

/// Visits per visitor in a period, with their mean overall score (department reports).
public struct VisitorCount: Sendable, Hashable {
    public var visitor: String
    public var visits: Int
    public var meanOverall: Double?

    public static func of(_ r: Records, period: Period, projects: Set<ProjectID>?) -> [VisitorCount] {
        let visits = r.visits.filter { period.contains($0.date) && (projects?.contains($0.project) ?? true) }
        return Dictionary(grouping: visits, by: \.visitor).map { name, vs in
            VisitorCount(visitor: name, visits: vs.count, meanOverall: KPIEngine.mean(vs.compactMap(\.overallScore)))
        }.sorted { ($1.visits, $0.visitor) < ($0.visits, $1.visitor) }
    }
}
