/// Why a visit is due (SPEC §3).
public enum DueKind: String, Sendable, CaseIterable, Comparable {
    case first, periodic, special
    case customerRequest = "customer_request"

    public static func < (a: DueKind, b: DueKind) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }

    public var visitKind: VisitKind {
        switch self {
        case .first: return .first
        case .periodic: return .periodic
        case .special: return .special
        case .customerRequest: return .customerRequest
        }
    }
}

/// One visit the policy calls for: when it was triggered, when it is due, and the visit that
/// satisfied it, if any.
public struct ScheduleItem: Sendable, Hashable {
    public var project: ProjectID
    public var kind: DueKind
    /// The day the item came into being (acceptance, a visit, an event, an issue raised).
    public var triggered: Day
    /// What triggered it: the previous visit's id, the event's id or the issue's id.
    public var basis: String?
    public var due: Day
    public var satisfiedBy: VisitID?
    public var satisfiedOn: Day?
    /// True for items that assume future visits happen on their due dates (plans only).
    public var projected: Bool

    public init(project: ProjectID, kind: DueKind, triggered: Day, basis: String?, due: Day,
                satisfiedBy: VisitID? = nil, satisfiedOn: Day? = nil, projected: Bool = false) {
        self.project = project
        self.kind = kind
        self.triggered = triggered
        self.basis = basis
        self.due = due
        self.satisfiedBy = satisfiedBy
        self.satisfiedOn = satisfiedOn
        self.projected = projected
    }

    /// The item existed on day `t`: its trigger had happened.
    public func exists(on t: Day) -> Bool { triggered <= t }

    /// Satisfied by a visit dated on or before `t`.
    public func isSatisfied(on t: Day) -> Bool { satisfiedOn.map { $0 <= t } ?? false }

    /// Overdue on day `t`: past due and not satisfied on or before `t` (SPEC §3).
    public func isOverdue(on t: Day) -> Bool { exists(on: t) && t > due && !isSatisfied(on: t) }

    /// A stable identity for calendars and plans: kind, project and what triggered it.
    public var key: String { "\(kind.rawValue)-\(project)\(basis.map { "-" + $0 } ?? "")" }
}

/// The visit schedule of a repository (SPEC §3), computed from the whole history so that it
/// can be read as it stood on any past day.
public struct Schedule: Sendable {
    public var items: [ScheduleItem]
    /// Years that a working-day computation needed and no calendar file covers.
    public var uncoveredYears: Set<Int>

    /// Every due item the history generated, for every accepted project.
    public init(_ r: Records) {
        var items: [ScheduleItem] = []
        var uncovered = Set<Int>()
        let visitsByProject = Dictionary(grouping: r.visits, by: \.project)
        let issuesByProject = Dictionary(grouping: r.issues, by: \.project)
        for p in r.projects {
            items += Schedule.items(for: p, visits: visitsByProject[p.id] ?? [], issues: issuesByProject[p.id] ?? [],
                                    events: r.events, policy: r.config.policy, calendar: r.calendar, uncovered: &uncovered)
        }
        // By due date; on the same day in generation order (projects by id, then first,
        // periodic, special, customer request). Integer comparisons only: this is hot.
        let dues = items.map(\.due.ordinal)
        let order = items.indices.sorted { dues[$0] != dues[$1] ? dues[$0] < dues[$1] : $0 < $1 }
        self.items = order.map { items[$0] }
        uncoveredYears = uncovered
    }

    public init(items: [ScheduleItem], uncoveredYears: Set<Int> = []) {
        self.items = items
        self.uncoveredYears = uncoveredYears
    }

