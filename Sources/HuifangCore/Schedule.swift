/// Why a visit is due (docs/RULES.md, the visit schedule).
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

    /// Overdue on day `t`: past due and not satisfied on or before `t` (docs/RULES.md).
    public func isOverdue(on t: Day) -> Bool { exists(on: t) && t > due && !isSatisfied(on: t) }

    /// A stable identity for calendars and plans: kind, project and what triggered it.
    public var key: String { "\(kind.rawValue)-\(project)\(basis.map { "-" + $0 } ?? "")" }
}

/// The visit schedule of a repository (docs/RULES.md, the schedule), computed from the whole
/// history so that it can be read as it stood on any past day.
public struct Schedule: Sendable {
    /// Sorted by due date.
    public private(set) var items: [ScheduleItem]
    /// For each item, the position in `Records.projects` of its project, when the schedule
    /// was made from the records (`init(_:)`): lets the KPI passes number projects without
    /// hashing an id per item. Nil for a schedule made of given items.
    public private(set) var projectPositions: [Int32]?
    /// Years that a working-day computation needed and no calendar file covers.
    public var uncoveredYears: Set<Int>

    /// Every due item the history generated, for every accepted project.
    public init(_ r: Records) {
        // Positions, not copies: a record is a dozen references and there are 100,000. The
        // visits' table and the issues' are made side by side.
        let byProject = Parallel.map(2, chunksPerThread: 1) { table in
            table == 0 ? Self.positions(r.visits.count) { r.visits[$0].project } : Self.positions(r.issues.count) { r.issues[$0].project }
        }
        let (visitsByProject, issuesByProject) = (byProject[0], byProject[1])
        // Projects are independent of each other: computed side by side in runs of projects
        // (one array per run, not one per project), joined in project order.
        let parts = Parallel.mapChunks(r.projects.count, chunksPerThread: 8) { range, _ in
            var items: [ScheduleItem] = []
            items.reserveCapacity(range.count * 20)
            var project: [Int32] = []
            var uncovered = Set<Int>()
            r.projects.withUnsafeBufferPointer { projects in
                for p in range {
                    let before = items.count
                    Schedule.items(for: projects[p], visits: visitsByProject[projects[p].id] ?? [],
                                   issues: issuesByProject[projects[p].id] ?? [], r, into: &items, uncovered: &uncovered)
                    project.append(contentsOf: repeatElement(Int32(p), count: items.count - before))
                }
            }
            return Part(items: items, project: project, uncovered: uncovered)
        }
        var uncovered = Set<Int>()
        for part in parts { uncovered.formUnion(part.uncovered) }
        // Sorted straight out of the runs' parts (each item copied once, not joined first): the
        // due days and the (run, index) of every item in join order, in compact arrays.
        let total = parts.reduce(0) { $0 + $1.items.count }
        var due = [Int32](repeating: 0, count: total)
        var runOf = [Int32](repeating: 0, count: total)
        var positionIn = [Int32](repeating: 0, count: total)
        var g = 0
        for (c, part) in parts.enumerated() {
            part.items.withUnsafeBufferPointer { items in
                for i in items.indices {
                    due[g] = items[i].due.ordinal
                    runOf[g] = Int32(c)
                    positionIn[g] = Int32(i)
                    g += 1
                }
            }
        }
        let order = due.withUnsafeBufferPointer { due in Self.dueOrder(total) { due[$0] } }
        let (partOf, indexIn) = (runOf, positionIn)
        self.uncoveredYears = uncovered
        // The copies (a retain of each of an item's strings) side by side too, in order.
        self.items = Parallel.map(total, chunksPerThread: 4) { k in
            let n = order[k]
            return parts[Int(partOf[n])].items[Int(indexIn[n])]
        }
        self.projectPositions = order.map { n in parts[Int(partOf[n])].project[Int(indexIn[n])] }
    }

    /// One run of projects' items, in project order, with the position of each item's project.
    private struct Part: Sendable {
        var items: [ScheduleItem]
        var project: [Int32]
        var uncovered: Set<Int>
    }

