/// A project risk (风险, `projects/ID/risks/RID.yaml`): identified, assessed by probability and
/// impact (1 to 5 each), answered by a response and a plan, reviewed on a schedule, closed.
public struct Risk: Sendable {
    public var id: RiskID
    public var project: ProjectID
    public var title: String
    public var category: RiskCategory
    public var probability: Int
    public var impact: Int
    public var response: RiskResponse
    public var plan: String
    public var owner: String
    public var raised: Day
    /// How often the risk is reviewed; nil: `policy.risk_review_every`.
    public var reviewEvery: Duration?
    public var status: RiskStatus
    public var history: [RiskHistoryEntry]
    public var location: SourceLocation
    /// The day the record was entered (`recorded:`, written by `risk add` as by every command
    /// that makes a record); nil for a risk written by hand, which counts as recorded when raised.
    public var recorded: Day? = nil

    public init(id: RiskID, project: ProjectID, title: String, category: RiskCategory, probability: Int, impact: Int,
                response: RiskResponse, plan: String, owner: String, raised: Day, reviewEvery: Duration? = nil,
                status: RiskStatus = .open, history: [RiskHistoryEntry] = [], location: SourceLocation) {
        self.id = id
        self.project = project
        self.title = title
        self.category = category
        self.probability = probability
        self.impact = impact
        self.response = response
        self.plan = plan
        self.owner = owner
        self.raised = raised
        self.reviewEvery = reviewEvery
        self.status = status
        self.history = history
        self.location = location
    }

    /// The range of probability and impact.
    public static let levels = 1...5

    /// Probability × impact, 1 to 25.
    public var score: Int { Risk.score(probability: probability, impact: impact) }

    public static func score(probability: Int, impact: Int) -> Int { probability * impact }

    public var isOpen: Bool { status == .open }

    /// High: open with a score of at least `policy.risk_high_at`.
    public func isHigh(_ policy: Policy) -> Bool { isOpen && score >= policy.riskHighAt }

    /// The day of the last look at the risk: the last history line (opened, updated), or the day
    /// it was raised.
    public var lastReviewed: Day { history.map(\.at).max().map { max($0, raised) } ?? raised }

    /// When the next review is due: the last review plus the review period (its own, else the
    /// policy's). Nil once closed.
    public func nextReview(_ policy: Policy, calendar: WorkCalendar) -> Day? {
        guard isOpen else { return nil }
        return calendar.adding(reviewEvery ?? policy.riskReviewEvery, to: lastReviewed)
    }

    /// The day and reason of closing, from the history.
    public var closing: RiskHistoryEntry? { history.last { $0.action == RiskHistoryEntry.closed } }
}

/// One line of a risk's append-only history. Keys beyond these are kept in the file.
public struct RiskHistoryEntry: Sendable, Hashable {
    public static let opened = "opened"
    public static let updated = "updated"
    public static let closed = "closed"

    public var at: Day
    /// `opened`, `updated` or `closed` when written by huifang; any word written by hand is kept.
    public var action: String
    public var by: String?
    /// The assessment after this line, when it set one.
    public var probability: Int?
    public var impact: Int?
    /// The new response plan, when this line changed it.
    public var plan: String?
    public var note: String?
    /// Why the risk was closed.
    public var reason: String?

    public init(at: Day, action: String, by: String? = nil, probability: Int? = nil, impact: Int? = nil, plan: String? = nil,
                note: String? = nil, reason: String? = nil) {
        self.at = at
        self.action = action
        self.by = by
        self.probability = probability
        self.impact = impact
        self.plan = plan
        self.note = note
        self.reason = reason
    }
}

/// What a risk threatens (技术, 资源, 进度, 成本, 客户).
public enum RiskCategory: String, Sendable, CaseIterable, Codable {
    case technical, resource, schedule, cost, customer

    /// The Chinese word of each category, accepted on the command line beside the code.
    public static let chinese: [String: RiskCategory] = [
        "技术": .technical, "资源": .resource, "进度": .schedule, "成本": .cost, "客户": .customer,
    ]

    /// A code or its Chinese word; nil for anything else.
    public init?(word: String) {
        if let c = RiskCategory(rawValue: word) ?? RiskCategory.chinese[word] { self = c } else { return nil }
    }
}

/// How a risk is answered (规避, 减轻, 转移, 接受).
public enum RiskResponse: String, Sendable, CaseIterable, Codable { case avoid, mitigate, transfer, accept }

/// Life cycle of a risk.
public enum RiskStatus: String, Sendable, CaseIterable, Codable { case open, closed }

public enum RiskKindTag: RecordKind {
    public static let prefix = "r-"
    public static let noun = "risk"
}

public typealias RiskID = RecordID<RiskKindTag>

extension Records {
    public func risk(matching text: String) -> Lookup<Risk> {
        Records.lookup(text, in: risks, id: { $0.id.rawValue }, path: { $0.location.path })
    }

    public func risks(of project: ProjectID) -> [Risk] { risks.filter { $0.project == project } }

    /// Open risks whose review is due on or before `day`, earliest first.
    public func risksToReview(by day: Day) -> [(risk: Risk, due: Day)] {
        risks.compactMap { r in r.nextReview(config.policy, calendar: calendar).flatMap { $0 <= day ? (r, $0) : nil } }
            .sorted { ($0.due, $0.risk.id) < ($1.due, $1.risk.id) }
    }

    /// Open high risks (score >= policy.risk_high_at), highest score first.
    public func highRisks(of project: ProjectID? = nil) -> [Risk] {
        risks.filter { $0.isHigh(config.policy) && (project == nil || $0.project == project) }
            .sorted { (-$0.score, $0.project, $0.id) < (-$1.score, $1.project, $1.id) }
    }
}

/// A 5×5 risk matrix: open risks counted by probability (rows) and impact (columns).
public struct RiskMatrix: Sendable, Hashable {
    /// `counts[p - 1][i - 1]`: open risks of probability p and impact i.
    public var counts: [[Int]]

    public init(_ risks: [Risk]) {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 5)
        for r in risks where r.isOpen && Risk.levels.contains(r.probability) && Risk.levels.contains(r.impact) {
            counts[r.probability - 1][r.impact - 1] += 1
        }
        self.counts = counts
    }

    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
}