    static func items(
        for p: Project, visits all: [Visit], issues: [Issue], events: [Event], policy: Policy, calendar: WorkCalendar,
        uncovered: inout Set<Int>
    ) -> [ScheduleItem] {
        guard let accepted = p.accepted else { return [] }
        func add(_ d: Duration, to day: Day) -> Day {
            let result = calendar.adding(d, to: day)
            if d.unit == .workingDays {
                uncovered.formUnion(calendar.uncoveredYears(between: day, and: result))
            }
            return result
        }
        var visits = all.filter { $0.date >= accepted }
        if !visits.isSortedByDateAndID {
            visits.sort { $0.date != $1.date ? $0.date < $1.date : $0.id < $1.id }
        }
        var out: [ScheduleItem] = []
        let first = visits.first
        out.append(ScheduleItem(project: p.id, kind: .first, triggered: accepted, basis: nil,
                                due: add(policy.firstVisitWithin, to: accepted), satisfiedBy: first?.id, satisfiedOn: first?.date))
        let every = policy.periodicEvery[p.tier] ?? Duration(3, .months)
        for (i, v) in visits.enumerated() {
            let next = i + 1 < visits.count ? visits[i + 1] : nil
            out.append(ScheduleItem(project: p.id, kind: .periodic, triggered: v.date, basis: v.id.rawValue,
                                    due: add(every, to: v.date), satisfiedBy: next?.id, satisfiedOn: next?.date))
        }
        for e in events where e.date >= accepted && e.concerns(p) {
            let by = visits.first { $0.date >= e.date && ($0.event == e.id || $0.kind == .special) }
            out.append(ScheduleItem(project: p.id, kind: .special, triggered: e.date, basis: e.id,
                                    due: add(policy.specialVisitWithin, to: e.date), satisfiedBy: by?.id, satisfiedOn: by?.date))
        }
        for i in issues where i.source == .customer || i.source == .complaint {
            let by = visits.first { $0.date >= i.raised }
            out.append(ScheduleItem(project: p.id, kind: .customerRequest, triggered: i.raised, basis: i.id.rawValue,
                                    due: add(policy.customerRequestWithin, to: i.raised), satisfiedBy: by?.id, satisfiedOn: by?.date))
        }
        return out
    }

    /// Items that existed on day `t` and were not yet satisfied then, oldest due first.
    public func open(on t: Day) -> [ScheduleItem] {
        items.filter { $0.exists(on: t) && !$0.isSatisfied(on: t) }
    }

    /// Items overdue on day `t`.
    public func overdue(on t: Day) -> [ScheduleItem] { items.filter { $0.isOverdue(on: t) } }

    /// Items whose due date falls in `period` (also those satisfied early), as SPEC §4 counts them.
    public func due(in period: Period) -> [ScheduleItem] { items.filter { period.contains($0.due) } }

    /// The schedule extended through `end` by assuming that every open periodic or first
    /// item is met on its due date (an overdue one on `today`): the basis of an annual plan.
    public func projected(through end: Day, today: Day, _ r: Records) -> [ScheduleItem] {
        var out = items
        var uncovered = Set<Int>()
        let projects = Dictionary(r.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The chain of each project continues from its last unsatisfied first/periodic item.
        let open = items.filter { ($0.kind == .first || $0.kind == .periodic) && $0.satisfiedBy == nil }
        var seen = Set<ProjectID>()
        for item in open.sorted(by: { $0.due > $1.due }) where !seen.contains(item.project) {
            seen.insert(item.project)
            guard let p = projects[item.project] else { continue }
            let every = r.config.policy.periodicEvery[p.tier] ?? Duration(3, .months)
            var due = max(item.due, today)
            while true {
                let next = r.calendar.adding(every, to: due)
                if every.unit == .workingDays { uncovered.formUnion(r.calendar.uncoveredYears(between: due, and: next)) }
                guard next <= end, next > due else { break }
                out.append(ScheduleItem(project: p.id, kind: .periodic, triggered: due, basis: nil, due: next, projected: true))
                due = next
            }
        }
        return out.sorted { ($0.due, $0.project, $0.kind) < ($1.due, $1.project, $1.kind) }
    }
}

extension Array where Element == Visit {
    /// Visits come sorted from the loader; checking is cheaper than sorting again.
    var isSortedByDateAndID: Bool {
        guard count > 1 else { return true }
        for i in 1..<count {
            let a = self[i - 1]
            let b = self[i]
            if a.date > b.date || (a.date == b.date && !(a.id < b.id)) { return false }
        }
        return true
    }
}
