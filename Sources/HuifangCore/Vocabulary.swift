// The closed vocabularies of the records (docs/RECORDS.md). Raw values are what the YAML says;
// parsing at the boundary rejects anything else with the allowed values in the message.

/// Project tier: decides how often periodic visits are due.
public enum Tier: String, Sendable, CaseIterable, Codable { case key, standard, basic }

/// Why a visit took place.
public enum VisitKind: String, Sendable, CaseIterable, Codable {
    case first, periodic, special
    case customerRequest = "customer_request"
    case stage
}

/// How a visit was made (policy §五).
public enum VisitMethod: String, Sendable, CaseIterable, Codable { case phone, onsite, email, online }

/// How the delivered project runs (项目运行情况).
public enum Operation: String, Sendable, CaseIterable, Codable { case normal, degraded, down }

/// Where a customer problem came from.
public enum IssueSource: String, Sendable, CaseIterable, Codable { case visit, customer, complaint }

/// Kind of customer problem (policy §八).
public enum IssueCategory: String, Sendable, CaseIterable, Codable {
    case technical, quality, service
    case requirementChange = "requirement_change"
}

/// Severity of a customer problem, in escalation order.
public enum Severity: String, Sendable, CaseIterable, Codable, Comparable {
    case minor, general, major

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    var rank: Int { Severity.allCases.firstIndex(of: self) ?? 0 }
}

/// Life cycle of a customer problem.
/// `withdrawn`: logged by mistake (`issue withdraw`); such issues are kept apart from the rest
/// (`Records.withdrawnIssues`), so no rule, KPI or listing counts them.
public enum IssueStatus: String, Sendable, CaseIterable, Codable { case open, resolved, confirmed, closed, withdrawn }

/// Life cycle of an improvement measure (改进措施).
public enum ImprovementStatus: String, Sendable, CaseIterable, Codable {
    case planned
    case inProgress = "in_progress"
    case done, verified
}

/// What triggers a special visit.
public enum EventKind: String, Sendable, CaseIterable, Codable { case upgrade, market }

/// What a department does in the visit process (policy §三).
public enum DepartmentRole: String, Sendable, CaseIterable, Codable {
    case projectManagement = "project_management"
    case business, technical
    case customerService = "customer_service"
}

/// Language of reports and messages that have one.
public enum Language: String, Sendable, CaseIterable, Codable { case zh, en }

extension Severity {
    /// One level up; nil for major, the top.
    public var next: Severity? {
        switch self {
        case .minor: return .general
        case .general: return .major
        case .major: return nil
        }
    }

    /// Where an overdue issue of this severity should go: the next level, or leadership for major.
    public var escalationTarget: EscalationTarget { next.map(EscalationTarget.severity) ?? .leadership }
}

/// Where an overdue issue should go: the next severity, or leadership above major.
public enum EscalationTarget: Sendable, Hashable {
    case severity(Severity)
    case leadership

    /// The code: the severity's name, or `leadership`.
    public var code: String {
        switch self {
        case .severity(let s): return s.rawValue
        case .leadership: return "leadership"
        }
    }
}
