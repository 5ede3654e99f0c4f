/// A frozen plan against what was done (`huifang plan show`, the per-person figures): each
/// planned visit with who is to make it, the visit that made it and whether on time.
///
/// The rule: a planned visit is made by the first visit to its project dated after the
/// previous planned visit of that project was due (from the plan year's first day for the
/// first one) and on or before the counting day; it is on time when that visit is dated on or
/// before its due day, late otherwise; without such a visit it is not done (yet). Each visit
/// makes at most one planned visit.
public enum PlanProgress {
    public struct Entry: Sendable, Hashable {
        public var item: Plan.Item
        /// The item's visitor, else the project's owner, else "" (an unknown project).
        public var visitor: String
        /// True when the plan names no visitor and the project's owner was taken.
        public var visitorIsOwner: Bool
        public var department: String?
        /// The visit that made it, nil when none yet.
        public var visit: VisitID?
        public var done: Day?
        /// nil while not done.
        public var onTime: Bool? { done.map { $0 <= item.due } }
        /// Not done and its due day is before the counting day.
        public var overdue: Bool
    }

    /// The entries of `plan` counted on `today`, in the plan's order.
    public static func entries(_ plan: Plan, _ r: Records, today: Day) -> [Entry] {
        let projects = Dictionary(r.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let wanted = Set(plan.visits.map(\.project))
        let yearStart = Day.unchecked(plan.year, 1, 1)
        var visits: [ProjectID: [Visit]] = [:]
        for v in r.visits where wanted.contains(v.project) && v.date >= yearStart && v.date <= today {
            visits[v.project, default: []].append(v)
        }
        for p in visits.keys { visits[p]?.sort { ($0.date, $0.id.rawValue) < ($1.date, $1.id.rawValue) } }
        var out = plan.visits.map { item -> Entry in
            let owner = projects[item.project]?.owner
            return Entry(item: item, visitor: item.visitor ?? owner ?? "", visitorIsOwner: item.visitor == nil && owner != nil,
                         department: projects[item.project]?.department, visit: nil, done: nil, overdue: false)
        }
        // Per project, its planned visits in due order, each taking the first visit after the previous one's due day.
        var byProject: [ProjectID: [Int]] = [:]
        for (n, item) in plan.visits.enumerated() { byProject[item.project, default: []].append(n) }
        for (project, indices) in byProject {
            let ordered = indices.sorted { (plan.visits[$0].due, $0) < (plan.visits[$1].due, $1) }
            let made = visits[project] ?? []
            var next = 0
            var after: Day?
            for n in ordered {
                while next < made.count, let a = after, made[next].date <= a { next += 1 }
                if next < made.count {
                    out[n].visit = made[next].id
                    out[n].done = made[next].date
                    next += 1
                }
                after = plan.visits[n].due
            }
        }
        for n in out.indices where out[n].done == nil { out[n].overdue = out[n].item.due < today }
        return out
    }
}
