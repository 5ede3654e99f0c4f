/// The KPIs of policy §十 for one period (docs/KPIS.md), for the whole company or a set of
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
    /// Scored visits with an overall score at or above `satisfied_at` (the CSAT numerator).
    public var satisfiedVisits = 0
    /// Complete visits (the record-completeness numerator).
    public var completeVisits = 0
    public var npsResponses = 0
    public var issuesRaised = 0
    public var issuesResolved = 0
    public var issuesResolvedOnTime = 0
    public var overdueVisits = 0
    public var overdueIssues = 0
    /// Resolved issues whose customer confirmation was overdue on `countedOn`.
    public var overdueConfirmations = 0
    /// Mean overall score (on the scale, e.g. 1...5).
    public var meanOverall: Double?
    /// Mean score per satisfaction dimension, in the order of huifang.yaml.
    public var dimensions: [(name: String, mean: Double?)] = []
    /// Whether the plan came from plans/YEAR.yaml (true) or the live schedule.
    public var frozenPlan = false
    /// The sums behind the means and NPS, so that KPIs of several repositories can be added up
    /// and the rates recomputed over the union (`PeriodKPIs.summing`): the overall scores, the
    /// overall scores each divided by its repository's scale, NPS promoters and detractors, and
    /// per dimension (in `dimensions`' order) the scores and how many there were.
    public var overallSum = 0.0
    public var indexSum = 0.0
    public var npsPromoters = 0
    public var npsDetractors = 0
    public var dimensionSums: [Double] = []
    public var dimensionCounts: [Int] = []

    init(period: Period, countedOn: Day) {
        self.period = period
        self.countedOn = countedOn
    }
}

public enum KPIEngine {
    /// The KPIs of `period` as of `today`, for `projects` (nil: every project).
    public static func compute(_ r: Records, schedule: Schedule, period: Period, today: Day, projects: Set<ProjectID>? = nil) -> PeriodKPIs {
        compute(r, schedule: schedule, period: period, today: today, projects: projects, facts: Facts(r, schedule))
    }

    /// The dates every KPI pass tests first, in compact arrays made once per report: the
    /// passes then scan 4-byte days instead of touching every (large) record.
    struct Facts: Sendable {
        var visitDates: [Int32]
        var issueRaised: [Int32]
        var issueDue: [Int32]
        var itemDue: [Int32]
        var itemTriggered: [Int32]
        /// Int32.max for an item not satisfied.
        var itemSatisfiedOn: [Int32]
        /// When the confirmation of each issue's first resolution is due; Int32.max for an
        /// issue never resolved.
        var confirmationDue: [Int32]
        /// The day an issue that was never reopened stopped awaiting confirmation; Int32.max
        /// when it still awaits it or was reopened (the rule then decides).
        var confirmationEnded: [Int32]
        /// The day from which an issue that was never reopened stands resolved (Int32.max:
        /// never); `askTheRule` for a reopened issue, whose history `Issue.resolutionDate`
        /// reads. Lets the passes skip the history of nearly every issue.
        var issueResolvedFrom: [Int32]
        static let askTheRule = Int32.min
        /// Every project id the records name, numbered densely (those of `r.projects` first, in
        /// their order): a scope is then an array of flags, and a record's project a number.
        var projectNumbers: [ProjectID: Int32]
        var visitProject: [Int32]
        var issueProject: [Int32]
        var itemProject: [Int32]
        /// Each visit's overall score (`Visit.overallScore`), and its NPS answer (`noNPS`: none).
        var visitOverall: [Double?]
        var visitNPS: [Int]
        static let noNPS = Int.min
        /// Whether a visit has its summary, visitor and contacts (the rest of a complete record
        /// is the links, below).
        var visitFilled: [Bool]
        /// The issues raised in a visit that its `issues` list leaves out, by the visit's
        /// position (rare: the loader derives the lists from the issues): a visit is incomplete
        /// in a scope that counts one of them.
        var unlinkedIssues: [Int: [Int]]

