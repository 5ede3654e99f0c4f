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
                findings.append(Finding(at: at, code: .unknownDepartment, values: ["id": id, "known": departmentList]))
            }
        }

        // Indices, not copies: a record is a dozen references, and there are 100,000 of them.
        var projects: [ProjectID: Int] = [:]
        projects.reserveCapacity(r.projects.count)
        for (n, p) in r.projects.enumerated() where projects[p.id] == nil { projects[p.id] = n }
        for p in r.projects { checkDepartment(p.department, p.departmentAt.in(p.location.path)) }

        /// The position of each id's first record; a second record with the same id is a finding.
        func positions<K>(_ count: Int, _ id: (Int) -> RecordID<K>, _ location: (Int) -> SourceLocation) -> [RecordID<K>: Int] {
            var byID: [RecordID<K>: Int] = [:]
            byID.reserveCapacity(count)
            for n in 0..<count {
                if let first = byID.updateValue(n, forKey: id(n)) {
                    byID[id(n)] = first
                    findings.append(Finding(at: location(n), code: .duplicateID, values: ["noun": K.noun, "id": id(n).rawValue, "other": location(first).path]))
                }
            }
            return byID
        }
        let visitsByID = positions(r.visits.count, { r.visits[$0].id }, { r.visits[$0].location })
        let issuesByID = positions(r.issues.count, { r.issues[$0].id }, { r.issues[$0].location })
        _ = positions(r.improvements.count, { r.improvements[$0].id }, { r.improvements[$0].location })
        let events = Set(r.events.map(\.id))
        var eventDates: [String: Day] = [:]
        for e in r.events where eventDates[e.id] == nil { eventDates[e.id] = e.date }
        // A reference to a record whose file cannot be read is not "unknown": the record is
        // there, and its own error (reported at its file) is what to fix.
        var unreadable: [UnreadableRecord.Kind: [String: String]] = [:]
        for u in r.unreadable { if let id = u.id { unreadable[u.kind, default: [:]][id] = u.path } }
        /// The finding for a reference to `id` when its file exists but cannot be read.
        func unreadableReference(_ kind: UnreadableRecord.Kind, _ id: String, at: SourceLocation) -> Finding? {
            guard let path = unreadable[kind]?[id] else { return nil }
            return Finding(.warning, at: at, code: .unreadableReference, values: ["noun": kind.rawValue, "id": id, "path": path])
        }
        let withdrawn = Set(r.withdrawnIssues.map(\.id))

        for n in r.visits.indices {
            let path = r.visits[n].location.path
            if let e = r.visits[n].event, !events.contains(e) {
                if let f = unreadableReference(.event, e, at: r.visits[n].eventAt.in(path)) {
                    findings.append(f)
                } else {
                    findings.append(Finding(at: r.visits[n].eventAt.in(path), code: .unknownEvent, values: ["event": e]))
                }
            } else if let e = r.visits[n].event, let day = eventDates[e], r.visits[n].date < day {
                // A visit moved (visit amend --date) before the event it follows.
                findings.append(Finding(.warning, at: r.visits[n].eventAt.in(path),
                                        code: .visitBeforeEvent,
                                        values: ["date": r.visits[n].date.description, "event": e, "eventDate": day.description, "visit": r.visits[n].id.rawValue]))
            }
            for id in r.visits[n].issues {
                guard let issue = issuesByID[id] else {
                    if withdrawn.contains(id) { continue }
                    if let f = unreadableReference(.issue, id.rawValue, at: r.visits[n].issuesAt.in(path)) {
                        findings.append(f)
                        continue
                    }
                    findings.append(Finding(at: r.visits[n].issuesAt.in(path), code: .unknownIssue, values: ["issue": id.rawValue]))
                    continue
                }
                if r.issues[issue].project != r.visits[n].project {
                    findings.append(Finding(at: r.visits[n].issuesAt.in(path),
                                            code: .issueOfOtherProject,
                                            values: ["issue": id.rawValue, "project": r.issues[issue].project.rawValue, "own": r.visits[n].project.rawValue]))
                } else if let other = r.issues[issue].visit, other != r.visits[n].id {
                    // The list is derived from the issues' 'visit:'; one written in a visit file
                    // (as earlier versions did) must not contradict it.
                    findings.append(Finding(.warning, at: r.visits[n].issuesAt.in(path),
                                            code: .issueRaisedElsewhere, values: ["issue": id.rawValue, "visit": other.rawValue]))
                }
            }
            let date = r.visits[n].date
            let kind = r.visits[n].kind
            if kind != .stage, let p = projects[r.visits[n].project], let accepted = r.projects[p].accepted, date < accepted {
                findings.append(Finding(.warning, at: r.visits[n].location, code: .visitBeforeAcceptance,
                                        values: ["kind": kind.rawValue, "date": date.description, "accepted": accepted.description]))
            }
        }

        for n in r.issues.indices {
            let path = r.issues[n].location.path
            checkDepartment(r.issues[n].department, r.issues[n].departmentAt.in(path))
            if let vid = r.issues[n].visit {
                let at = r.issues[n].visitAt.in(path)
                if let v = visitsByID[vid] {
                    if r.visits[v].project != r.issues[n].project {
                        findings.append(Finding(at: at, code: .visitOfOtherProject,
                                                values: ["visit": vid.rawValue, "project": r.visits[v].project.rawValue, "own": r.issues[n].project.rawValue]))
                    }
                } else if let f = unreadableReference(.visit, vid.rawValue, at: at) {
                    findings.append(f)
                } else if let v = r.visit(prefixed: vid, project: r.issues[n].project) {
                    findings.append(Finding(.warning, at: at, code: .visitPrefix, values: ["visit": vid.rawValue, "full": v.id.rawValue]))
                } else {
                    findings.append(Finding(at: at, code: .unknownVisit, values: ["visit": vid.rawValue]))
                }
            }
            lifecycle(r.issues[n], into: &findings)
        }

        duplicates(r, into: &findings)

        for m in r.improvements {
            checkDepartment(m.department, m.departmentAt.in(m.location.path))
            for id in m.addresses where issuesByID[id] == nil && !withdrawn.contains(id) {
                if let f = unreadableReference(.issue, id.rawValue, at: m.addressesAt.in(m.location.path)) {
                    findings.append(f)
                    continue
                }
                findings.append(Finding(at: m.addressesAt.in(m.location.path), code: .unknownAddressedIssue, values: ["issue": id.rawValue]))
            }
            if m.status == .verified, m.verified == nil {
                findings.append(Finding(at: m.location, code: .verifiedMissing))
            }
        }

        // An event's tag that no project has calls for no visit: a typo would drop every
        // special visit it should bring without a word.
        var tags: Set<String> = []
        for p in r.projects { tags.formUnion(p.tags) }
        for e in r.events {
            for t in e.tags where !tags.contains(t) {
                findings.append(Finding(.warning, at: e.location, code: .eventUnknownTag, values: ["tag": t]))
            }
            for p in e.projects where projects[p] == nil {
                if let f = unreadableReference(.project, p.rawValue, at: e.projectsAt.in(e.location.path)) {
                    findings.append(f)
                    continue
                }
                findings.append(Finding(at: e.projectsAt.in(e.location.path), code: .unknownProject, values: ["project": p.rawValue]))
            }
        }
        for plan in r.plans {
            for item in plan.visits where projects[item.project] == nil {
                if let f = unreadableReference(.project, item.project.rawValue, at: plan.location) {
                    findings.append(f)
                    continue
                }
                findings.append(Finding(.warning, at: plan.location, code: .planUnknownProject, values: ["project": item.project.rawValue]))
            }
            // A department's own plan holds its own projects.
            if let department = plan.department {
                for item in plan.visits {
                    guard let n = projects[item.project], case let p = r.projects[n], p.department != department else { continue }
                    findings.append(Finding(.warning, at: plan.location, code: .planOtherDepartment,
                                            values: ["department": department, "project": item.project.rawValue, "owner": p.department]))
                }
            }
        }
        findings += riskFindings(r)
        return findings
    }

    /// The same visit logged twice (same project, date, method and summary), and open issues
    /// of one project with the same title: warnings, as `visit log` and `issue add` give them.
    static func duplicates(_ r: Records, into out: inout [Finding]) {
        // Visits come sorted by project and date: only neighbours can be the same visit.
        var runStart = 0
        for n in r.visits.indices {
            if n > runStart, r.visits[n].project != r.visits[runStart].project || r.visits[n].date != r.visits[runStart].date {
                runStart = n
            }
            for m in runStart..<n where r.visits[m].method == r.visits[n].method && r.visits[m].summary == r.visits[n].summary
                && r.visits[m].project == r.visits[n].project && r.visits[m].date == r.visits[n].date
            {
                out.append(Finding(.warning, at: r.visits[n].location,
                                   code: .duplicateVisit, values: ["other": r.visits[m].id.rawValue, "otherPath": r.visits[m].location.path]))
                break
            }
        }
        struct Key: Hashable {
            var project: ProjectID
            var title: String
        }
        var firstOpen: [Key: Int] = [:]
        for n in r.issues.indices where r.issues[n].isOpen {
            let key = Key(project: r.issues[n].project, title: r.issues[n].title)
            if let first = firstOpen[key] {
                out.append(Finding(.warning, at: r.issues[n].location,
                                   code: .duplicateIssueTitle, values: ["other": r.issues[first].id.rawValue, "issue": r.issues[n].id.rawValue]))
            } else {
                firstOpen[key] = n
            }
        }
    }

    /// An issue's status must agree with what it records.
    static func lifecycle(_ i: borrowing Issue, into out: inout [Finding]) {
        let at = i.location
        if i.status != .open, i.resolved == nil {
            out.append(Finding(at: at, code: .resolvedMissing, values: ["status": i.status.rawValue]))
        }
        if i.status == .confirmed || i.status == .closed, i.confirmed == nil {
            out.append(Finding(at: at, code: .confirmedMissing, values: ["status": i.status.rawValue]))
        }
        if i.status == .open, i.resolved != nil || i.confirmed != nil {
            out.append(Finding(.warning, at: at, code: .openWithResolution, values: ["block": i.resolved != nil ? "resolved" : "confirmed"]))
        }
        if i.status == .closed, i.severity == .major, i.caseAnalysis == nil {
            out.append(Finding(at: at, code: .majorWithoutCaseAnalysis))
        }
        if let r = i.resolved, r.date < i.raised {
            out.append(Finding(at: at, code: .resolvedBeforeRaised, values: ["resolved": r.date.description, "raised": i.raised.description]))
        }
        if let c = i.confirmed, let r = i.resolved, c.date < r.date {
            out.append(Finding(at: at, code: .confirmedBeforeResolved, values: ["confirmed": c.date.description, "resolved": r.date.description]))
        }
        if i.due < i.raised {
            out.append(Finding(at: at, code: .dueBeforeRaised,
                               values: ["due": i.due.description, "raised": i.raised.description]))
        }
    }
}
