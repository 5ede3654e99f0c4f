/// The rules that need more than one record: references between records, duplicate ids,
/// and states that contradict each other. Per-file rules (syntax, types, enum values,
/// dates, ranges) are applied while reading; these run once everything is read.
public enum RecordCheck {
    public static func run(_ r: Records) -> [Finding] {
        var findings: [Finding] = []
        let departments = Set(r.config.departments.map(\.id))
        let departmentList = r.config.departments.map(\.id).joined(separator: ", ")
        func checkDepartment(_ id: String, _ at: SourceLocation) {
            if !departments.contains(id) {
                findings.append(Finding(at: at, message: "unknown department '\(id)'; known: \(departmentList)",
                                        hint: "use a department id from huifang.yaml, or add the department there"))
            }
        }

        let projects = Dictionary(r.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for p in r.projects { checkDepartment(p.department, p.departmentAt.in(p.location.path)) }

        findings += duplicates(r.visits.map { ($0.id.rawValue, $0.location) }, noun: "visit")
        findings += duplicates(r.issues.map { ($0.id.rawValue, $0.location) }, noun: "issue")
        findings += duplicates(r.improvements.map { ($0.id.rawValue, $0.location) }, noun: "improvement")

        var visitsByID: [VisitID: Visit] = [:]
        for v in r.visits where visitsByID[v.id] == nil { visitsByID[v.id] = v }
        var issuesByID: [IssueID: Issue] = [:]
        for i in r.issues where issuesByID[i.id] == nil { issuesByID[i.id] = i }
        let events = Set(r.events.map(\.id))

        for v in r.visits {
            let path = v.location.path
            if let e = v.event, !events.contains(e) {
                findings.append(Finding(at: v.eventAt.in(path), message: "unknown event '\(e)'",
                                        hint: "name a file of events/ without '.yaml', or add the event with 'huifang event add'"))
            }
            for id in v.issues {
                guard let issue = issuesByID[id] else {
                    findings.append(Finding(at: v.issuesAt.in(path), message: "unknown issue '\(id)'",
                                            hint: "remove it from 'issues:' or restore the issue's file"))
                    continue
                }
                if issue.project != v.project {
                    findings.append(Finding(at: v.issuesAt.in(path), message: "issue '\(id)' belongs to project '\(issue.project)', not '\(v.project)'",
                                            hint: "a visit lists the issues raised in it, in its own project"))
                }
            }
            if let p = projects[v.project], let accepted = p.accepted, v.date < accepted, v.kind != .stage {
                findings.append(Finding(.warning, at: v.location, message: "\(v.kind.rawValue) visit on \(v.date) is before the project's acceptance on \(accepted)",
                                        hint: "visits before acceptance are kind 'stage'; check the date"))
            }
        }

        for i in r.issues {
            let path = i.location.path
            checkDepartment(i.department, i.departmentAt.in(path))
            if let vid = i.visit {
                if let v = visitsByID[vid] {
                    if v.project != i.project {
                        findings.append(Finding(at: i.visitAt.in(path), message: "visit '\(vid)' belongs to project '\(v.project)', not '\(i.project)'"))
                    } else if !v.issues.contains(i.id) {
                        findings.append(Finding(.warning, at: i.visitAt.in(path), message: "visit '\(vid)' does not list this issue in its 'issues:'",
                                                hint: "add '\(i.id)' to the visit's 'issues:' list (\(v.location.path))"))
                    }
                } else {
                    findings.append(Finding(at: i.visitAt.in(path), message: "unknown visit '\(vid)'",
                                            hint: "name a visit of this project, or remove 'visit:'"))
                }
            }
            findings += lifecycle(i)
        }

        for m in r.improvements {
            checkDepartment(m.department, m.departmentAt.in(m.location.path))
            for id in m.addresses where issuesByID[id] == nil {
                findings.append(Finding(at: m.addressesAt.in(m.location.path), message: "unknown issue '\(id)' in 'addresses'",
                                        hint: "list ids of existing issues (any project)"))
            }
            if m.status == .verified, m.verified == nil {
                findings.append(Finding(at: m.location, message: "status is 'verified' but 'verified:' is missing",
                                        hint: "add 'verified: {date: YYYY-MM-DD, result: ...}' or use 'huifang improve verify'"))
            }
        }

        for e in r.events {
            for p in e.projects where projects[p] == nil {
                findings.append(Finding(at: e.projectsAt.in(e.location.path), message: "unknown project '\(p)'",
                                        hint: "list ids of folders under projects/"))
            }
        }
        for plan in r.plans {
            for item in plan.visits where projects[item.project] == nil {
                findings.append(Finding(.warning, at: plan.location, message: "plan names unknown project '\(item.project)'"))
            }
        }
        return findings
    }

    /// An issue's status must agree with what it records.
    static func lifecycle(_ i: Issue) -> [Finding] {
        var out: [Finding] = []
        let at = i.location
        if i.status != .open, i.resolved == nil {
            out.append(Finding(at: at, message: "status is '\(i.status.rawValue)' but 'resolved:' is missing",
                               hint: "add 'resolved: {date: YYYY-MM-DD, summary: ...}' or use 'huifang issue resolve'"))
        }
        if i.status == .confirmed || i.status == .closed, i.confirmed == nil {
            out.append(Finding(at: at, message: "status is '\(i.status.rawValue)' but 'confirmed:' is missing",
                               hint: "record the customer's confirmation with 'huifang issue confirm'"))
        }
        if i.status == .closed, i.severity == .major, i.caseAnalysis == nil {
            out.append(Finding(at: at, message: "a major issue is closed without a case analysis",
                               hint: "write the case analysis and add 'case_analysis: PATH'"))
        }
        if let r = i.resolved, r.date < i.raised {
            out.append(Finding(at: at, message: "resolved on \(r.date), before it was raised on \(i.raised)"))
        }
        if let c = i.confirmed, let r = i.resolved, c.date < r.date {
            out.append(Finding(at: at, message: "confirmed on \(c.date), before it was resolved on \(r.date)"))
        }
        if i.due < i.raised {
            out.append(Finding(at: at, message: "due \(i.due) is before raised \(i.raised)"))
        }
        return out
    }

    static func duplicates(_ ids: [(String, SourceLocation)], noun: String) -> [Finding] {
        var first: [String: SourceLocation] = [:]
        var out: [Finding] = []
        for (id, at) in ids {
            if let earlier = first[id] {
                out.append(Finding(at: at, message: "duplicate \(noun) id '\(id)' (also in \(earlier.path))",
                                   hint: "give one of them a new id (a merge or a copied file can cause this)"))
            } else {
                first[id] = at
            }
        }
        return out
    }
}
