import HuifangCore
import HuifangReport
import HuifangStore

/// `report summary --repo A --repo B` (or a workspace.yaml): one summary over several
/// repositories (issue 20; docs/WORKSPACE.md). Each repository is read with its own
/// huifang.yaml, policy and calendars, reduced to the figures the report shows
/// (`RollupPart`), and its records are let go before the next one is read: memory grows with
/// the largest repository, not with the sum.
extension ReportCommand {
    /// `reduce` makes each repository's figures while its records are read (`closedPeriod`: a
    /// quarter the repository closed is counted as entered by the close, as its own summary
    /// counts it); `build` makes the report of them all.
    static func rollup<Part>(_ entries: [RepositorySetOptions.Entry], _ global: GlobalOptions, _ options: Options, allowDuplicates: Bool,
                             closedPeriod: Bool, reduce: (ReportContext, RollupSource) throws -> Part,
                             build: ([Part], [RollupSource], Period, Day, Catalogue) throws -> ReportOutput) throws {
        let today = try global.today()
        let requested = try global.requestedLanguage()
        if let requested { MessageLanguage.repository = requested }
        let period = try options.resolvedPeriod(today: today)
        var parts: [Part] = []
        var sources: [RollupSource] = []
        var departments: [String: (name: String, file: String, role: DepartmentRole)] = [:]
        var projects: [ProjectID: String] = [:]
        var L = Catalogue(requested ?? .zh)
        var first: Repository?
        var excel = false
        var reads: [(repository: Repository, files: [String])] = []
        for (n, entry) in entries.enumerated() {
            let repo = entry.repository
            let loaded = RepositoryLoader.load(repo, .init(useCache: !global.noCache))
            if n == 0 {
                first = repo
                if !loaded.configFailed {
                    if requested == nil { MessageLanguage.repository = loaded.records.config.language }
                    L = Catalogue(requested ?? loaded.records.config.language)
                    Catalogue.current = L
                    excel = try SpreadsheetOutput.excel(options.excel, isCSV: options.format == .csv, config: loaded.records.config, L)
                }
            }
            try admit(loaded, entry, ignoreInvalid: global.ignoreInvalid)
            let r = loaded.records
            for d in r.config.departments {
                try Self.sameDepartment(d, seen: departments, file: repo.path(Repository.configFile))
                if let seen = departments[d.id], seen.name != d.name {
                    let file = repo.path(Repository.configFile)
                    throw CommandFailure(code: 65) { c in
                        (c.text("error.rollup.department", ["id": d.id, "first": seen.name, "first_file": seen.file, "second": d.name,
                                                           "second_file": file]), c["hint.rollup.department"])
                    }
                }
                departments[d.id] = departments[d.id] ?? (d.name, repo.path(Repository.configFile), d.role)
            }
            if !allowDuplicates {
                for p in r.projects {
                    let here = repo.path(repo.projectFolder(p.id.rawValue))
                    if let there = projects[p.id] {
                        throw CommandFailure(code: 65) { c in
                            (c.text("error.rollup.duplicate-project", ["id": p.id.rawValue, "first": there, "second": here]),
                             c["hint.rollup.duplicate-project"])
                        }
                    }
                    projects[p.id] = here
                }
            }
            var context = ReportContext(records: r, schedule: Schedule(r), period: period, today: today, labels: L)
            if n == 0 { DatedAfterToday.warnNotBegun(context) }
            var source = RollupSource(name: entry.name, path: entry.path, commit: GitCommit.of(repo.root))
            source.organization = r.config.organization
            source.projects = r.projects.count
            if closedPeriod, let closed = try ClosedPeriodView.make(repo, loaded, context) {
                context = closed.context
                source.closedOn = closed.section.closing.closedOn
                // Records of the quarter changed since the close are counted as they are now: the
                // repository's figures are not its frozen ones, which its own summary shows beside them.
                if !closed.section.changes.isEmpty {
                    Warnings.add(L("rollup.closed changed", ["name": entry.name, "period": period.label, "path": entry.path,
                                                              "date": closed.section.closing.closedOn.description,
                                                              "n": String(closed.section.changes.count)]))
                }
            }
            parts.append(try reduce(context, source))
            sources.append(source)
            reads.append((repo, SpreadsheetOutput.reads(r)))
            CalendarNotice.noteInReport(r.calendar.uncoveredYears(reachedBy: period, schedule: context.schedule), config: r.config)
            PhaseTimer.mark("repository \(entry.name) reduced")
            // `loaded` and `context` go out of scope here: the records are freed before the next repository is read.
        }
        let out = try build(parts, sources, period, today, L)
        PhaseTimer.mark("report")
        guard let repository = first else { return }
        // -o is refused inside the records of any repository read, as inside the one a report reads.
        if let output = options.output, !options.force {
            let target = try OutputFile.resolve(output)
            for (repo, files) in reads {
                if let (root, relative) = OutputFile.recordsPath(target, repository: repo, reads: files) {
                    throw CommandFailure.usage(Message("error.output-over-records", ["output": output, "relative": relative, "root": root]),
                                               hint: Message("hint.output-over-records"))
                }
            }
        }
        try emit(out, options, excel: excel, scopeSheets: true, repository: repository, reads: reads[0].files, L)
    }

