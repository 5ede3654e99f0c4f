extension RecordCheck {
    /// The departments of huifang.yaml, as `check` asks of every project, issue and improvement.
    /// A handful: compared one by one (no hashing) unless there are many.
    struct Departments: Sendable {
        let ids: [String]
        let set: Set<String>?
        let list: String

        init(_ ids: [String]) {
            self.ids = ids
            set = ids.count > 16 ? Set(ids) : nil
            list = ids.joined(separator: ", ")
        }

        func contains(_ id: String) -> Bool {
            if let set { return set.contains(id) }
            for d in ids where d == id { return true }
            return false
        }

        func unknown(_ id: String, _ at: SourceLocation) -> Finding {
            Finding(at: at, code: .unknownDepartment, values: ["id": id, "known": list])
        }
    }

    /// What the rules of each record look up, made once and read by every worker thread.
    struct References: Sendable {
        let r: Records
        let departments: Departments
        /// Positions in `r.projects`, `r.visits` and `r.issues` by id (the first record of an id).
        let projects: IDTable
        let visitsByID: IDTable
        let issuesByID: IDTable
        /// Each event's date by id (the first event of an id).
        let eventDates: [String: Day]
        /// Records whose files cannot be read, by kind and id: their paths.
        let unreadable: [UnreadableRecord.Kind: [String: String]]
        let withdrawn: Set<IssueID>

        func project(_ id: ProjectID) -> Int? { r.projects.withUnsafeBufferPointer { project(id, $0) } }
        func issue(_ id: IssueID) -> Int? { r.issues.withUnsafeBufferPointer { issue(id, $0) } }
        // Over the records in place (a closure over `r.visits[$0]` would copy each record it reads).
        func project(_ id: ProjectID, _ projects: UnsafeBufferPointer<Project>) -> Int? {
            self.projects.position(of: id.rawValue) { projects[$0].id == id }
        }
        func visit(_ id: VisitID, _ visits: UnsafeBufferPointer<Visit>) -> Int? { visitsByID.position(of: id.rawValue) { visits[$0].id == id } }
        func issue(_ id: IssueID, _ issues: UnsafeBufferPointer<Issue>) -> Int? { issuesByID.position(of: id.rawValue) { issues[$0].id == id } }

        /// The finding for a reference to `id` when its file exists but cannot be read.
        func unreadableReference(_ kind: UnreadableRecord.Kind, _ id: String, at: SourceLocation) -> Finding? {
            guard let path = unreadable[kind]?[id] else { return nil }
            return Finding(.warning, at: at, code: .unreadableReference, values: ["noun": kind.rawValue, "id": id, "path": path])
        }

        /// The rules of the visits in `range`: the event and issues they name, and a visit before
        /// its project's acceptance.
        func visitFindings(_ range: Range<Int>) -> [Finding] {
            r.visits.withUnsafeBufferPointer { visits in
                r.issues.withUnsafeBufferPointer { issues in
                    r.projects.withUnsafeBufferPointer { projects in visitFindings(range, visits, issues, projects) }
                }
            }
        }

        func visitFindings(_ range: Range<Int>, _ visits: UnsafeBufferPointer<Visit>, _ issues: UnsafeBufferPointer<Issue>,
                           _ projects: UnsafeBufferPointer<Project>) -> [Finding] {
            var findings: [Finding] = []
            // Visits come grouped by project: the project of the visit before is looked up once.
            var lastProject: (id: ProjectID, position: Int?)?
            for n in range {
                if let e = visits[n].event {
                    if let day = eventDates[e] {
                        if visits[n].date < day {
                            // A visit moved (visit amend --date) before the event it follows.
                            findings.append(Finding(.warning, at: visits[n].eventAt.in(visits[n].location.path),
                                                    code: .visitBeforeEvent,
                                                    values: ["date": visits[n].date.description, "event": e, "eventDate": day.description, "visit": visits[n].id.rawValue]))
                        }
                    } else if let f = unreadableReference(.event, e, at: visits[n].eventAt.in(visits[n].location.path)) {
                        findings.append(f)
                    } else {
                        findings.append(Finding(at: visits[n].eventAt.in(visits[n].location.path), code: .unknownEvent, values: ["event": e]))
                    }
                }
                for id in visits[n].issues {
                    guard let found = issue(id, issues) else {
                        if withdrawn.contains(id) { continue }
                        if let f = unreadableReference(.issue, id.rawValue, at: visits[n].issuesAt.in(visits[n].location.path)) {
                            findings.append(f)
                            continue
                        }
                        findings.append(Finding(at: visits[n].issuesAt.in(visits[n].location.path), code: .unknownIssue, values: ["issue": id.rawValue]))
                        continue
                    }
                    if issues[found].project != visits[n].project {
                        findings.append(Finding(at: visits[n].issuesAt.in(visits[n].location.path),
                                                code: .issueOfOtherProject,
                                                values: ["issue": id.rawValue, "project": issues[found].project.rawValue, "own": visits[n].project.rawValue]))
                    } else if let other = issues[found].visit, other != visits[n].id {
                        // The list is derived from the issues' 'visit:'; one written in a visit file
                        // (as earlier versions did) must not contradict it.
                        findings.append(Finding(.warning, at: visits[n].issuesAt.in(visits[n].location.path),
                                                code: .issueRaisedElsewhere, values: ["issue": id.rawValue, "visit": other.rawValue]))
                    }
                }
                let kind = visits[n].kind
                guard kind != .stage else { continue }
                let own = visits[n].project
                let p: Int?
                if let last = lastProject, last.id == own {
                    p = last.position
                } else {
                    p = project(own, projects)
                    lastProject = (own, p)
                }
                let date = visits[n].date
                if let p, let accepted = projects[p].accepted, date < accepted {
                    findings.append(Finding(.warning, at: visits[n].location, code: .visitBeforeAcceptance,
                                            values: ["kind": kind.rawValue, "date": date.description, "accepted": accepted.description]))
                }
            }
            return findings
        }

        /// The rules of the issues in `range`: their department, the visit they name, and their
        /// state against what they record.
        func issueFindings(_ range: Range<Int>) -> [Finding] {
            r.visits.withUnsafeBufferPointer { visits in
                r.issues.withUnsafeBufferPointer { issues in issueFindings(range, visits, issues) }
            }
        }

        func issueFindings(_ range: Range<Int>, _ visits: UnsafeBufferPointer<Visit>, _ issues: UnsafeBufferPointer<Issue>) -> [Finding] {
            var findings: [Finding] = []
            for n in range {
                if !departments.contains(issues[n].department) {
                    findings.append(departments.unknown(issues[n].department, issues[n].departmentAt.in(issues[n].location.path)))
                }
                if let vid = issues[n].visit {
                    // The place only when there is something to say (it retains the path).
                    var at: SourceLocation { issues[n].visitAt.in(issues[n].location.path) }
                    if let v = visit(vid, visits) {
                        if visits[v].project != issues[n].project {
                            findings.append(Finding(at: at, code: .visitOfOtherProject,
                                                    values: ["visit": vid.rawValue, "project": visits[v].project.rawValue, "own": issues[n].project.rawValue]))
                        }
                    } else if let f = unreadableReference(.visit, vid.rawValue, at: at) {
                        findings.append(f)
                    } else if let v = r.visit(prefixed: vid, project: issues[n].project) {
                        findings.append(Finding(.warning, at: at, code: .visitPrefix, values: ["visit": vid.rawValue, "full": v.id.rawValue]))
                    } else {
                        findings.append(Finding(at: at, code: .unknownVisit, values: ["visit": vid.rawValue]))
                    }
                }
                lifecycle(issues.baseAddress! + n, into: &findings)
            }
            return findings
        }
    }
}