    /// The positions 0..<count in due-date order, keeping the given order on the same day. A
    /// counting sort over the days: a few years of due dates are a few thousand buckets, and
    /// this is hot.
    static func dueOrder(_ count: Int, _ due: (Int) -> Int32) -> [Int] {
        guard count > 0 else { return [] }
        var low = Int(due(0))
        var high = low
        for n in 1..<count {
            let d = Int(due(n))
            low = min(low, d)
            high = max(high, d)
        }
        let span = high - low + 1
        guard span <= 4 * count + 4096 else {
            return (0..<count).sorted { due($0) != due($1) ? due($0) < due($1) : $0 < $1 }
        }
        var start = [Int](repeating: 0, count: span + 1)
        for n in 0..<count { start[Int(due(n)) - low + 1] += 1 }
        for d in 0..<span { start[d + 1] += start[d] }
        var order = [Int](repeating: 0, count: count)
        for n in 0..<count {
            let d = Int(due(n)) - low
            order[start[d]] = n
            start[d] += 1
        }
        return order
    }

    /// The positions of each project's records. Records come grouped by project (the loader's
    /// path order), so the table is looked up once per run of a project, not once per record.
    static func positions(_ count: Int, _ project: (Int) -> ProjectID) -> [ProjectID: [Int]] {
        var out: [ProjectID: [Int]] = [:]
        var runStart = 0
        var current: ProjectID?
        for n in 0..<count {
            let p = project(n)
            if p != current {
                if let current { out[current, default: []].append(contentsOf: runStart..<n) }
                current = p
                runStart = n
            }
        }
        if let current { out[current, default: []].append(contentsOf: runStart..<count) }
        return out
    }

    /// Only the items that existed on day `t` and were not yet satisfied then, in due-date
    /// order: `Schedule(r).open(on: t)` without computing the due dates of the items already
    /// met (nearly all of a long history), for `check`'s calendar coverage. `uncoveredYears`
    /// holds what these items' own due dates reached.
    public init(openOn t: Day, _ r: Records) {
        let visitsByProject = Self.positions(r.visits.count) { r.visits[$0].project }
        let issuesByProject = Self.positions(r.issues.count) { r.issues[$0].project }
        var items: [ScheduleItem] = []
        var uncovered = Set<Int>()
        for p in r.projects.indices {
            Schedule.items(for: r.projects[p], visits: visitsByProject[r.projects[p].id] ?? [],
                           issues: issuesByProject[r.projects[p].id] ?? [], r, into: &items, uncovered: &uncovered, openOn: t)
        }
        self.init(items: items, uncoveredYears: uncovered)
    }

    /// A schedule of the given items in due-date order, as everything that reads `items` may
    /// assume; items due on the same day keep the order given (for `init(_:)`: projects by id,
    /// then first, periodic, special, customer request).
    public init(items: [ScheduleItem], uncoveredYears: Set<Int> = []) {
        self.uncoveredYears = uncoveredYears
        self.items = Self.dueOrder(items.count) { items[$0].due.ordinal }.map { items[$0] }
    }

