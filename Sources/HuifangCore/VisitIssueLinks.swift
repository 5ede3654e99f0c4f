/// The link between a visit and the issues raised in it lives in each issue (`visit:`), so that
/// two branches adding issues to one visit never edit the same file. A visit's `issues` list is
/// derived when the records are read: what its file lists (repositories written by earlier
/// versions kept the list there) followed by every issue of its project that names it, in
/// issue order.
extension Records {
    /// Fills in the visits' `issues`. The visits must be grouped by project in project order, as
    /// the loader leaves them; issues in project order take one pass over both arrays (issues out
    /// of that order are found all the same, with a search from the start).
    public mutating func deriveVisitIssues() {
        let count = visits.count
        var first = 0  // the first visit of the project of the issue before
        visits.withUnsafeMutableBufferPointer { visits in
            for n in issues.indices {
                guard let vid = issues[n].visit else { continue }
                let project = issues[n].project
                if first == count || visits[first].project != project {
                    // Back to the start only for an issue out of project order.
                    if first > 0, project <= visits[first - 1].project { first = 0 }
                    while first < count, visits[first].project < project { first += 1 }
                }
                var v = first
                while v < count, visits[v].project == project, visits[v].id != vid { v += 1 }
                if v == count || visits[v].project != project {
                    // Not found: a hand-written unique prefix of a visit's id names it too.
                    guard let p = Self.visit(prefixed: vid, from: first, project: project, in: UnsafeBufferPointer(visits)) else { continue }
                    v = p
                }
                if !visits[v].issues.contains(issues[n].id) { visits[v].issues.append(issues[n].id) }
            }
        }
    }

    /// The one visit of `project`, among those from `first` on, whose id starts with `prefix`.
    static func visit(prefixed prefix: VisitID, from first: Int, project: ProjectID, in visits: UnsafeBufferPointer<Visit>) -> Int? {
        var found: Int?
        var v = first
        while v < visits.count, visits[v].project == project {
            if visits[v].id.rawValue.hasPrefix(prefix.rawValue) {
                if found != nil { return nil }
                found = v
            }
            v += 1
        }
        return found
    }

    /// The one visit of `project` whose id starts with `prefix` (visits in any order).
    public func visit(prefixed prefix: VisitID, project: ProjectID) -> Visit? {
        var found: Visit?
        for v in visits where v.project == project && v.id.rawValue.hasPrefix(prefix.rawValue) {
            if found != nil { return nil }
            found = v
        }
        return found
    }
}