        init(_ r: Records, _ schedule: Schedule) {
            visitDates = r.visits.map(\.date.ordinal)
            issueRaised = r.issues.map(\.raised.ordinal)
            issueDue = r.issues.map(\.due.ordinal)
            itemDue = schedule.items.map(\.due.ordinal)
            itemTriggered = schedule.items.map(\.triggered.ordinal)
            itemSatisfiedOn = schedule.items.map { $0.satisfiedOn?.ordinal ?? .max }
            // One pass over each issue's history (read in place, only `at` and `kind`): the day
            // of its first resolution, and the day it stopped awaiting confirmation.
            var first = [Int32](repeating: .max, count: r.issues.count)
            var ended = [Int32](repeating: .max, count: r.issues.count)
            var resolvedFrom = [Int32](repeating: .max, count: r.issues.count)
            var low = Int32.max
            var high = Int32.min
            r.issues.withUnsafeBufferPointer { issues in
                for n in issues.indices {
                    resolvedFrom[n] = Self.resolvedFrom(issues, n)
                    guard let (f, e) = Self.confirmationDays(issues, n) else { continue }
                    first[n] = f
                    ended[n] = e
                    low = min(low, f)
                    high = max(high, f)
                }
            }
            // Many issues are resolved on the same days: each day's due date is counted once, in
            // a table by day (the days of a history span a few thousand at most).
            var due = first
            if low <= high {
                var dueOn = [Int32](repeating: .max, count: Int(high - low) + 1)
                for n in due.indices where due[n] != .max {
                    let k = Int(due[n] - low)
                    if dueOn[k] == .max {
                        dueOn[k] = Issue.confirmationDue(resolvedOn: Day(ordinal: due[n]), r.config.policy, calendar: r.calendar).ordinal
                    }
                    due[n] = dueOn[k]
                }
            }
            confirmationDue = due
            confirmationEnded = ended
            issueResolvedFrom = resolvedFrom

            // Dense project numbers. Records come grouped by project: one lookup per run.
            var numbers: [ProjectID: Int32] = [:]
            numbers.reserveCapacity(r.projects.count)
            var projectNumber = [Int32](repeating: 0, count: r.projects.count)
            for p in r.projects.indices {
                let id = r.projects[p].id
                if let k = numbers[id] {
                    projectNumber[p] = k
                } else {
                    let k = Int32(numbers.count)
                    numbers[id] = k
                    projectNumber[p] = k
                }
            }
            func number(_ id: ProjectID) -> Int32 {
                if let k = numbers[id] { return k }
                let k = Int32(numbers.count)
                numbers[id] = k
                return k
            }
            func runs(_ count: Int, _ project: (Int) -> ProjectID) -> [Int32] {
                var out = [Int32](repeating: 0, count: count)
                var last: ProjectID?
                var k: Int32 = 0
                for n in 0..<count {
                    let p = project(n)
                    if p != last {
                        k = number(p)
                        last = p
                    }
                    out[n] = k
                }
                return out
            }
            visitProject = r.visits.withUnsafeBufferPointer { v in runs(v.count) { v[$0].project } }
            issueProject = r.issues.withUnsafeBufferPointer { i in runs(i.count) { i[$0].project } }
            // The schedule knows the position in `r.projects` of each item's project (checked
            // against the item's own id, in case it was made from other records).
            itemProject = schedule.items.withUnsafeBufferPointer { items in
                if let positions = schedule.projectPositions, positions.count == items.count {
                    var out = [Int32](repeating: 0, count: items.count)
                    var all = true
                    for n in items.indices {
                        let p = Int(positions[n])
                        guard p < r.projects.count, r.projects[p].id == items[n].project else {
                            all = false
                            break
                        }
                        out[n] = projectNumber[p]
                    }
                    if all { return out }
                }
                return runs(items.count) { items[$0].project }
            }
            projectNumbers = numbers

            var overall = [Double?](repeating: nil, count: r.visits.count)
            var nps = [Int](repeating: Self.noNPS, count: r.visits.count)
            var filled = [Bool](repeating: false, count: r.visits.count)
            r.visits.withUnsafeBufferPointer { visits in
                for n in visits.indices {
                    overall[n] = visits[n].overallScore
                    if let score = visits[n].nps { nps[n] = score }
                    filled[n] = !visits[n].summary.isEmpty && !visits[n].visitor.isEmpty && !visits[n].contacts.isEmpty
                }
            }
            visitOverall = overall
            visitNPS = nps
            visitFilled = filled
            unlinkedIssues = Self.unlinkedIssues(r)
        }