    /// The items of project `p`, given the positions of its visits and issues in `r`.
    /// With `openOn`, only the items open on that day (existed, not yet satisfied) are made:
    /// the others' due dates are never computed.
    static func items(
        for p: Project, visits all: [Int], issues: [Int], _ r: Records, into out: inout [ScheduleItem], uncovered: inout Set<Int>,
        openOn t: Day? = nil
    ) {
        guard let accepted = p.accepted else { return }
        // A retired project has no items due after the day its service ended; those due up to
        // that day stay (reports of earlier periods count them).
        let start = out.count
        defer {
            if let end = p.retired?.date, out[start...].contains(where: { $0.due > end }) {
                let kept = out[start...].filter { $0.due <= end }
                out.replaceSubrange(start..., with: kept)
            }
        }
        let policy = r.config.policy
        let calendar = r.calendar
        /// Whether an item triggered on `triggered` and satisfied on `satisfiedOn` is made.
        func wanted(_ triggered: Day, _ satisfiedOn: Day?) -> Bool {
            guard let t else { return true }
            return triggered <= t && !(satisfiedOn.map { $0 <= t } ?? false)
        }
        func add(_ d: Duration, to day: Day) -> Day {
            let result = calendar.adding(d, to: day)
            if d.unit == .workingDays, day <= result {
                // `calendar.uncoveredYears(between:and:)` without an array per item.
                for y in day.year...result.year where calendar.warns(about: y) { uncovered.insert(y) }
            }
            return result
        }
        // Visits since acceptance in (date, id) order (the loader's order; sorted only if not).
        // (Nearly always all of them: the list is then shared, not copied.)
        var visits = all.allSatisfy { r.visits[$0].date >= accepted } ? all : all.filter { r.visits[$0].date >= accepted }
        func before(_ a: Int, _ b: Int) -> Bool {
            r.visits[a].date != r.visits[b].date ? r.visits[a].date < r.visits[b].date : r.visits[a].id < r.visits[b].id
        }
        if visits.indices.dropFirst().contains(where: { !before(visits[$0 - 1], visits[$0]) }) {
            visits.sort(by: before)
        }
        let first = visits.first
        if wanted(accepted, first.map { r.visits[$0].date }) {
            out.append(ScheduleItem(project: p.id, kind: .first, triggered: accepted, basis: nil,
                                    due: add(policy.firstVisitWithin, to: accepted),
                                    satisfiedBy: first.map { r.visits[$0].id }, satisfiedOn: first.map { r.visits[$0].date }))
        }
        let every = policy.periodicEvery[p.tier] ?? Duration(3, .months)
        for (i, v) in visits.enumerated() {
            let next = i + 1 < visits.count ? visits[i + 1] : nil
            let date = r.visits[v].date
            guard wanted(date, next.map { r.visits[$0].date }) else { continue }
            out.append(ScheduleItem(project: p.id, kind: .periodic, triggered: date, basis: r.visits[v].id.rawValue,
                                    due: add(every, to: date),
                                    satisfiedBy: next.map { r.visits[$0].id }, satisfiedOn: next.map { r.visits[$0].date }))
        }
        for e in r.events where e.date >= accepted && e.concerns(p) {
            let by = visits.first { r.visits[$0].date >= e.date && (r.visits[$0].event == e.id || r.visits[$0].kind == .special) }
            guard wanted(e.date, by.map { r.visits[$0].date }) else { continue }
            out.append(ScheduleItem(project: p.id, kind: .special, triggered: e.date, basis: e.id,
                                    due: add(policy.specialVisitWithin, to: e.date),
                                    satisfiedBy: by.map { r.visits[$0].id }, satisfiedOn: by.map { r.visits[$0].date }))
        }
        // A resolution awaiting the customer's confirmation is due within confirm_within: the
        // years that count needs are warned about like the schedule's own.
        if policy.confirmWithin.unit == .workingDays, t == nil {
            for i in issues where r.issues[i].status == .resolved {
                if let d = r.issues[i].resolved?.date { _ = add(policy.confirmWithin, to: d) }
            }
        }
        for i in issues where r.issues[i].source == .customer || r.issues[i].source == .complaint {
            let raised = r.issues[i].raised
            let by = visits.first { r.visits[$0].date >= raised }
            guard wanted(raised, by.map { r.visits[$0].date }) else { continue }
            out.append(ScheduleItem(project: p.id, kind: .customerRequest, triggered: raised, basis: r.issues[i].id.rawValue,
                                    due: add(policy.customerRequestWithin, to: raised),
                                    satisfiedBy: by.map { r.visits[$0].id }, satisfiedOn: by.map { r.visits[$0].date }))
        }
    }

    /// Items that existed on day `t` and were not yet satisfied then, oldest due first.
    public func open(on t: Day) -> [ScheduleItem] {
        items.filter { $0.exists(on: t) && !$0.isSatisfied(on: t) }
    }

    /// Items overdue on day `t`.
    public func overdue(on t: Day) -> [ScheduleItem] { items.filter { $0.isOverdue(on: t) } }

    /// Items whose due date falls in `period` (also those satisfied early), as docs/KPIS.md counts them.
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
            let last = min(end, p.retired?.date ?? end)
            let every = r.config.policy.periodicEvery[p.tier] ?? Duration(3, .months)
            var due = max(item.due, today)
            while true {
                let next = r.calendar.adding(every, to: due)
                if every.unit == .workingDays { uncovered.formUnion(r.calendar.uncoveredYears(between: due, and: next)) }
                guard next <= last, next > due else { break }
                out.append(ScheduleItem(project: p.id, kind: .periodic, triggered: due, basis: nil, due: next, projected: true))
                due = next
            }
        }
        return out.sorted { ($0.due, $0.project, $0.kind) < ($1.due, $1.project, $1.kind) }
    }
}
