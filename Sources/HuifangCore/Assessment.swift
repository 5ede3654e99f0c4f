/// The assessment (考核) of policy §十: every quarter the project management department scores
/// each business department on indicators against targets; each year combines the quarters.
/// The rules are here (pure); `huifang.yaml`'s `assessment:` section sets them
/// (docs/KPIS.md, "Assessment").

/// An indicator the assessment can use, by its code (the key in huifang.yaml and in JSON).
public enum AssessmentIndicator: String, Sendable, CaseIterable, Hashable {
    case visitPlanCompletion = "visit_plan_completion_rate"
    case satisfactionIndex = "satisfaction_index"
    case issueResolution = "issue_resolution_rate"
    case reportQuality = "report_quality"
    case onTimeResolution = "on_time_resolution_rate"
    case csat
    case nps
    case overdueVisits = "overdue_visits"
    case reopenRate = "reopen_rate"

    /// How the indicator's values are written: a rate (a fraction, `95%` in huifang.yaml),
    /// NPS points (−100...100), or a count.
    public enum Unit: Sendable { case rate, points, count }

    public var unit: Unit {
        switch self {
        case .nps: .points
        case .overdueVisits: .count
        default: .rate
        }
    }

    /// Overdue visits and the reopen rate are better when lower.
    public var lowerIsBetter: Bool { self == .overdueVisits || self == .reopenRate }

    /// The values the indicator can take.
    public var range: ClosedRange<Double> {
        switch unit {
        case .rate: 0...1
        case .points: -100...100
        case .count: 0...1_000_000
        }
    }

    /// The four indicators of policy §十, used when huifang.yaml names none.
    public static let policy: [AssessmentIndicator] = [.visitPlanCompletion, .satisfactionIndex, .issueResolution, .reportQuality]

    /// The target when huifang.yaml gives none.
    public var defaultTarget: Double {
        switch self {
        case .visitPlanCompletion: 0.95
        case .satisfactionIndex: 0.90
        case .issueResolution: 0.90
        case .reportQuality: 0.90
        case .onTimeResolution: 0.90
        case .csat: 0.85
        case .nps: 30
        case .overdueVisits: 0
        case .reopenRate: 0.05
        }
    }

    /// The floor (where the score reaches zero) when huifang.yaml gives none: the worst value of
    /// the indicator's scale (0% for a rate, −100 for NPS, 100% for the reopen rate), and 10 for
    /// overdue visits, whose scale has no worst end.
    public var defaultFloor: Double {
        switch self {
        case .nps: -100
        case .overdueVisits: 10
        case .reopenRate: 1
        default: 0
        }
    }
}

/// How one indicator is scored: its target, its floor and its weight.
public struct IndicatorRule: Sendable, Hashable {
    public var indicator: AssessmentIndicator
    public var target: Double
    public var floor: Double
    /// As written (weights sum to 1 or to 100); the weighted total uses each weight's share.
    public var weight: Double

    public init(_ indicator: AssessmentIndicator, target: Double? = nil, floor: Double? = nil, weight: Double) {
        self.indicator = indicator
        self.target = target ?? indicator.defaultTarget
        self.floor = floor ?? indicator.defaultFloor
        self.weight = weight
    }

    /// The score out of 100 of `value`: 100 at or better than the target, 0 at or worse than
    /// the floor, linear in between. For a lower-is-better indicator "better" means lower.
    public func score(_ value: Double) -> Double {
        Assessment.score(value, target: target, floor: floor, lowerIsBetter: indicator.lowerIsBetter)
    }

    /// Whether `value` meets the target (at or better than it), decided on the exact value: 89.99%
    /// misses a target of 90% (a difference within `Assessment.tolerance`, the noise of
    /// floating-point division, counts as equal). Reports show a value that misses or meets by
    /// less than its shown digits with enough digits to see why.
    public func met(_ value: Double) -> Bool {
        indicator.lowerIsBetter ? value <= target + Assessment.tolerance : value >= target - Assessment.tolerance
    }
}

/// huifang.yaml's `assessment:` section, with the documented defaults.
public struct AssessmentConfig: Sendable {
    /// The indicators used, in order, with their company-wide targets, floors and weights.
    public var rules: [IndicatorRule]
    /// A department's own targets, floors or weights, by department id.
    public var departments: [String: [AssessmentIndicator: Override]] = [:]
    /// The share of the reviewed score in 回访报告质量 when both parts are there (the rest is
    /// the record completeness).
    public var reviewShare = 0.5
    /// False when huifang.yaml has no `assessment:` section: the reports say defaults are used.
    public var configured = false
    /// Errors in the section (reported by `check`): the assessment report refuses while any.
    public var problems = 0

