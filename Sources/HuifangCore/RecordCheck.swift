/// The rules that need more than one record: references between records, duplicate ids,
/// and states that contradict each other. Per-file rules (syntax, types, enum values,
/// dates, ranges) are applied while reading; these run once everything is read.
public enum RecordCheck {
    /// Id tables already made of the records given to `run`, positions by id, each of a kind
    /// whose records hold no id twice (`RepositoryLoader` makes them as it leaves out duplicate
    /// ids): `run` then need not make them again. Nil: `run` makes it.
    public struct KnownIDs: Sendable {
        public var visits: IDTable?
        public var issues: IDTable?
        public var improvements: IDTable?

        public init() {}
    }

    /// The rules over `r`; the rules of each visit and issue run on `threads` threads in chunks
    /// of records, their findings put back in record order (the same list on one thread or many).
    public static func run(_ r: Records, threads: Int = Parallel.defaultThreads, known: KnownIDs = KnownIDs()) -> [Finding] {
        var findings: [Finding] = []
        let departments = Departments(r.config.departments.map(\.id))
        func checkDepartment(_ id: String, _ at: SourceLocation) {
            if !departments.contains(id) { findings.append(departments.unknown(id, at)) }
        }

        // Positions, not copies: a record is a dozen references, and there are 100,000 of them.
        // The tables hash an id's bytes (`IDTable`), not the `String` (`Hasher`).
        var projects = IDTable(capacity: r.projects.count)
        r.projects.withUnsafeBufferPointer { b in
            for n in b.indices {
                _ = projects.first(b[n].id.rawValue, at: n) { b[$0].id == b[n].id }
                checkDepartment(b[n].department, b[n].departmentAt.in(b[n].location.path))
            }
        }

        /// The position of each id's first record; a second record with the same id is a finding.
        /// Ids read in place through the buffer: a closure over each record would copy it.
        func positions<T, K>(_ items: [T], _ id: (UnsafeBufferPointer<T>, Int) -> RecordID<K>,
                             _ location: (UnsafeBufferPointer<T>, Int) -> SourceLocation) -> IDTable {
            items.withUnsafeBufferPointer { b in
                var byID = IDTable(capacity: b.count)
                for n in b.indices {
                    let key = id(b, n)
                    if let first = byID.first(key.rawValue, at: n, sameAs: { id(b, $0) == key }) {
                        findings.append(Finding(at: location(b, n), code: .duplicateID,
                                                values: ["noun": K.noun, "id": key.rawValue, "other": location(b, first).path]))
                    }
                }
                return byID
            }
        }
        let visitsByID = known.visits ?? positions(r.visits, { $0[$1].id }, { $0[$1].location })
        let issuesByID = known.issues ?? positions(r.issues, { $0[$1].id }, { $0[$1].location })
        if known.improvements == nil { _ = positions(r.improvements, { $0[$1].id }, { $0[$1].location }) }
        var eventDates: [String: Day] = [:]
        for e in r.events where eventDates[e.id] == nil { eventDates[e.id] = e.date }
        // A reference to a record whose file cannot be read is not "unknown": the record is
        // there, and its own error (reported at its file) is what to fix.
        var unreadable: [UnreadableRecord.Kind: [String: String]] = [:]
        for u in r.unreadable { if let id = u.id { unreadable[u.kind, default: [:]][id] = u.path } }
        let refs = References(r: r, departments: departments, projects: projects, visitsByID: visitsByID, issuesByID: issuesByID,
                              eventDates: eventDates, unreadable: unreadable, withdrawn: Set(r.withdrawnIssues.map(\.id)))

        // Each visit and each issue on its own: in chunks on the worker threads, joined in order.
        let visitParts = Parallel.mapChunks(r.visits.count, threads: threads) { range, _ in refs.visitFindings(range) }
        let issueParts = Parallel.mapChunks(r.issues.count, threads: threads) { range, _ in refs.issueFindings(range) }
        for part in visitParts { findings += part }
        for part in issueParts { findings += part }

        duplicates(r, into: &findings)

        for m in r.improvements {
            checkDepartment(m.department, m.departmentAt.in(m.location.path))
            for id in m.addresses where refs.issue(id) == nil && !refs.withdrawn.contains(id) {
                if let f = refs.unreadableReference(.issue, id.rawValue, at: m.addressesAt.in(m.location.path)) {
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
        let tags = r.projectTagsNamedByEvents
        for e in r.events {
            for t in e.tags where !tags.contains(t) {
                findings.append(Finding(.warning, at: e.location, code: .eventUnknownTag, values: ["tag": t]))
            }
            for p in e.projects where refs.project(p) == nil {
                if let f = refs.unreadableReference(.project, p.rawValue, at: e.projectsAt.in(e.location.path)) {
                    findings.append(f)
                    continue
                }
                findings.append(Finding(at: e.projectsAt.in(e.location.path), code: .unknownProject, values: ["project": p.rawValue]))
            }
        }
        for plan in r.plans {
            for item in plan.visits where refs.project(item.project) == nil {
                if let f = refs.unreadableReference(.project, item.project.rawValue, at: plan.location) {
                    findings.append(f)
                    continue
                }
                findings.append(Finding(.warning, at: plan.location, code: .planUnknownProject, values: ["project": item.project.rawValue]))
            }
            // A department's own plan holds its own projects.
            if let department = plan.department {
                for item in plan.visits {
                    guard let n = refs.project(item.project), case let p = r.projects[n], p.department != department else { continue }
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
        // In place through the buffers: reading a record through the array copied it.
        r.visits.withUnsafeBufferPointer { visits in
            // Visits come sorted by project and date: only neighbours can be the same visit.
            var runStart = 0
            for n in visits.indices {
                // The dates first: they tell neighbours apart without comparing strings.
                if n > runStart, visits[n].date != visits[runStart].date || visits[n].project != visits[runStart].project {
                    runStart = n
                }
                for m in runStart..<n where visits[m].date == visits[n].date && visits[m].method == visits[n].method
                    && visits[m].project == visits[n].project && visits[m].summary == visits[n].summary
                {
                    out.append(Finding(.warning, at: visits[n].location,
                                       code: .duplicateVisit, values: ["other": visits[m].id.rawValue, "otherPath": visits[m].location.path]))
                    break
                }
            }
        }
        struct Key: Hashable {
            var project: ProjectID
            var title: String
        }
        var firstOpen: [Key: Int] = [:]
        r.issues.withUnsafeBufferPointer { issues in
            // Room for every open issue at once: growing the table hashes each title again, and
            // hashing a title (normalized text) is what this rule costs.
            var open = 0
            for n in issues.indices where issues[n].status == .open { open += 1 }
            firstOpen.reserveCapacity(open)
            // `isOpen`, by the field: a call on the whole issue copies it.
            for n in issues.indices where issues[n].status == .open {
                let key = Key(project: issues[n].project, title: issues[n].title)
                if let first = firstOpen[key] {
                    out.append(Finding(.warning, at: issues[n].location,
                                       code: .duplicateIssueTitle, values: ["other": issues[first].id.rawValue, "issue": issues[n].id.rawValue]))
                } else {
                    firstOpen[key] = n
                }
            }
        }
    }

    /// An issue's status must agree with what it records. Read in place through the pointer
    /// (passing the issue, even `borrowing`, copied it), its place only for a finding.
    static func lifecycle(_ i: UnsafePointer<Issue>, into out: inout [Finding]) {
        let status = i.pointee.status
        let resolved = i.pointee.resolved?.date
        let confirmed = i.pointee.confirmed?.date
        let raised = i.pointee.raised
        var at: SourceLocation { i.pointee.location }
        if status != .open, resolved == nil {
            out.append(Finding(at: at, code: .resolvedMissing, values: ["status": status.rawValue]))
        }
        if status == .confirmed || status == .closed, confirmed == nil {
            out.append(Finding(at: at, code: .confirmedMissing, values: ["status": status.rawValue]))
        }
        if status == .open, resolved != nil || confirmed != nil {
            out.append(Finding(.warning, at: at, code: .openWithResolution, values: ["block": resolved != nil ? "resolved" : "confirmed"]))
        }
        if status == .closed, i.pointee.severity == .major, i.pointee.caseAnalysis == nil {
            out.append(Finding(at: at, code: .majorWithoutCaseAnalysis))
        }
        if let r = resolved, r < raised {
            out.append(Finding(at: at, code: .resolvedBeforeRaised, values: ["resolved": r.description, "raised": raised.description]))
        }
        if let c = confirmed, let r = resolved, c < r {
            out.append(Finding(at: at, code: .confirmedBeforeResolved, values: ["confirmed": c.description, "resolved": r.description]))
        }
        if i.pointee.due < raised {
            out.append(Finding(at: at, code: .dueBeforeRaised,
                               values: ["due": i.pointee.due.description, "raised": raised.description]))
        }
    }
}
