import HuifangCore

// The words of routes and deadline states: the core gives codes and values, these put them
// into the sentences `issue add`, `issue escalate`, `issue show` and the listings print.

extension RouteParty {
    /// `华东交付部 (east)`, `张伟, head of 华东交付部`, `周总 (leadership)`...
    public var text: String {
        switch self {
        case .department(let id, let d): return d.map { "\($0.name) (\($0.id))" } ?? id
        case .departmentHead(let id, let d): return d.map { "\($0.head), head of \($0.name)" } ?? "the head of \(id)"
        case .projectManagement(let d): return d.map { "\($0.name) (\($0.id))" } ?? "the project-management department"
        case .projectManagementHead(let d): return d.map { "\($0.head), head of \($0.name)" } ?? "the project-management department"
        case .leader(let name): return "\(name) (leadership)"
        case .leadership: return "leadership"
        case .complaintFollower(let cs): return "\(cs.head), head of \(cs.name) (records and follows the complaint)"
        }
    }
}

extension Route.Handler {
    /// Who handles the issue, in words.
    public var text: String {
        switch self {
        case .visitorOnTheSpot(let visitor, let otherwise): return "\(visitor) on the spot; else \(otherwise.text)"
        case .party(let p): return p.text
        case .namesOwnerAndDeadline(let head): return "\(head.text), who names the owner and the deadline"
        case .workingGroup(let lead): return "a working group led by \(lead.text)"
        }
    }
}

extension Route.RouteReport {
    public var text: String {
        switch self {
        case .writtenReport(let to): return "written report to \(to.text)"
        case .progressReportsToLeadership: return "progress reports to leadership"
        }
    }
}

extension Route.ClosingNeed {
    public var text: String {
        switch self {
        case .customerConfirmation: return "customer confirmation"
        case .caseAnalysis: return "a case analysis (case_analysis:)"
        }
    }
}

extension DeadlineState {
    /// `on track`, `due soon`, `overdue → major`, `resolved late`...
    public var label: String {
        switch self {
        case .onTrack: return "on track"
        case .dueSoon: return "due soon"
        case .overdue(_, let to): return "overdue → \(to.code)"
        case .resolved(let late): return late ? "resolved late" : "resolved on time"
        }
    }
}