    public struct Override: Sendable, Hashable {
        public var target: Double?
        public var floor: Double?
        public var weight: Double?

        public init(target: Double? = nil, floor: Double? = nil, weight: Double? = nil) {
            self.target = target
            self.floor = floor
            self.weight = weight
        }
    }

    /// The defaults: the four indicators of §十, a quarter of the weight each.
    public init(rules: [IndicatorRule] = AssessmentIndicator.policy.map { IndicatorRule($0, weight: 25) }) {
        self.rules = rules
    }

    /// The rules that apply to `department`: the company's, with the department's own values.
    public func rules(for department: String) -> [IndicatorRule] {
        guard let own = departments[department] else { return rules }
        return rules.map { rule in
            guard let o = own[rule.indicator] else { return rule }
            var r = rule
            if let t = o.target { r.target = t }
            if let f = o.floor { r.floor = f }
            if let w = o.weight { r.weight = w }
            return r
        }
    }

    /// Whether weights sum to 1 or to 100 (within rounding).
    public static func weightsAddUp(_ weights: [Double]) -> Bool {
        let sum = weights.reduce(0, +)
        return abs(sum - 1) < 1e-6 || abs(sum - 100) < 1e-6
    }
}

/// The reviewed half of 回访报告质量: the score (0...100) the project management department gave
/// a department's reports for a quarter (`assessments/QUARTER-DEPT.yaml`, `huifang assess review`).
public struct AssessmentReview: Sendable {
    /// A quarter label, `2026Q3`.
    public var period: String
    public var department: String
    public var score: Int
    public var note: String
    /// The day the review was entered.
    public var date: Day
    public var by: String?
    public var location: SourceLocation
    /// The day the record was entered (`recorded:`, written by every command that makes a record);
    /// nil for a record written by hand, which counts as recorded on its own date (`recordedOn`).
    public var recorded: Day? = nil

    public init(period: String, department: String, score: Int, note: String, date: Day, by: String? = nil, location: SourceLocation) {
        self.period = period
        self.department = department
        self.score = score
        self.note = note
        self.date = date
        self.by = by
        self.location = location
    }

    /// The file a review of `department` for `period` lives in.
    public static func file(period: String, department: String) -> String { "assessments/\(period)-\(department).yaml" }
}

/// The issues resolved in a period and how many of them were reopened (返单率, docs/KPIS.md).
public struct ReopenCount: Sendable, Hashable {
    public var resolved = 0
    public var reopened = 0
    public var rate: Double? { resolved == 0 ? nil : Double(reopened) / Double(resolved) }

    public init(resolved: Int = 0, reopened: Int = 0) {
        self.resolved = resolved
        self.reopened = reopened
    }
}

extension KPIEngine {
    /// The reopen rate (返单率) of `period` counted on `countedOn`: of the issues with a
    /// resolution dated in the period (the `resolved:` date or a `resolved` history line),
    /// those reopened (a `reopened` history line: `issue reopen` or an unsatisfied confirmation)
    /// after their first resolution in the period and on or before `countedOn`.
    public static func reopenCount(_ r: Records, period: Period, countedOn: Day, projects: Set<ProjectID>? = nil) -> ReopenCount {
        var c = ReopenCount()
        r.issues.withUnsafeBufferPointer { issues in
            for n in issues.indices where projects?.contains(issues[n].project) ?? true {
                var first: Day?
                if let d = issues[n].resolved?.date, period.contains(d) { first = d }
                for h in issues[n].history where h.kind == .resolved && period.contains(h.at) && first.map({ h.at < $0 }) ?? true {
                    first = h.at
                }
                guard let first else { continue }
                c.resolved += 1
                if issues[n].history.contains(where: { $0.kind == .reopened && $0.at >= first && $0.at <= countedOn }) { c.reopened += 1 }
            }
        }
        return c
    }
}

public enum Assessment {
    /// Values closer than this to a target are equal to it: 27 ÷ 30 and 0.9 may differ in their
    /// last bit, never by this much.
    public static let tolerance = 1e-9

    /// The score out of 100 of `value` against `target` and `floor` (see `IndicatorRule.score`).
    public static func score(_ value: Double, target: Double, floor: Double, lowerIsBetter: Bool) -> Double {
        if abs(value - target) <= tolerance { return 100 }
        if lowerIsBetter {
            if value <= target { return 100 }
            if value >= floor { return 0 }
            return 100 * (floor - value) / (floor - target)
        }
        if value >= target { return 100 }
        if value <= floor { return 0 }
        return 100 * (value - floor) / (target - floor)
    }

