/// Severity routing of customer problems (policy §八; docs/RULES.md, routing by severity): who
/// handles an issue, who is told at once, the deadline in working days, and what closing needs.
public struct Route: Sendable, Hashable {
    public var severity: Severity
    /// Who handles it, in words.
    public var handler: String
    /// The owner huifang records when none is given.
    public var owner: String
    /// The department huifang records when none is given.
    public var department: String
    /// Who must be told at once (names with their role).
    public var notify: [String]
    /// Who must get a written report once it is resolved.
    public var reportOnResolution: [String]
    public var due: Day
    public var allowed: Duration
    /// What closing needs.
    public var toClose: [String]
    /// For a complaint (policy §三.4): the customer-service department, which records it,
    /// forwards it to the responsible department and follows it to the end; nil otherwise,
    /// and nil when huifang.yaml names no department with role customer_service.
    public var followedBy: Department? = nil
    /// True for a complaint, also when no customer-service department is configured.
    public var isComplaint = false
}

public enum Routing {
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
            let head = "\(cs.head), head of \(cs.name) (records and follows the complaint)"
            if !route.notify.contains(head) { route.notify.append(head) }
        }
        return route
    }

    public static func route(_ severity: Severity, project: Project, config: Config, calendar: WorkCalendar,
                             from day: Day, visitor: String?) -> Route {
        let allowed = config.policy.resolveWithin[severity] ?? Duration(10, .workingDays)
        let due = calendar.adding(allowed, to: day)
        let dept = config.department(project.department)
        let deptName = dept.map { "\($0.name) (\($0.id))" } ?? project.department
        let deptHead = dept.map { "\($0.head), head of \($0.name)" } ?? "the head of \(project.department)"
        let pmo = config.projectManagement
        let pmoName = pmo.map { "\($0.name) (\($0.id))" } ?? "the project-management department"
        let pmoHead = pmo.map { "\($0.head), head of \($0.name)" } ?? "the project-management department"
        let leaders = config.leadership.isEmpty ? ["leadership"] : config.leadership.map { "\($0) (leadership)" }
        switch severity {
        case .minor:
            return Route(
                severity: severity,
                handler: visitor.map { "\($0) on the spot; else \(deptName)" } ?? deptName,
                owner: visitor ?? project.owner, department: project.department,
                notify: [deptHead], reportOnResolution: [], due: due, allowed: allowed,
                toClose: ["customer confirmation"])
        case .general:
            return Route(
                severity: severity,
                handler: "\(deptHead), who names the owner and the deadline",
                owner: dept?.head ?? project.owner, department: project.department,
                notify: [deptHead], reportOnResolution: ["written report to \(pmoName)"], due: due, allowed: allowed,
                toClose: ["customer confirmation"])
        case .major:
            return Route(
                severity: severity,
                handler: "a working group led by \(pmoName)",
                owner: pmo?.head ?? project.owner, department: pmo?.id ?? project.department,
                notify: [deptHead, pmoHead] + leaders, reportOnResolution: ["progress reports to leadership"], due: due,
                allowed: allowed, toClose: ["customer confirmation", "a case analysis (case_analysis:)"])
        }
    }
}

/// Where an issue stands against its deadline.
public enum DeadlineState: Sendable, Hashable {
    case onTrack
    /// `share` of the allowed working days is used (at least the policy's due-soon share).
    case dueSoon(share: Double)
    /// Past due and still open; should go to `escalateTo` (a severity or leadership).
    case overdue(days: Int, escalateTo: String)
    /// Resolved; `late` when after the deadline (a breach stays recorded).
    case resolved(late: Bool)

    public var label: String {
        switch self {
        case .onTrack: return "on track"
        case .dueSoon: return "due soon"
        case .overdue(_, let to): return "overdue → \(to)"
        case .resolved(let late): return late ? "resolved late" : "resolved on time"
        }
    }
}

extension Issue {
    /// The day the current deadline started: the last escalation, else `raised`.
    public var deadlineStart: Day {
        history.last { $0.action == "escalated" }?.at ?? raised
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
