import HuifangCore
import HuifangReport

/// Events whose projects or tags name no project: the special visits they should bring are
/// in no schedule, so every command that reads the records says so (`check` and `status`
/// report findings of their own). One warning per name.
enum EventTargets {
    static func warn(_ r: Records) {
        guard !r.events.isEmpty else { return }
        // The tables are made only when an event names a project or a tag: most name a few tags
        // (or none), and the projects are thousands.
        let ids = r.events.contains { !$0.projects.isEmpty } ? Set(r.projects.map(\.id)) : []
        let tags = r.projectTagsNamedByEvents
        let c = MessageLanguage.catalogue
        for e in r.events.sorted(by: { $0.location.path < $1.location.path }) {
            for p in e.projects where !ids.contains(p) {
                Warnings.add(c.text("warning.event-unknown-project", ["path": e.location.path, "project": p.rawValue]))
            }
            for t in e.tags where !tags.contains(t) {
                Warnings.add(c.text("warning.event-unknown-tag", ["path": e.location.path, "tag": t]))
            }
        }
    }
}

/// A frozen plan (`plans/YEAR.yaml`) naming a project that does not exist (typed wrong by
/// hand, or a project renamed since): its visits count as planned and never made, so the
/// visit-plan completion rate of every report over that year falls, and `check` only warns.
/// A report whose period lies in the plan's year says so.
enum PlanTargets {
    static func warn(_ r: Records, period: Period) {
        guard !r.plans.isEmpty else { return }
        let ids = Set(r.projects.map(\.id))
        let c = MessageLanguage.catalogue
        for plan in r.plans.sorted(by: { $0.location.path < $1.location.path })
        where (period.start.year...period.end.year).contains(plan.year) {
            var said: Set<ProjectID> = []
            for item in plan.visits where !ids.contains(item.project) && said.insert(item.project).inserted {
                Warnings.add(c.text("warning.plan-unknown-project", ["path": plan.location.path, "project": item.project.rawValue]))
            }
        }
    }
}

/// An issue whose status contradicts what it records (`status: resolved` without
/// `resolved:`, `confirmed` or `closed` without `confirmed:`, written by hand): `check`
/// reports it as an error, but it is read, and no answer can place it rightly: `status` and
/// `due` leave it out (it is not open, and no confirmation is due without a resolution) while
/// the reports count it as open. Every command that reads the records says so.
enum IssueStates {
    /// One pass over the issues, by position (an issue is a dozen references, and every
    /// command that reads the records makes this pass), for its own warnings and `IssueDue`'s.
    static func warn(_ r: Records) {
        let c = MessageLanguage.catalogue
        let issues = r.issues
        var states: [String] = []
        var due: [String] = []
        var resolvedEarly: [String] = []
        for n in issues.indices {
            let status = issues[n].status
            if status != .open, issues[n].resolved == nil {
                states.append(c.text("warning.issue-state", ["path": issues[n].location.path, "status": status.rawValue, "block": "resolved"]))
            } else if status == .confirmed || status == .closed, issues[n].confirmed == nil {
                states.append(c.text("warning.issue-state", ["path": issues[n].location.path, "status": status.rawValue, "block": "confirmed"]))
            }
            if let d = IssueDue.dueBeforeRaised(issues[n], c) { due.append(d) }
            if let d = IssueDue.resolvedBeforeRaised(issues[n], c) { resolvedEarly.append(d) }
        }
        for text in states + due + resolvedEarly { Warnings.add(text) }
    }
}

/// An issue due before it was raised (`due:` typed wrong by hand): `check` reports it as an
/// error, but every other command computed with it as written: overdue from the day it was
/// raised, resolved late, its share of time used past 100%. Every command that reads the
/// records says so (in `IssueStates`' pass).
enum IssueDue {
    static func dueBeforeRaised(_ i: borrowing Issue, _ c: Catalogue) -> String? {
        guard i.due < i.raised else { return nil }
        return c.text("warning.issue-due-before-raised", ["path": i.location.path, "due": i.due.description, "raised": i.raised.description])
    }

    /// Resolved before it was raised (typed by hand): `check`'s error; the reports counted it
    /// resolved and on time, in no working days, without a word.
    static func resolvedBeforeRaised(_ i: borrowing Issue, _ c: Catalogue) -> String? {
        guard let resolved = i.resolved?.date, resolved < i.raised else { return nil }
        return c.text("warning.issue-resolved-before-raised",
                      ["path": i.location.path, "resolved": resolved.description, "raised": i.raised.description])
    }
}

/// An issue raised in a visit whose file lies in another project's folder: a visit file
/// moved (or copied and deleted) into the wrong `projects/PID/visits/`. Records name their
/// project by their folder alone, so the visit counts for the project whose folder holds it
/// (its schedule, satisfaction, KPIs) while its issue counts for its own; `check` reports it as
/// an error, and every other command says so. (A visit moved with no issue naming it leaves no
/// trace in the records: git shows the move.)
enum VisitFolders {
    static func warn(_ r: Records) {
        let c = MessageLanguage.catalogue
        // Read in place (a visit or an issue is a dozen references, and there are tens of
        // thousands). Visits come grouped by project, in project order (the loader's), and so do
        // issues: a project's visits are found once per run of its issues, not once per issue.
        r.visits.withUnsafeBufferPointer { visits in
            r.issues.withUnsafeBufferPointer { issues in
                var runProject: ProjectID?
                var own = 0..<0
                for n in issues.indices {
                    guard let vid = issues[n].visit else { continue }
                    if issues[n].project != runProject {
                        let project = issues[n].project
                        var lo = 0
                        var hi = visits.count
                        while lo < hi {
                            let mid = (lo + hi) / 2
                            if visits[mid].project < project { lo = mid + 1 } else { hi = mid }
                        }
                        var end = lo
                        while end < visits.count, visits[end].project == project { end += 1 }
                        own = lo..<end
                        runProject = project
                    }
                    // Its own id among its project's visits (the rule is a prefix; the id itself
                    // is the common case, and the cheaper test).
                    if own.contains(where: { visits[$0].id == vid }) || own.contains(where: { visits[$0].id.rawValue.hasPrefix(vid.rawValue) }) {
                        continue
                    }
                    // Not among its project's visits: another project's folder holds it (else it is unknown, check's finding).
                    guard let other = visits.first(where: { $0.id == vid }) else { continue }
                    Warnings.add(c.text("warning.visit-other-folder", [
                        "path": issues[n].location.path, "visit": vid.rawValue, "visitPath": other.location.path,
                        "project": other.project.rawValue, "own": issues[n].project.rawValue,
                    ]))
                }
            }
        }
    }
}

/// What every command that reads the records warns about (but `check`, which reports these
/// records as findings): records that are read, yet would change an answer without a word.
enum ReadWarnings {
    static func warn(_ r: Records) {
        EventTargets.warn(r)
        IssueStates.warn(r)
        VisitFolders.warn(r)
    }
}
