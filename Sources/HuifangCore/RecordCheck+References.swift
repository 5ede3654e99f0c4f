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

        func project(_ id: ProjectID) -> Int? { projects.position(of: id.rawValue) { r.projects[$0].id == id } }
        func visit(_ id: VisitID) -> Int? { visitsByID.position(of: id.rawValue) { r.visits[$0].id == id } }
        func issue(_ id: IssueID) -> Int? { issuesByID.position(of: id.rawValue) { r.issues[$0].id == id } }

        /// The finding for a reference to `id` when its file exists but cannot be read.
        func unreadableReference(_ kind: UnreadableRecord.Kind, _ id: String, at: SourceLocation) -> Finding? {
            guard let path = unreadable[kind]?[id] else { return nil }
            return Finding(.warning, at: at, code: .unreadableReference, values: ["noun": kind.rawValue, "id": id, "path": path])
        }

        /// The rules of the visits in `range`: the event and issues they name, and a visit before
        /// its project's acceptance.
        func visitFindings(_ range: Range<Int>) -> [Finding] {
            var findings: [Finding] = []
            // Visits come grouped by project: the project of the visit before is looked up once.
            var lastProject: (id: ProjectID, position: Int?)?
            for n in range {
                let path = r.visits[n].location.path
                if let e = r.visits[n].event {
                    if let day = eventDates[e] {
                        if r.visits[n].date < day {
                            // A visit moved (visit amend --date) before the event it follows.
                            findings.append(Finding(.warning, at: r.visits[n].eventAt.in(path),
                                                    code: .visitBeforeEvent,
                                                    values: ["date": r.visits[n].date.description, "event": e, "eventDate": day.description, "visit": r.visits[n].id.rawValue]))
                        }
                    } else if let f = unreadableReference(.event, e, at: r.visits[n].eventAt.in(path)) {
                        findings.append(f)
                    } else {
                        findings.append(Finding(at: r.visits[n].eventAt.in(path), code: .unknownEvent, values: ["event": e]))
                    }
                }
                for id in r.visits[n].issues {
                    guard let issue = issue(id) else {
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
                let kind = r.visits[n].kind
                guard kind != .stage else { continue }
                let own = r.visits[n].project
                let p: Int?
                if let last = lastProject, last.id == own {
                    p = last.position
                } else {
                    p = project(own)
                    lastProject = (own, p)
                }
                let date = r.visits[n].date
                if let p, let accepted = r.projects[p].accepted, date < accepted {
                    findings.append(Finding(.warning, at: r.visits[n].location, code: .visitBeforeAcceptance,
                                            values: ["kind": kind.rawValue, "date": date.description, "accepted": accepted.description]))
                }
            }
            return findings
        }

        /// The rules of the issues in `range`: their department, the visit they name, and their
        /// state against what they record.
        func issueFindings(_ range: Range<Int>) -> [Finding] {
            var findings: [Finding] = []
            for n in range {
                let path = r.issues[n].location.path
                if !departments.contains(r.issues[n].department) {
                    findings.append(departments.unknown(r.issues[n].department, r.issues[n].departmentAt.in(path)))
                }
                if let vid = r.issues[n].visit {
                    let at = r.issues[n].visitAt.in(path)
                    if let v = visit(vid) {
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
            return findings
        }
    }
}
