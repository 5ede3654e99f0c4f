/// Severity routing of customer problems (policy §八; docs/RULES.md, routing by severity): who
/// handles an issue, who is told at once, the deadline in working days, and what closing needs.
/// Parties and steps are codes with their values; the report layer puts them into words.
public struct Route: Sendable, Hashable {
    public var severity: Severity
    /// Who handles it.
    public var handler: Handler
    /// The owner huifang records when none is given.
    public var owner: String
    /// The department huifang records when none is given.
    public var department: String
    /// Who must be told at once.
    public var notify: [RouteParty]
    /// What must be reported once it is resolved.
    public var reportOnResolution: [RouteReport]
    public var due: Day
    public var allowed: Duration
    /// What closing needs.
    public var toClose: [ClosingNeed]
    /// For a complaint (policy §三.4): the customer-service department, which records it,
    /// forwards it to the responsible department and follows it to the end; nil otherwise,
    /// and nil when huifang.yaml names no department with role customer_service.
    public var followedBy: Department? = nil
    /// True for a complaint, also when no customer-service department is configured.
    public var isComplaint = false

    /// Who handles an issue.
    public enum Handler: Sendable, Hashable {
        /// The visitor who met the customer, on the spot; else `otherwise`.
        case visitorOnTheSpot(String, otherwise: RouteParty)
        case party(RouteParty)
        /// `head`, who names the owner and the deadline.
        case namesOwnerAndDeadline(RouteParty)
        /// A working group led by `lead`.
        case workingGroup(ledBy: RouteParty)
    }

    /// What is reported once the issue is resolved.
    public enum RouteReport: Sendable, Hashable {
        case writtenReport(to: RouteParty)
        case progressReportsToLeadership
    }

    /// What closing needs.
    public enum ClosingNeed: Sendable, Hashable {
        case customerConfirmation
        case caseAnalysis
    }
}

/// A party of a route: a department or its head (with the configured department when
/// huifang.yaml has one), a leader, leadership as a whole.
public enum RouteParty: Sendable, Hashable {
    /// The project's department: its id, and the department when configured.
    case department(id: String, Department?)
    case departmentHead(id: String, Department?)
    /// The project-management department, when configured.
    case projectManagement(Department?)
    case projectManagementHead(Department?)
    /// One leader by name.
    case leader(String)
    /// Leadership, when huifang.yaml names no one.
    case leadership
    /// The head of customer service, who records a complaint and follows it.
    case complaintFollower(Department)
}

public enum Routing {
    /// The working days allowed to resolve an issue of `severity` (policy.resolve_within).
    public static func allowed(_ severity: Severity, _ policy: Policy) -> Duration {
        policy.resolveWithin[severity] ?? Duration(10, .workingDays)
    }

    /// The route of an issue of `severity` in `project`, counted from `day` (raised or escalated).
    /// `visitor` is who met the customer, when the issue came up in a visit.
    /// A complaint (`source: complaint`) is recorded and followed by the department with role
    /// customer_service (policy §三.4): it is told at once, and named in `followedBy`.
    public static func route(_ severity: Severity, project: Project, config: Config, calendar: WorkCalendar,
                             from day: Day, visitor: String?, source: IssueSource?) -> Route {
        var route = route(severity, project: project, config: config, calendar: calendar, from: day, visitor: visitor)
        guard source == .complaint else { return route }
        route.isComplaint = true
        if let cs = config.customerService {
            route.followedBy = cs
            route.notify.append(.complaintFollower(cs))
        }
        return route
    }

    public static func route(_ severity: Severity, project: Project, config: Config, calendar: WorkCalendar,
                             from day: Day, visitor: String?) -> Route {
        let allowed = allowed(severity, config.policy)
        let due = calendar.adding(allowed, to: day)
        let dept = config.department(project.department)
        let department = RouteParty.department(id: project.department, dept)
        let deptHead = RouteParty.departmentHead(id: project.department, dept)
        let pmo = config.projectManagement
        let leaders = config.leadership.isEmpty ? [RouteParty.leadership] : config.leadership.map(RouteParty.leader)
        switch severity {
        case .minor:
            return Route(
                severity: severity,
                handler: visitor.map { .visitorOnTheSpot($0, otherwise: department) } ?? .party(department),
                owner: visitor ?? project.owner, department: project.department,
                notify: [deptHead], reportOnResolution: [], due: due, allowed: allowed,
                toClose: [.customerConfirmation])
        case .general:
            return Route(
                severity: severity,
                handler: .namesOwnerAndDeadline(deptHead),
                owner: dept?.head ?? project.owner, department: project.department,
                notify: [deptHead], reportOnResolution: [.writtenReport(to: .projectManagement(pmo))], due: due, allowed: allowed,
                toClose: [.customerConfirmation])
        case .major:
            return Route(
                severity: severity,
                handler: .workingGroup(ledBy: .projectManagement(pmo)),
                owner: pmo?.head ?? project.owner, department: pmo?.id ?? project.department,
                notify: [deptHead, .projectManagementHead(pmo)] + leaders, reportOnResolution: [.progressReportsToLeadership], due: due,
                allowed: allowed, toClose: [.customerConfirmation, .caseAnalysis])
        }
    }
}

/// Where an issue stands against its deadline.
public enum DeadlineState: Sendable, Hashable {
    case onTrack
    /// `share` of the allowed working days is used (at least the policy's due-soon share).
    case dueSoon(share: Double)
    /// Past due and still open; should go to `escalateTo` (a severity or leadership).
    case overdue(days: Int, escalateTo: EscalationTarget)
    /// Resolved; `late` when after the deadline (a breach stays recorded).
    case resolved(late: Bool)
}

extension Issue {
    /// The day the current deadline started: the last escalation, else `raised`.
    public var deadlineStart: Day {
        history.last { $0.kind == .escalated }?.at ?? raised
    }

    /// Resolved on or before `due`? nil while unresolved.
    public var resolvedOnTime: Bool? { resolved.map { $0.date <= due } }

    public func deadlineState(on today: Day, calendar: WorkCalendar, dueSoonShare: Double) -> DeadlineState {
        if status != .open, let r = resolved { return .resolved(late: r.date > due) }
        if today > due { return .overdue(days: due.days(until: today), escalateTo: severity.escalationTarget) }
        let allowed = calendar.workingDays(after: deadlineStart, through: due)
        guard allowed > 0 else { return .dueSoon(share: 1) }
        let used = Double(calendar.workingDays(after: deadlineStart, through: today)) / Double(allowed)
        return used >= dueSoonShare ? .dueSoon(share: used) : .onTrack
    }
}