        /// `unlinkedIssues`: for every issue that names a visit, each visit of that id that does
        /// not list the issue. Visits are found through a table keyed by a cheap hash of their
        /// ids' bytes; the ids themselves are compared only within a bucket.
        static func unlinkedIssues(_ r: Records) -> [Int: [Int]] {
            var out: [Int: [Int]] = [:]
            r.visits.withUnsafeBufferPointer { visits in
                r.issues.withUnsafeBufferPointer { issues in
                    guard issues.contains(where: { $0.visit != nil }) else { return }
                    var size = 16
                    while size < 2 * visits.count { size <<= 1 }
                    let mask = size - 1
                    var head = [Int32](repeating: -1, count: size)
                    var next = [Int32](repeating: -1, count: visits.count)
                    for n in visits.indices {
                        let b = Self.bucket(visits[n].id.rawValue, mask)
                        next[n] = head[b]
                        head[b] = Int32(n)
                    }
                    for m in issues.indices {
                        guard let vid = issues[m].visit else { continue }
                        var n = head[Self.bucket(vid.rawValue, mask)]
                        while n >= 0 {
                            let v = Int(n)
                            if visits[v].id == vid && !visits[v].issues.contains(issues[m].id) { out[v, default: []].append(m) }
                            n = next[v]
                        }
                    }
                }
            }
            return out
        }

        /// FNV-1a over an id's UTF-8 bytes, masked to a table's size.
        static func bucket(_ id: String, _ mask: Int) -> Int {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            var id = id
            id.withUTF8 { bytes in
                for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            }
            return Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        }

        /// `issueResolvedFrom` of one issue. Never reopened, an issue stands resolved from its
        /// `resolved` date on when its status is not `open` (and never when it is): what
        /// `Issue.resolutionDate(on:...)` answers for every day when no `reopened` line exists.
        static func resolvedFrom(_ issues: UnsafeBufferPointer<Issue>, _ n: Int) -> Int32 {
            let reopened = issues[n].history.withUnsafeBufferPointer { h in h.contains { $0.kind == .reopened } }
            if reopened { return askTheRule }
            guard issues[n].status != .open, let d = issues[n].resolved?.date else { return .max }
            return d.ordinal
        }

        /// `firstResolutionDate` and `confirmationEnded` of an issue (Int32.max for none) in one
        /// pass over its history; nil for an issue never resolved.
        static func confirmationDays(_ issues: UnsafeBufferPointer<Issue>, _ n: Int) -> (first: Int32, ended: Int32)? {
            let resolvedOn = issues[n].resolved?.date.ordinal
            var first = resolvedOn ?? .max
            var reopened = false
            var end = Int32.max
            if let r = resolvedOn, let c = issues[n].confirmed, c.satisfied, c.date.ordinal >= r { end = c.date.ordinal }
            issues[n].history.withUnsafeBufferPointer { history in
                for k in history.indices {
                    let at = history[k].at.ordinal
                    switch history[k].kind {
                    case .resolved?: first = min(first, at)
                    case .reopened?: reopened = true
                    case .confirmed?, .closed?: if let r = resolvedOn, at >= r { end = min(end, at) }
                    default: break
                    }
                }
            }
            guard first != .max else { return nil }
            return (first, resolvedOn == nil || reopened ? .max : end)
        }
    }

