import HuifangCore
import HuifangReport
import HuifangStore

/// `huifang site --repo A --repo B` (or the repositories of workspace.yaml): one site over
/// several repositories (issue 20; docs/WORKSPACE.md). The index, the department pages and the
/// assessment carry the roll-up's figures (those of `report summary` and `report assessment`
/// over the same repositories: the union, never averaged; a closed quarter counted as entered
/// by the close); each repository's project and issue pages are under `repos/NAME/`.
///
/// Two passes, so that memory follows the largest repository and a refused site writes
/// nothing: the first reads each repository in turn, refuses as the roll-up refuses (records
/// that cannot be read, a department named differently, a project id in two repositories, an
/// unknown --department) and keeps only its figures; the second reads each again (from the
/// cache) and writes its project and issue pages before reading the next. The shared pages
/// come last.
extension SiteCommand {
    func runRollup(_ entries: [RepositorySetOptions.Entry]) throws {
        let today = try global.today()
        let requested = try global.requestedLanguage()
        if let requested { MessageLanguage.repository = requested }
        let period = period ?? Period.containing(today, length: .quarter)
        // The folder is checked against every repository before anything is read.
        var target: SiteWriter.Target?
        for entry in entries { target = try SiteWriter.prepare(output, repository: entry.repository) }
        let allowDuplicates = repositories.allowDuplicateProjects
        var L = Catalogue(requested ?? .zh)
        var departments: ReportCommand.MetDepartments = [:]
        var projects: [ProjectID: String] = [:]
        var wanted: Department?
        var site = SiteRollup(prefixProjects: allowDuplicates, department: nil)
        var folders: [String] = []

        for (n, entry) in entries.enumerated() {
            let repo = entry.repository
            // Kept until reduced: a closed quarter's per-file checksums need what the read kept.
            let loaded = RepositoryLoader.load(repo, .init(useCache: !global.noCache, keepUntilExit: true))
            defer { KeptUntilExit.release(repo.root) }
            if n == 0, !loaded.configFailed {
                if requested == nil { MessageLanguage.repository = loaded.records.config.language }
                L = Catalogue(requested ?? loaded.records.config.language)
                Catalogue.current = L
            }
            try ReportCommand.admit(loaded, entry, ignoreInvalid: global.ignoreInvalid)
            var r = loaded.records
            // The roll-up's refusals: one id, one department name; a project in one repository.
            try ReportCommand.admitUnion(r, repo, departments: &departments, projects: &projects, allowDuplicates: allowDuplicates)
            UnknownDepartments.warn(r, in: RollupSource(name: entry.name, path: entry.path, commit: nil))
            if let department {
                if let d = r.config.department(department) { wanted = wanted ?? d }
                r = SiteScope.narrowed(r, to: department)
            }
            var context = ReportContext(records: r, schedule: Schedule(r), period: period, today: today, labels: L)
            DatedAfterToday.warnNotBegun(context)  // once: a warning is added once
            // As one repository's site says them, naming the repository: a project moved to another
            // department since the period began (a move out of --department too: the whole
            // repository's projects), a running period's planned projects with no visit due yet.
            let here = RollupSource(name: entry.name, path: entry.path, commit: nil)
            var whole = context
            whole.records = loaded.records
            DepartmentMoves.warn(whole, department: department, in: here)
            NotYetDue.warn(context, projects: nil, in: here)
            var source = RollupSource(name: entry.name, path: entry.path, commit: GitCommit.of(repo.root))
            source.organization = r.config.organization
            source.projects = r.projects.count
            if let closed = try ClosedPeriodView.make(repo, loaded, context) {
                context = closed.context
                source.closedOn = closed.section.closing.closedOn
                // The restatement the roll-up shows (a department's site: only its own figures and records).
                if let department {
                    source.closed = closed.section.scoped(figures: { $0.hasPrefix("department.\(department).") || $0.hasPrefix("assessment.\(department).") },
                                                          projects: Set(r.projects.map(\.id.rawValue)))
                } else {
                    source.closed = closed.section
                }
                if !closed.section.changes.isEmpty {
                    Warnings.add(L("rollup.closed changed", ["name": entry.name, "period": period.label, "path": entry.path,
                                                              "date": closed.section.closing.closedOn.description,
                                                              "n": String(closed.section.changes.count)]))
                }
            }
            ReportCommand.closedNotes(&source, r, entry, format: .html, period: period, L)
            site.reduce(context, source: source)
            CalendarNotice.noteInReport(r.calendar.uncoveredYears(reachedBy: period, schedule: context.schedule), config: r.config)
            folders.append(SiteRollup.folder(entry.name, taken: Set(folders)))
            PhaseTimer.mark("site: repository \(entry.name) reduced")
        }
        if let department, wanted == nil {
            throw CommandFailure.usage(Message("error.site.no-department", ["id": department]),
                                       hint: Message("hint.known-departments", ["known": departments.keys.sorted().joined(separator: ", ")]))
        }
        site.department = wanted

        // Each repository's project and issue pages, written before the next is read.
        var session = SiteWriter.Session(target: target!)
        var copies: [(site: String, source: String)] = []
        for (n, entry) in entries.enumerated() {
            let repo = entry.repository
            let loaded = RepositoryLoader.load(repo, .init(useCache: !global.noCache))
            try ReportCommand.admit(loaded, entry, ignoreInvalid: global.ignoreInvalid)
            var r = loaded.records
            if let department { r = SiteScope.narrowed(r, to: department) }
            let context = ReportContext(records: r, schedule: Schedule(r), period: period, today: today, labels: L)
            let (held, more) = Self.attachments(r, repo, base: folders[n], L)
            var input = SiteInput(context: context, caseAnalyses: Self.caseAnalyses(r, repo, L), attachments: held, department: wanted)
            input.base = folders[n]
            input.repository = entry.name
            input.idPrefix = allowDuplicates ? entry.name + "/" : ""
            input.warnings = Warnings.all
            try site.addPages(input) { try session.put($0) }
            copies += more
            PhaseTimer.mark("site: repository \(entry.name) pages")
        }
        try session.put(site.pages(period: period, today: today, warnings: Warnings.all, L))
        let result = try session.finish(copies: copies)
        PhaseTimer.mark("pages")
        Console.err(L("site.written", ["written": String(result.written), "unchanged": String(result.unchanged),
                                       "removed": String(result.removed), "path": WorkingFolder.shown(output)]) + "\n")
    }
}