    /// A department of a later repository that is not quite the one of the same id already met:
    /// an id that differs only in case or surrounding spaces would count as another department
    /// of the same name, another role would be assessed by the first repository's role. Refused,
    /// naming both huifang.yaml files.
    static func sameDepartment(_ d: HuifangCore.Department, seen: [String: (name: String, file: String, role: DepartmentRole)], file: String) throws {
        if let first = seen[d.id], first.role != d.role {
            throw CommandFailure(code: 65) { c in
                (c.text("error.rollup.department-role", ["id": d.id, "first": first.role.rawValue, "first_file": first.file,
                                                         "second": d.role.rawValue, "second_file": file]),
                 c["hint.rollup.department-role"])
            }
        }
        func folded(_ id: String) -> String { String(String.UnicodeScalarView(id.unicodeScalars.filter { !$0.properties.isWhitespace })).lowercased() }
        guard seen[d.id] == nil else { return }
        let key = folded(d.id)
        if let (other, first) = seen.first(where: { folded($0.key) == key }) {
            throw CommandFailure(code: 65) { c in
                (c.text("error.rollup.department-spelling", ["id": d.id, "file": file, "first": other, "first_file": first.file]),
                 c["hint.rollup.department-spelling"])
            }
        }
    }

    /// A repository of a roll-up is read as any command reads one: huifang.yaml and its
    /// calendars must be readable, and unreadable records make the roll-up refuse unless
    /// --ignore-invalid, whose warning names the repository.
    static func admit(_ loaded: LoadedRepository, _ entry: RepositorySetOptions.Entry, ignoreInvalid: Bool) throws {
        let c = MessageLanguage.catalogue
        // What follows on standard error is about this repository: say which, first.
        let fails = loaded.configFailed || !loaded.calendarErrors.isEmpty || (!loaded.unreadable.isEmpty && !ignoreInvalid)
        if fails { Console.err(c.text("rollup.while reading", ["name": entry.name, "path": entry.path]) + "\n") }
        if loaded.configFailed {
            for f in loaded.findings where f.path == Repository.configFile {
                Console.err(styled: Console.format(f, colour: Terminal.stderrColor))
            }
            throw CommandFailure(StoreError.badConfig(findings: loaded.findings.filter { $0.path == Repository.configFile }.count))
        }
        try CalendarNotice.requireCalendars(loaded)
        let unreadable = loaded.unreadable
        guard !unreadable.isEmpty else { return }
        if ignoreInvalid {
            Warnings.add(c.text("rollup.left-out", ["name": entry.name, "path": entry.path, "warning": CommandContext.leftOut(unreadable)]))
            return
        }
        var s = ""
        for u in unreadable.prefix(CommandContext.unreadableShown) { s += Console.format(u.first) }
        if unreadable.count > CommandContext.unreadableShown {
            s += c.text("msg.and-more", ["count": String(unreadable.count - CommandContext.unreadableShown)]) + "\n"
        }
        Console.err(s)
        let many = unreadable.count == 1 ? "" : ".many"
        throw CommandFailure.data(Message("error.unreadable" + many, ["count": String(unreadable.count)]), hint: Message("hint.unreadable" + many))
    }
}