    static func compute(_ r: Records, schedule: Schedule, period: Period, today: Day, projects: Set<ProjectID>?, facts: Facts) -> PeriodKPIs {
        // Unsafe buffers: their elements are read in place; through Array's subscript, calling
        // a method on a Visit or an Issue can copy the whole value (a dozen references).
        r.visits.withUnsafeBufferPointer { visits in
            r.issues.withUnsafeBufferPointer { issues in
                schedule.items.withUnsafeBufferPointer { items in
                    compute(r, visits: visits, issues: issues, items: items, period: period, today: today, projects: projects,
                            facts: facts)
                }
            }
        }
    }

    private static func compute(
        _ r: Records, visits visitsBuffer: UnsafeBufferPointer<Visit>, issues issuesBuffer: UnsafeBufferPointer<Issue>,
        items itemsBuffer: UnsafeBufferPointer<ScheduleItem>, period: Period, today: Day, projects: Set<ProjectID>?, facts: Facts
    ) -> PeriodKPIs {
        let start = period.start.ordinal
        let end = period.end.ordinal
        let day = min(period.end, max(today, period.start)).ordinal
        let t = min(period.end, max(today, period.start))
        var k = PeriodKPIs(period: period, countedOn: t)
        // The scope as flags by project number (every record's project has one), so that no
        // pass hashes an id; nil: every project.
        let count = facts.projectNumbers.count
        let scope: [Bool]? = projects.map { projects in
            var flags = [Bool](repeating: false, count: count)
            for id in projects { if let n = facts.projectNumbers[id] { flags[Int(n)] = true } }
            return flags
        }
        func included(_ number: Int32) -> Bool { scope.map { $0[Int(number)] } ?? true }

        // Visit-plan completion: projects with a scheduled (or frozen-plan) visit due in the period.
        var planned = [Bool](repeating: false, count: count)
        var plannedCount = 0
        // Planned projects that no record names (a frozen plan's), so never visited.
        var plannedElsewhere = Set<ProjectID>()
        func markPlanned(_ n: Int32) {
            if !planned[Int(n)] {
                planned[Int(n)] = true
                plannedCount += 1
            }
        }
        // A frozen plan's visits to a project after its service ended are no longer planned.
        let retiredOn = r.plans.isEmpty ? [:]
            : Dictionary(r.projects.compactMap { p in p.retired.map { (p.id, $0.date) } }, uniquingKeysWith: { a, b in min(a, b) })
        var year = period.start.year
        while year <= period.end.year {
            let from = max(period.start, Day.unchecked(year, 1, 1))
            let to = min(period.end, Day.unchecked(year, 12, 31))
            if let plan = r.companyPlan(year) {
                k.frozenPlan = true
                for item in plan.visits where item.due >= from && item.due <= to && (projects?.contains(item.project) ?? true)
                    && !(retiredOn[item.project].map { item.due > $0 } ?? false)
                {
                    if let n = facts.projectNumbers[item.project] { markPlanned(n) } else { plannedElsewhere.insert(item.project) }
                }
            } else {
                // Items are sorted by due date: start at the first one due on `from`.
                let items = itemsBuffer
                var lo = 0
                var hi = items.count
                let fromOrdinal = from.ordinal
                let toOrdinal = to.ordinal
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if facts.itemDue[mid] < fromOrdinal { lo = mid + 1 } else { hi = mid }
                }
                var n = lo
                while n < items.count, facts.itemDue[n] <= toOrdinal {
                    if included(facts.itemProject[n]) { markPlanned(facts.itemProject[n]) }
                    n += 1
                }
            }
            year += 1
        }
        // Visits of the period in scope, by position; each visited project flagged once.
        var visits: [Int] = []
        var visited = [Bool](repeating: false, count: count)
        for n in visitsBuffer.indices where facts.visitDates[n] >= start && facts.visitDates[n] <= end && included(facts.visitProject[n]) {
            visits.append(n)
            visited[Int(facts.visitProject[n])] = true
        }
        k.plannedProjects = plannedCount + plannedElsewhere.count
        var visitedPlanned = 0
        for n in 0..<count where planned[n] && visited[n] { visitedPlanned += 1 }
        k.visitedPlannedProjects = visitedPlanned
        k.unplannedVisits = visits.reduce(0) { $0 + (planned[Int(facts.visitProject[$1])] ? 0 : 1) }
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
        let distinctDimensions = Set(dimensions).count == dimensions.count
        for n in visits {
            if let o = facts.visitOverall[n] {
                k.scoredVisits += 1
                overallSum += o
                if o >= satisfiedAt { satisfied += 1 }
            }
            let score = facts.visitNPS[n]
            if score != Facts.noNPS {
                npsCount += 1
                if score >= 9 { promoters += 1 } else if score <= 6 { detractors += 1 }
            }
            visitsBuffer[n].scores.withUnsafeBufferPointer { scores in
                for j in scores.indices {
                    // Scores are mostly listed in huifang.yaml's order: that place is tried first
                    // (when no name is there twice, it is then the first of that name).
                    let d = distinctDimensions && j < dimensions.count && dimensions[j] == scores[j].dimension ? j
                        : dimensions.firstIndex(of: scores[j].dimension)
                    if let d {
                        dimensionSums[d] += Double(scores[j].score)
                        dimensionCounts[d] += 1
                    }
                }
            }
        }
        k.meanOverall = k.scoredVisits == 0 ? nil : overallSum / Double(k.scoredVisits)
        k.overallSum = overallSum
        k.indexSum = overallSum / scale
        k.npsPromoters = promoters
        k.npsDetractors = detractors
        k.dimensionSums = dimensionSums
        k.dimensionCounts = dimensionCounts
        k.satisfactionIndex = k.meanOverall.map { $0 / scale }
        k.csat = ratio(satisfied, k.scoredVisits)
        k.satisfiedVisits = satisfied
        k.dimensions = dimensions.indices.map { d in
            (dimensions[d], dimensionCounts[d] == 0 ? nil : dimensionSums[d] / Double(dimensionCounts[d]))
        }
        k.npsResponses = npsCount
        if npsCount > 0 { k.nps = Double(promoters - detractors) * 100 / Double(npsCount) }

