/// A customer's health (客户健康度), per project, from four signals (docs/HEALTH.md):
///
/// - satisfaction: the last scored visit (overall score, else the mean of its scores) is below
///   `satisfaction.satisfied_at` (`dissatisfied`), or at least one point lower than the scored
///   visit before it (`falling`);
/// - open major issues: at least one (`majorIssues`);
/// - overdue visits: at least one scheduled visit past its due day (`overdueVisits`);
/// - high risks: at least one open risk with a score of at least `policy.risk_high_at` (`highRisks`).
///
/// No signal: healthy; one: watch; two or more: at risk. Retired projects are left out.
public struct CustomerHealth: Sendable, Hashable {
    public enum Level: String, Sendable, CaseIterable, Comparable {
        case healthy, watch, atRisk = "at_risk"

        var rank: Int { Level.allCases.firstIndex(of: self) ?? 0 }
        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    }

    public enum Signal: Sendable, Hashable {
        /// The last score, below the satisfied level.
        case dissatisfied(last: Double)
        /// The last score and the one before, at least one point higher.
        case falling(from: Double, to: Double)
        case majorIssues(Int)
        case overdueVisits(Int)
        case highRisks(Int)

        /// The signal's code, as JSON gives it.
        public var code: String {
            switch self {
            case .dissatisfied: "dissatisfied"
            case .falling: "satisfaction_falling"
            case .majorIssues: "open_major_issues"
            case .overdueVisits: "overdue_visits"
            case .highRisks: "high_risks"
            }
        }
    }

    public var project: ProjectID
    public var customer: String
    public var signals: [Signal]

    public var level: Level { signals.isEmpty ? .healthy : signals.count == 1 ? .watch : .atRisk }

    public init(project: ProjectID, customer: String, signals: [Signal]) {
        self.project = project
        self.customer = customer
        self.signals = signals
    }

    /// The rule over one project's facts (the unit the tests work by hand).
    /// `scores`: the overall scores of its scored visits, oldest first.
    public static func signals(scores: [Double], satisfiedAt: Int, openMajorIssues: Int, overdueVisits: Int,
                               highRisks: Int) -> [Signal] {
        var out: [Signal] = []
        if let last = scores.last {
            if last < Double(satisfiedAt) {
                out.append(.dissatisfied(last: last))
            } else if scores.count >= 2, scores[scores.count - 2] - last >= 1 {
                out.append(.falling(from: scores[scores.count - 2], to: last))
            }
        }
        if openMajorIssues > 0 { out.append(.majorIssues(openMajorIssues)) }
        if overdueVisits > 0 { out.append(.overdueVisits(overdueVisits)) }
        if highRisks > 0 { out.append(.highRisks(highRisks)) }
        return out
    }

    /// The health of every active project on `today` (visits up to today), in project order.
    public static func all(_ r: Records, schedule: Schedule, on today: Day) -> [CustomerHealth] {
        // Visits are read a project's folder at a time: a run of one project's scores is added
        // to the table at once, rather than hashing the project's id for every visit. Fields
        // are read in place (a `for v in r.visits` would copy every visit).
        var scores: [ProjectID: [Double]] = [:]
        var current: ProjectID?
        var run: [Double] = []
        func flush() {
            if let current, !run.isEmpty { scores[current, default: []].append(contentsOf: run) }
            run.removeAll(keepingCapacity: true)
        }
        for n in r.visits.indices where r.visits[n].date <= today {
            guard let s = r.visits[n].overallScore else { continue }
            if r.visits[n].project != current {
                flush()
                current = r.visits[n].project
            }
            run.append(s)
        }
        flush()
        var majors: [ProjectID: Int] = [:]
        for n in r.issues.indices where r.issues[n].severity == .major && r.issues[n].isOpen && r.issues[n].raised <= today {
            majors[r.issues[n].project, default: 0] += 1
        }
        var overdue: [ProjectID: Int] = [:]
        for item in schedule.overdue(on: today) { overdue[item.project, default: 0] += 1 }
        var high: [ProjectID: Int] = [:]
        for risk in r.risks where risk.isHigh(r.config.policy) && risk.raised <= today { high[risk.project, default: 0] += 1 }
        return r.projects.filter { $0.retired == nil }.map { p in
            CustomerHealth(project: p.id, customer: p.customer.name,
                           signals: signals(scores: scores[p.id] ?? [], satisfiedAt: r.config.satisfaction.satisfiedAt,
                                            openMajorIssues: majors[p.id] ?? 0, overdueVisits: overdue[p.id] ?? 0,
                                            highRisks: high[p.id] ?? 0))
        }
    }
}
