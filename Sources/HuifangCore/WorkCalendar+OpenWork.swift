extension WorkCalendar {
    /// `uncoveredYears(openOn:records:schedule:)` without making the schedule for it (`check`,
    /// which needs nothing else of it): the same years. The open items of each project are
    /// made by the schedule's own rule (`Schedule.items(for:…openOn:)`), project by project,
    /// until every uncovered year they could reach (`openWork`) is found: the rest can add none.
    public func uncoveredYears(openOn today: Day, records r: Records) -> [Int] {
        var (years, reachable) = openWork(on: today, r)
        var missing = Set(reachable).subtracting(years)
        if !missing.isEmpty {
            let visits = ProjectRuns(r.projects, r.visits.count) { r.visits[$0].project }
            let issues = ProjectRuns(r.projects, r.issues.count) { r.issues[$0].project }
            var items: [ScheduleItem] = []
            var uncovered = Set<Int>()
            for p in r.projects.indices {
                items.removeAll(keepingCapacity: true)
                Schedule.items(for: r.projects[p], visits: visits.positions(p), issues: issues.positions(p), r,
                               into: &items, uncovered: &uncovered, openOn: today)
                for item in items {
                    years.insert(item.due.year)
                    missing.remove(item.due.year)
                }
                if missing.isEmpty { break }
            }
        }
        return years.filter { warns(about: $0) }.sorted()
    }
}

/// The positions of each project's records (its visits, or its issues), for the projects by
/// their position in `Records.projects`. Records grouped in runs of one project, in the
/// projects' own increasing id order (as the loader leaves them), are matched to the projects
/// in one pass of cheap comparisons; any other order is looked up in a table by id, as
/// `Schedule.positions` does.
struct ProjectRuns {
    /// For each project, its run of positions (sorted case).
    private var runs: [Range<Int>] = []
    /// The positions by project id (any other order).
    private var table: [ProjectID: [Int]]?
    private let ids: [ProjectID]

    init(_ projects: [Project], _ count: Int, _ project: (Int) -> ProjectID) {
        ids = projects.map(\.id)
        if let runs = Self.sortedRuns(ids, count, project) {
            self.runs = runs
        } else {
            table = Schedule.positions(count, project)
        }
    }

    func positions(_ p: Int) -> [Int] {
        if let table { return table[ids[p]] ?? [] }
        return Array(runs[p])
    }

    /// Each project's run, when the projects' ids increase strictly and the records come in
    /// runs of one project whose ids increase strictly too (so no project has two runs); nil
    /// otherwise.
    private static func sortedRuns(_ ids: [ProjectID], _ count: Int, _ project: (Int) -> ProjectID) -> [Range<Int>]? {
        for k in ids.indices.dropFirst() where !(ids[k - 1] < ids[k]) { return nil }
        var out = [Range<Int>](repeating: 0..<0, count: ids.count)
        var k = 0  // the project whose run is looked for
        var n = 0
        while n < count {
            let id = project(n)
            var end = n + 1
            while end < count, project(end) == id { end += 1 }
            // The next run's project comes after this one's: runs in increasing order.
            if end < count, !(id < project(end)) { return nil }
            while k < ids.count, ids[k] < id { k += 1 }
            if k < ids.count, ids[k] == id { out[k] = n..<end }
            n = end
        }
        return out
    }
}