        // Issues raised in the period and what became of them by its end.
        for n in issuesBuffer.indices where facts.issueRaised[n] >= start && facts.issueRaised[n] <= end && included(facts.issueProject[n]) {
            k.issuesRaised += 1
            let from = facts.issueResolvedFrom[n]
            let resolvedOn = from != Facts.askTheRule ? (from <= end ? from : nil)
                : Issue.resolutionDate(on: period.end, resolvedOn: issuesBuffer[n].resolved?.date, status: issuesBuffer[n].status,
                                       history: issuesBuffer[n].history)?.ordinal
            if let d = resolvedOn {
                k.issuesResolved += 1
                if d <= facts.issueDue[n] { k.issuesResolvedOnTime += 1 }
            }
        }
        k.issueResolutionRate = ratio(k.issuesResolved, k.issuesRaised)
        k.onTimeResolutionRate = ratio(k.issuesResolvedOnTime, k.issuesResolved)

        // Record completeness: summary, method, visitor, contacts and links to the issues raised
        // in the visit (an issue raised in a visit is raised on its day, so in this period); the
        // links matter only for the few visits that leave out an issue raised in them.
        var complete = 0
        for n in visits where facts.visitFilled[n] {
            if let unlinked = facts.unlinkedIssues.isEmpty ? nil : facts.unlinkedIssues[n],
                unlinked.contains(where: { m in facts.issueRaised[m] >= start && facts.issueRaised[m] <= end && included(facts.issueProject[m]) })
            {
                continue
            }
            complete += 1
        }
        k.recordCompleteness = ratio(complete, visits.count)
        k.completeVisits = complete

