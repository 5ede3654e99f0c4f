/// Per-person figures (绩效) of a period (docs/KPIS.md, "People"): for each visitor, each issue
/// owner and each improvement owner, what they were given and how much of it they did on time.
/// Pure: the command and the report builder pass the records, the schedule and the period.
public struct PeopleKPIs: Sendable {
    /// The day the figures are counted on: the period's last day, or the as-of date while it runs.
    public var countedOn: Day
    /// Visitors and the owners of the projects whose visits fell due, by name.
    public var visitors: [Visitor]
    public var issueOwners: [IssueOwner]
    public var improvementOwners: [ImprovementOwner]

    /// One person as a visitor: the visits they made and the planned visits they were responsible for.
    public struct Visitor: Sendable, Hashable {
        public var name: String
        /// Visits dated in the period with this person as the visitor.
        public var visits = 0
        /// Schedule items due in the period, by the counting day, of projects this person owns (the
        /// one `due` names as responsible); an item not yet due is not counted.
        public var plannedItems = 0
        /// Of those, satisfied by a visit on or before the due date (and by the counting day).
        public var plannedOnTime = 0
        public var scoredVisits = 0
        public var meanOverall: Double?
        /// Mean overall score over the scale.
        public var satisfactionIndex: Double?
        public var npsResponses = 0
        /// Points, −100...100.
        public var nps: Double?
        /// Visits whose record is complete (the rule of the record-completeness KPI).
        public var completeRecords = 0

        public var onTimeRate: Double? { KPIEngine.ratio(plannedOnTime, plannedItems) }
        public var recordCompleteness: Double? { KPIEngine.ratio(completeRecords, visits) }

        public init(name: String) { self.name = name }
    }

    /// One person as the owner of issues raised in the period.
    public struct IssueOwner: Sendable, Hashable {
        public var name: String
        /// Issues raised in the period (not withdrawn) that this person owns.
        public var owned = 0
        /// Of those, standing resolved on the counting day.
        public var resolved = 0
        /// Of the resolved, resolved on or before their due date.
        public var resolvedOnTime = 0
        /// Of the owned, reopened (a `reopened` history line) on or before the counting day.
        public var reopened = 0
        /// Working days from raised to the standing resolution, summed over the resolved.
        public var workingDaysTotal = 0

        public var resolutionRate: Double? { KPIEngine.ratio(resolved, owned) }
        public var onTimeRate: Double? { KPIEngine.ratio(resolvedOnTime, resolved) }
        public var reopenRate: Double? { KPIEngine.ratio(reopened, owned) }
        public var meanWorkingDays: Double? { resolved == 0 ? nil : Double(workingDaysTotal) / Double(resolved) }

        public init(name: String) { self.name = name }
    }

    /// One person as the owner of improvement measures due in the period.
    public struct ImprovementOwner: Sendable, Hashable {
        public var name: String
        /// Measures due in the period, by the counting day, that this person owns.
        public var due = 0
        /// Of those, with the status done or verified.
        public var done = 0
        /// Of those, verified on or before their due date (and by the counting day).
        public var verifiedOnTime = 0

        public var doneRate: Double? { KPIEngine.ratio(done, due) }
        public var verifiedOnTimeRate: Double? { KPIEngine.ratio(verifiedOnTime, due) }

        public init(name: String) { self.name = name }
    }

