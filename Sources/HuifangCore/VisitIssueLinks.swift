/// The link between a visit and the issues raised in it lives in each issue (`visit:`), so that
/// two branches adding issues to one visit never edit the same file. A visit's `issues` list is
/// derived when the records are read: what its file lists (repositories written before kept the
/// list there) followed by every issue of its project that names it, in path order.
extension Records {
    public mutating func deriveVisitIssues() {
        guard issues.contains(where: { $0.visit != nil }) else { return }
        // The visits of each project, as runs of the visits array (sorted by project when read).
        var runs: [ProjectID: Range<Int>] = [:]
        var contiguous = true
        var start = 0
        for n in visits.indices where n + 1 == visits.count || visits[n + 1].project != visits[n].project {
            if runs.updateValue(start..<(n + 1), forKey: visits[n].project) != nil { contiguous = false }
            start = n + 1
        }
        if !contiguous {
            // Not grouped by project (records assembled by hand): one slower pass.
            for n in issues.indices {
                guard let vid = issues[n].visit,
                    let v = visits.firstIndex(where: { $0.id == vid && $0.project == issues[n].project })
                else { continue }
                if !visits[v].issues.contains(issues[n].id) { visits[v].issues.append(issues[n].id) }
            }
            return
        }
        for n in issues.indices {
            guard let vid = issues[n].visit, let run = runs[issues[n].project] else { continue }
            for v in run where visits[v].id == vid {
                if !visits[v].issues.contains(issues[n].id) { visits[v].issues.append(issues[n].id) }
                break
            }
        }
    }
}
