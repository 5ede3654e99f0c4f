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
                // Items are sorted by due date: start at the first one due on `from`.
                let items = schedule.items
                var lo = 0
                var hi = items.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if items[mid].due < from { lo = mid + 1 } else { hi = mid }
                }
                var n = lo
                while n < items.count, items[n].due <= to {
                    if included(items[n].project) { planned.insert(items[n].project) }
                    n += 1
                }
            }
            year += 1
        }
        // Indices, not copies: Visit and Issue are large values and this runs once per scope
        // and period of a report.
        var visits: [Int] = []
        for n in r.visits.indices where period.contains(r.visits[n].date) && included(r.visits[n].project) { visits.append(n) }
        var visitedProjects = Set<ProjectID>()
        for n in visits { visitedProjects.insert(r.visits[n].project) }
        k.plannedProjects = planned.count
        k.visitedPlannedProjects = planned.intersection(visitedProjects).count
        k.unplannedVisits = visits.reduce(0) { $0 + (planned.contains(r.visits[$1].project) ? 0 : 1) }
        k.visitPlanCompletionRate = ratio(k.visitedPlannedProjects, k.plannedProjects)
        k.visits = visits.count

        // Satisfaction.
        let scale = Double(r.config.satisfaction.scale)
        let satisfiedAt = Double(r.config.satisfaction.satisfiedAt)
        var overallSum = 0.0
        var satisfied = 0
        var npsCount = 0
        var promoters = 0
        var detractors = 0
        let dimensions = r.config.satisfaction.dimensions
        var dimensionSums = [Double](repeating: 0, count: dimensions.count)
        var dimensionCounts = [Int](repeating: 0, count: dimensions.count)
        for n in visits {
            if let o = r.visits[n].overallScore {
                k.scoredVisits += 1
                overallSum += o
                if o >= satisfiedAt { satisfied += 1 }
            }
            if let score = r.visits[n].nps {
                npsCount += 1
                if score >= 9 { promoters += 1 } else if score <= 6 { detractors += 1 }
            }
            for (dimension, score) in r.visits[n].scores {
                if let d = dimensions.firstIndex(of: dimension) {
                    dimensionSums[d] += Double(score)
                    dimensionCounts[d] += 1
                }
            }
        }
        k.meanOverall = k.scoredVisits == 0 ? nil : overallSum / Double(k.scoredVisits)
        k.satisfactionIndex = k.meanOverall.map { $0 / scale }
        k.csat = ratio(satisfied, k.scoredVisits)
        k.dimensions = dimensions.indices.map { d in
            (dimensions[d], dimensionCounts[d] == 0 ? nil : dimensionSums[d] / Double(dimensionCounts[d]))
        }
        k.npsResponses = npsCount
        if npsCount > 0 { k.nps = Double(promoters - detractors) * 100 / Double(npsCount) }

        // Issues raised in the period and what became of them by its end.
        var raisedIn: [VisitID: [IssueID]] = [:]
        for n in r.issues.indices where period.contains(r.issues[n].raised) && included(r.issues[n].project) {
            k.issuesRaised += 1
            if let v = r.issues[n].visit { raisedIn[v, default: []].append(r.issues[n].id) }
            if r.issues[n].isResolved(on: period.end) {
                k.issuesResolved += 1
                if r.issues[n].resolvedOnTime == true { k.issuesResolvedOnTime += 1 }
            }
        }
        k.issueResolutionRate = ratio(k.issuesResolved, k.issuesRaised)
        k.onTimeResolutionRate = ratio(k.issuesResolvedOnTime, k.issuesResolved)

        // Record completeness: summary, method, visitor, contacts and links to the issues raised
        // in the visit (an issue raised in a visit is raised on its day, so in this period).
        var complete = 0
        for n in visits {
            let v = r.visits[n]
            if !v.summary.isEmpty && !v.visitor.isEmpty && !v.contacts.isEmpty
                && (raisedIn[v.id] ?? []).allSatisfy({ v.issues.contains($0) })
            {
                complete += 1
            }
        }
        k.recordCompleteness = ratio(complete, visits.count)

        // Overdue on day t.
        // Positions, not copies of 170,000 items per scope and period.
        let items = schedule.items
        for n in items.indices where items[n].due < t && items[n].isOverdue(on: t) && included(items[n].project) {
            k.overdueVisits += 1
        }
        for n in r.issues.indices where r.issues[n].raised <= t && r.issues[n].due < t && included(r.issues[n].project) {
            if !r.issues[n].isResolved(on: t) { k.overdueIssues += 1 }
        }
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