        // Overdue on day t: existed (triggered by t), due before t, not satisfied by t.
        for n in itemsBuffer.indices where facts.itemDue[n] < day && facts.itemTriggered[n] <= day && facts.itemSatisfiedOn[n] > day
            && included(facts.itemProject[n])
        {
            k.overdueVisits += 1
        }
        // Overdue issues (Issue.isOverdue); the ordinals skip most issues before the rule is asked.
        // An issue resolved by `day` (and never reopened) is passed over without touching it.
        for n in issuesBuffer.indices where facts.issueRaised[n] <= day && facts.issueDue[n] < day
            && (facts.issueResolvedFrom[n] == Facts.askTheRule || day < facts.issueResolvedFrom[n]) && included(facts.issueProject[n])
        {
            if facts.issueResolvedFrom[n] != Facts.askTheRule {
                k.overdueIssues += 1
            } else if Issue.isOverdue(on: t, raised: issuesBuffer[n].raised, due: issuesBuffer[n].due, resolvedOn: issuesBuffer[n].resolved?.date,
                                      status: issuesBuffer[n].status, history: issuesBuffer[n].history) {
                k.overdueIssues += 1
            }
        }
        // Resolutions awaiting the customer's confirmation past its due date on day t.
        for n in issuesBuffer.indices where facts.confirmationDue[n] < day && day < facts.confirmationEnded[n] && included(facts.issueProject[n]) {
            if issuesBuffer[n].confirmationOverdue(on: t, r.config.policy, calendar: r.calendar) { k.overdueConfirmations += 1 }
        }
        return k
    }

    /// One report's KPIs: a period, for some projects (nil: every project).
    public struct Scope: Sendable {
        public var period: Period
        public var projects: Set<ProjectID>?

        public init(_ period: Period, projects: Set<ProjectID>? = nil) {
            self.period = period
            self.projects = projects
        }
    }

    /// The KPIs of every scope, in order, computed side by side on the machine's cores.
    public static func compute(_ r: Records, schedule: Schedule, scopes: [Scope], today: Day) -> [PeriodKPIs] {
        compute(r, schedule: schedule, scopes: scopes, today: today, facts: Facts(r, schedule))
    }

    /// `compute(_:schedule:scopes:today:)`, and `other` (a report's work that does not need the
    /// KPIs) on another core while the facts every scope reads are gathered; the same answers
    /// on one thread or many.
    public static func compute<T: Sendable>(_ r: Records, schedule: Schedule, scopes: [Scope], today: Day,
                                            alongside other: @Sendable () -> T) -> (kpis: [PeriodKPIs], other: T) {
        let both = Parallel.map(2, chunksPerThread: 1) { i -> FactsOr<T> in i == 0 ? .facts(Facts(r, schedule)) : .other(other()) }
        guard case .facts(let facts) = both[0], case .other(let result) = both[1] else { preconditionFailure("Parallel.map keeps the order") }
        return (compute(r, schedule: schedule, scopes: scopes, today: today, facts: facts), result)
    }

    private enum FactsOr<T: Sendable>: Sendable {
        case facts(Facts)
        case other(T)
    }

    private static func compute(_ r: Records, schedule: Schedule, scopes: [Scope], today: Day, facts: Facts) -> [PeriodKPIs] {
        Parallel.map(scopes.count, chunksPerThread: 1) {
            compute(r, schedule: schedule, period: scopes[$0].period, today: today, projects: scopes[$0].projects, facts: facts)
        }
    }

    /// The `count` periods of the same length before `period`, oldest first.
    public static func trendPeriods(before period: Period, count: Int = 4) -> [Period] {
        var periods: [Period] = []
        var p = period
        for _ in 0..<count {
            p = p.previous
            periods.insert(p, at: 0)
        }
        return periods
    }

    /// The KPIs of the `count` periods of the same length before `period`, oldest first.
    public static func trend(_ r: Records, schedule: Schedule, period: Period, today: Day, count: Int = 4,
                             projects: Set<ProjectID>? = nil) -> [PeriodKPIs] {
        compute(r, schedule: schedule, scopes: trendPeriods(before: period, count: count).map { Scope($0, projects: projects) },
                today: today)
    }

    /// The projects of a department.
    public static func projects(of department: String, in r: Records) -> Set<ProjectID> {
        Set(r.projects.filter { $0.department == department }.map(\.id))
    }

    static func ratio(_ n: Int, _ d: Int) -> Double? { d == 0 ? nil : Double(n) / Double(d) }

    static func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }

    /// A fraction rounded to 4 decimals, as JSON reports print rates (docs/KPIS.md).
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