    /// The figures of `period` counted on `today` (clamped into the period). With `department`,
    /// visits and planned items of that department's projects, issues and improvements whose
    /// responsible department it is.
    public static func compute(_ r: Records, schedule: Schedule, period: Period, today: Day, department: String? = nil) -> PeopleKPIs {
        let t = min(period.end, max(today, period.start))
        let projects = department.map { KPIEngine.projects(of: $0, in: r) }
        func inScope(_ p: ProjectID) -> Bool { projects?.contains(p) ?? true }

        // Visitors.
        var visitors: [String: Visitor] = [:]
        var overallSums: [String: Double] = [:]
        var promoters: [String: Int] = [:]
        var raisedIn: [VisitID: [IssueID]] = [:]
        for i in r.issues where period.contains(i.raised) {
            if let v = i.visit { raisedIn[v, default: []].append(i.id) }
        }
        for v in r.visits where period.contains(v.date) && v.date <= t && inScope(v.project) {
            var p = visitors[v.visitor] ?? Visitor(name: v.visitor)
            p.visits += 1
            if let o = v.overallScore {
                p.scoredVisits += 1
                overallSums[v.visitor, default: 0] += o
            }
            if let s = v.nps {
                p.npsResponses += 1
                promoters[v.visitor, default: 0] += s >= 9 ? 1 : s <= 6 ? -1 : 0
            }
            if v.isCompleteRecord(raisedIn: raisedIn[v.id] ?? []) { p.completeRecords += 1 }
            visitors[v.visitor] = p
        }
        // Planned visits: in a year with a frozen plan (the department's own with --department,
        // else the company's), the plan's, each the responsibility of its visitor (the project's
        // owner when it names none); in a year without one, the schedule's, the owner's.
        var plannedYears = Set<Int>()
        for year in period.start.year...period.end.year {
            guard let plan = r.plan(year, department: department) else { continue }
            plannedYears.insert(year)
            for e in PlanProgress.entries(plan, r, today: t) where period.contains(e.item.due) && e.item.due <= t && inScope(e.item.project) {
                guard !e.visitor.isEmpty else { continue }
                var p = visitors[e.visitor] ?? Visitor(name: e.visitor)
                p.plannedItems += 1
                if e.onTime == true { p.plannedOnTime += 1 }
                visitors[e.visitor] = p
            }
        }
        let owners = Dictionary(r.projects.map { ($0.id, $0.owner) }, uniquingKeysWith: { a, _ in a })
        for item in schedule.items where period.contains(item.due) && item.due <= t && item.triggered <= t && !item.projected
            && inScope(item.project) && !plannedYears.contains(item.due.year)
        {
            guard let owner = owners[item.project] else { continue }
            var p = visitors[owner] ?? Visitor(name: owner)
            p.plannedItems += 1
            if let s = item.satisfiedOn, s <= item.due, s <= t { p.plannedOnTime += 1 }
            visitors[owner] = p
        }
        let scale = Double(r.config.satisfaction.scale)
        for name in visitors.keys {
            guard let p = visitors[name] else { continue }
            var q = p
            if p.scoredVisits > 0 {
                let mean = (overallSums[name] ?? 0) / Double(p.scoredVisits)
                q.meanOverall = mean
                q.satisfactionIndex = scale > 0 ? mean / scale : nil
            }
            if p.npsResponses > 0 { q.nps = Double(promoters[name] ?? 0) * 100 / Double(p.npsResponses) }
            visitors[name] = q
        }

        // Issue owners.
        var issueOwners: [String: IssueOwner] = [:]
        for i in r.issues where period.contains(i.raised) && i.raised <= t && !i.isWithdrawn && (department.map { i.department == $0 } ?? true) {
            var p = issueOwners[i.owner] ?? IssueOwner(name: i.owner)
            p.owned += 1
            if let d = Issue.resolutionDate(on: t, resolvedOn: i.resolved?.date, status: i.status, history: i.history) {
                p.resolved += 1
                if d <= i.due { p.resolvedOnTime += 1 }
                p.workingDaysTotal += r.calendar.workingDays(after: i.raised, through: d)
            }
            if i.history.contains(where: { $0.kind == .reopened && $0.at <= t }) { p.reopened += 1 }
            issueOwners[i.owner] = p
        }

        // Improvement owners.
        var improvementOwners: [String: ImprovementOwner] = [:]
        for m in r.improvements where period.contains(m.due) && m.due <= t && (department.map { m.department == $0 } ?? true) {
            var p = improvementOwners[m.owner] ?? ImprovementOwner(name: m.owner)
            p.due += 1
            if m.status == .done || m.status == .verified { p.done += 1 }
            if let v = m.verified, v.date <= m.due, v.date <= t { p.verifiedOnTime += 1 }
            improvementOwners[m.owner] = p
        }

        return PeopleKPIs(
            countedOn: t,
            visitors: visitors.values.sorted { ($1.visits, $1.plannedItems, $0.name) < ($0.visits, $0.plannedItems, $1.name) },
            issueOwners: issueOwners.values.sorted { ($1.owned, $0.name) < ($0.owned, $1.name) },
            improvementOwners: improvementOwners.values.sorted { ($1.due, $0.name) < ($0.due, $1.name) })
    }
}
