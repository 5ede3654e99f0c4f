/// What a new visit is for: the kind of the open schedule item it satisfies (docs/RULES.md, the schedule; read
/// backwards), chosen when `visit log` is given no `--kind`.
public struct VisitPurpose: Sendable, Hashable {
    /// The kind the visit is recorded as.
    public var kind: VisitKind
    /// The event the visit follows: the one given, else the only open special item's event.
    public var event: String?
    /// The open item that decided the kind (nil for a stage visit, or periodic with nothing open).
    public var item: ScheduleItem?

    public init(kind: VisitKind, event: String? = nil, item: ScheduleItem? = nil) {
        self.kind = kind
        self.event = event
        self.item = item
    }

    /// The purpose of a visit to `project` on `day`, from the project's schedule items as they
    /// stand before it (`items` may hold other projects' items too; they are skipped):
    /// - before acceptance (or with no acceptance): stage;
    /// - an event given: special;
    /// - a special visit open on `day` (an event on or before it, not yet visited): special,
    ///   linked to the event when exactly one is open;
    /// - else a customer request open (a customer or complaint issue): customer_request;
    /// - else before the first visit after acceptance: first;
    /// - else periodic.
    public static func choose(for project: Project, on day: Day, items: [ScheduleItem], event: String? = nil) -> VisitPurpose {
        guard let accepted = project.accepted, day >= accepted else { return VisitPurpose(kind: .stage, event: event) }
        let open = items.filter { $0.project == project.id && $0.exists(on: day) && !$0.isSatisfied(on: day) }
        if let event {
            return VisitPurpose(kind: .special, event: event, item: open.first { $0.kind == .special && $0.basis == event })
        }
        let special = open.filter { $0.kind == .special }
        if let first = special.first {
            return VisitPurpose(kind: .special, event: special.count == 1 ? first.basis : nil, item: first)
        }
        if let request = open.first(where: { $0.kind == .customerRequest }) {
            return VisitPurpose(kind: .customerRequest, item: request)
        }
        if let first = open.first(where: { $0.kind == .first }) {
            return VisitPurpose(kind: .first, item: first)
        }
        return VisitPurpose(kind: .periodic, item: open.first { $0.kind == .periodic })
    }

    /// Why a visit of a given kind does not match what is due (HuifangReport's catalogue words it).
    public enum Mismatch: Sendable, Hashable {
        /// The visit is before the project's acceptance: a stage visit.
        case beforeAcceptance
        /// A special visit after `event` (nil: after an event) is open; a visit of `given` kind
        /// that names no event does not clear it.
        case specialOpen(event: String?, given: VisitKind)
        /// A visit on the customer's request is open (for `issue`).
        case customerRequestOpen(issue: String?)
        /// This is the first visit after acceptance.
        case firstVisitDue
        /// The project already had its first visit.
        case alreadyHadFirstVisit
        /// No special visit is open (no event awaits a visit).
        case noSpecialOpen
        /// No visit on a customer's request is open.
        case noCustomerRequestOpen
        /// The project is accepted; stage visits come before acceptance.
        case alreadyAccepted
        /// The visit names `event`, which makes it the special visit after that event.
        case namesEvent(String)
    }

    /// Why a visit of `given` kind does not match what is due; nil when it matches.
    /// A mismatch is only a warning: the given kind stands.
    public func mismatch(with given: VisitKind) -> Mismatch? {
        guard given != kind else { return nil }
        switch kind {
        case .stage: return .beforeAcceptance
        case .special: return .specialOpen(event: event, given: given)
        case .customerRequest: return .customerRequestOpen(issue: item?.basis)
        case .first: return .firstVisitDue
        case .periodic:
            switch given {
            case .first: return .alreadyHadFirstVisit
            case .special: return .noSpecialOpen
            case .customerRequest: return .noCustomerRequestOpen
            case .stage: return .alreadyAccepted
            case .periodic: return nil
            }
        }
    }
}

extension Schedule {
    /// The schedule items of one project, computed from `r` alone (the whole history, every
    /// item, in the order of `init(_:)` before sorting by due date).
    public static func items(of project: Project, in r: Records) -> [ScheduleItem] {
        var out: [ScheduleItem] = []
        var uncovered = Set<Int>()
        items(for: project, visits: r.visits.indices.filter { r.visits[$0].project == project.id },
              issues: r.issues.indices.filter { r.issues[$0].project == project.id }, r, into: &out, uncovered: &uncovered)
        return out
    }

    /// The items of `visit`'s project that the visit satisfies once it is recorded in `r`: what
    /// it clears (the open item it was for, and the periodic item of the visit before it).
    public static func cleared(by visit: Visit, in r: Records) -> [ScheduleItem] {
        guard let p = r.project(visit.project) else { return [] }
        var with = r
        with.visits.append(visit)
        return items(of: p, in: with).filter { $0.satisfiedBy == visit.id }
    }
}