    /// One indicator of one department: its value with its counts, its rule and its score.
    public struct Line: Sendable {
        public var rule: IndicatorRule
        /// nil: n/a (nothing to count), the indicator is left out of the total.
        public var value: Double?
        /// What the value was computed from, e.g. (3, 4) for 3 of 4 planned projects visited.
        public var numerator: Int?
        public var denominator: Int?
        public var score: Double? { value.map { rule.score($0) } }
        public var met: Bool? { value.map { rule.met($0) } }
        /// For 回访报告质量: the record completeness and the reviewed score (0...1) it was made of.
        public var completeness: Double?
        public var reviewed: Double?

        public init(rule: IndicatorRule, value: Double?, numerator: Int? = nil, denominator: Int? = nil) {
            self.rule = rule
            self.value = value
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    /// The weighted total out of 100 of `lines`: Σ weight × score ÷ Σ weight over the
    /// indicators that have a value (an n/a indicator's weight is shared out among the others);
    /// nil when none has a value.
    public static func total(_ lines: [Line]) -> Double? {
        var sum = 0.0
        var weights = 0.0
        for l in lines {
            guard let s = l.score else { continue }
            sum += l.rule.weight * s
            weights += l.rule.weight
        }
        return weights > 0 ? sum / weights : nil
    }

    /// 回访报告质量 from its two parts: `share` × reviewed + (1 − `share`) × completeness when both
    /// are there, the one there otherwise, nil when neither is.
    public static func reportQuality(completeness: Double?, reviewed: Double?, share: Double) -> Double? {
        switch (completeness, reviewed) {
        case let (c?, r?): share * r + (1 - share) * c
        case let (c?, nil): c
        case let (nil, r?): r
        case (nil, nil): nil
        }
    }

    /// Ranks of `totals` (higher first); equal totals share a rank (1, 1, 3); nil totals get none.
    public static func ranks(_ totals: [Double?]) -> [Int?] {
        totals.map { t in
            guard let t else { return nil }
            return 1 + totals.reduce(0) { $0 + (($1 ?? -Double.infinity) > t + 1e-9 ? 1 : 0) }
        }
    }

    /// The year's score: the mean of the quarters' weighted totals, over the quarters that have one.
    public static func yearScore(_ quarters: [Double?]) -> Double? {
        KPIEngine.mean(quarters.compactMap { $0 })
    }

    /// The lines of one department for one period, from its KPIs, its reopen count and its
    /// reviewed score (0...100, nil when not entered).
    public static func lines(_ k: PeriodKPIs, reopen: ReopenCount, reviewed: Int?, rules: [IndicatorRule], reviewShare: Double) -> [Line] {
        rules.map { rule in
            switch rule.indicator {
            case .visitPlanCompletion:
                return Line(rule: rule, value: k.visitPlanCompletionRate, numerator: k.visitedPlannedProjects, denominator: k.plannedProjects)
            case .satisfactionIndex:
                return Line(rule: rule, value: k.satisfactionIndex, numerator: nil, denominator: k.scoredVisits)
            case .issueResolution:
                return Line(rule: rule, value: k.issueResolutionRate, numerator: k.issuesResolved, denominator: k.issuesRaised)
            case .onTimeResolution:
                return Line(rule: rule, value: k.onTimeResolutionRate, numerator: k.issuesResolvedOnTime, denominator: k.issuesResolved)
            case .csat:
                return Line(rule: rule, value: k.csat, numerator: k.satisfiedVisits, denominator: k.scoredVisits)
            case .nps:
                return Line(rule: rule, value: k.nps, numerator: nil, denominator: k.npsResponses)
            case .overdueVisits:
                return Line(rule: rule, value: Double(k.overdueVisits), numerator: k.overdueVisits, denominator: nil)
            case .reopenRate:
                return Line(rule: rule, value: reopen.rate, numerator: reopen.reopened, denominator: reopen.resolved)
            case .reportQuality:
                let review = reviewed.map { Double($0) / 100 }
                var line = Line(rule: rule, value: reportQuality(completeness: k.recordCompleteness, reviewed: review, share: reviewShare),
                                numerator: k.completeVisits, denominator: k.visits)
                line.completeness = k.recordCompleteness
                line.reviewed = review
                return line
            }
        }
    }
}
