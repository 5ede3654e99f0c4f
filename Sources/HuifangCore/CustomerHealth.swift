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
        // Every fact is counted by project number (the position of the first project of its id,
        // so that two projects of one id share their facts, as a table by id would), and records
        // are read in place: a visit, an issue or an item is a dozen references.
        var number: [ProjectID: Int] = [:]
        number.reserveCapacity(r.projects.count)
        var numberAt = [Int](repeating: 0, count: r.projects.count)
        r.projects.withUnsafeBufferPointer { projects in
            for p in projects.indices {
                if let k = number[projects[p].id] { numberAt[p] = k } else {
                    number[projects[p].id] = p
                    numberAt[p] = p
                }
            }
        }
        // The rule reads the last two scores: kept per project, oldest first. Visits come a
        // project's folder at a time: its number is looked up once per run.
        var last = [Double?](repeating: nil, count: r.projects.count)
        var beforeLast = [Double?](repeating: nil, count: r.projects.count)
        r.visits.withUnsafeBufferPointer { visits in
            var current: ProjectID?
            var k: Int?
            for n in visits.indices where visits[n].date <= today {
                guard let s = visits[n].overallScore else { continue }
                if visits[n].project != current {
                    current = visits[n].project
                    k = number[visits[n].project]
                }
                guard let k else { continue }
                beforeLast[k] = last[k]
                last[k] = s
            }
        }
        var majors = [Int](repeating: 0, count: r.projects.count)
        r.issues.withUnsafeBufferPointer { issues in
            for n in issues.indices where issues[n].severity == .major && issues[n].isOpen && issues[n].raised <= today {
                if let k = number[issues[n].project] { majors[k] += 1 }
            }
        }
        var overdue = [Int](repeating: 0, count: r.projects.count)
        schedule.items.withUnsafeBufferPointer { items in
            let positions = schedule.projectPositions
            for n in items.indices where items[n].isOverdue(on: today) {
                // The schedule knows the position of each item's project when it was made from
                // these records (checked against the item's own id).
                if let positions, positions.count == items.count, Int(positions[n]) < r.projects.count,
                    r.projects[Int(positions[n])].id == items[n].project
                {
                    overdue[numberAt[Int(positions[n])]] += 1
                } else if let k = number[items[n].project] {
                    overdue[k] += 1
                }
            }
        }
        var high = [Int](repeating: 0, count: r.projects.count)
        for risk in r.risks where risk.isHigh(r.config.policy) && risk.raised <= today {
            if let k = number[risk.project] { high[k] += 1 }
        }
        let satisfiedAt = r.config.satisfaction.satisfiedAt
        return r.projects.indices.filter { r.projects[$0].retired == nil }.map { p in
            let k = numberAt[p]
            let scores = last[k].map { l in beforeLast[k].map { [$0, l] } ?? [l] } ?? []
            return CustomerHealth(project: r.projects[p].id, customer: r.projects[p].customer.name,
                                  signals: signals(scores: scores, satisfiedAt: satisfiedAt, openMajorIssues: majors[k],
                                                   overdueVisits: overdue[k], highRisks: high[k]))
        }
    }
}
