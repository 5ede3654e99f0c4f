import Dispatch
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
        // The repositories are read ahead on other threads, `RollupReader.inFlight` at most at
        // once; each is reduced here, in order, and freed before the next read may start.
        // Kept until reduced (not until exit): a closed period's digest needs what the read kept.
        let reader = RollupReader(entries.map(\.repository), .init(useCache: !global.noCache, keepUntilExit: true))
        defer { reader.finish() }
        for (n, entry) in entries.enumerated() {
            try reader.reduce(n) { loaded in
                let repo = entry.repository
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
                try Self.admitUnion(r, repo, departments: &departments, projects: &projects, allowDuplicates: allowDuplicates)
                var context = ReportContext(records: r, schedule: Schedule(r), period: period, today: today, labels: L)
                if n == 0 { DatedAfterToday.warnNotBegun(context) }
                var source = RollupSource(name: entry.name, path: entry.path, commit: GitCommit.of(repo.root))
                source.organization = r.config.organization
                source.projects = r.projects.count
                if closedPeriod, let closed = try ClosedPeriodView.make(repo, loaded, context) {
                    context = closed.context
                    source.closedOn = closed.section.closing.closedOn
                    source.closed = closed.section
                    // Records of the quarter changed since the close are counted as they are now: the
                    // repository's figures are not its frozen ones (the section shows both).
                    if !closed.section.changes.isEmpty {
                        Warnings.add(L("rollup.closed changed", ["name": entry.name, "period": period.label, "path": entry.path,
                                                                  "date": closed.section.closing.closedOn.description,
                                                                  "n": String(closed.section.changes.count)]))
                    }
                } else if closedPeriod, let within = try ClosedOverlapView.make(repo, loaded, context) {
                    source.within = within.sections
                }
                closedNotes(&source, r, entry, format: options.format, period: period, L)
                parts.append(try reduce(context, source))
                sources.append(source)
                reads.append((repo, SpreadsheetOutput.reads(r)))
                CalendarNotice.noteInReport(r.calendar.uncoveredYears(reachedBy: period, schedule: context.schedule), config: r.config)
                PhaseTimer.mark("repository \(entry.name) reduced")
                // `loaded` and `context` go out of scope here: the records are freed before the next repository is read.
            }
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

    /// The departments a roll-up has met (id: name, the huifang.yaml that named it first, role).
    typealias MetDepartments = [String: (name: String, file: String, role: DepartmentRole)]

    /// The refusals of a roll-up (and of a site over several repositories) as repository `repo`'s
    /// records `r` join the union: a department id with another name, another role or another
    /// spelling than before; a project id met before (unless `allowDuplicates`).
    static func admitUnion(_ r: Records, _ repo: Repository, departments: inout MetDepartments, projects: inout [ProjectID: String],
                           allowDuplicates: Bool) throws {
        let file = repo.path(Repository.configFile)
        for d in r.config.departments {
            try sameDepartment(d, seen: departments, file: file)
            if let seen = departments[d.id], seen.name != d.name {
                throw CommandFailure(code: 65) { c in
                    (c.text("error.rollup.department", ["id": d.id, "first": seen.name, "first_file": seen.file, "second": d.name,
                                                       "second_file": file]), c["hint.rollup.department"])
                }
            }
            departments[d.id] = departments[d.id] ?? (d.name, file, d.role)
        }
        guard !allowDuplicates else { return }
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

    /// What a repository's closed period (or the closed quarters of a longer one) needs once
    /// its records are gone: the labels of its figures; and the warnings one repository's
    /// report gives (CSV and xlsx have no room for the restatement; a longer period counts
    /// records entered after a close), naming the repository.
    static func closedNotes(_ source: inout RollupSource, _ r: Records, _ entry: RepositorySetOptions.Entry, format: Format,
                                    period: Period, _ L: Catalogue) {
        let sections = (source.closed.map { [$0] } ?? []) + source.within
        for s in sections {
            for key in s.closing.frozen.map(\.key) + s.changes.map(\.key) where source.figureLabels[key] == nil {
                source.figureLabels[key] = ClosedPeriod.label(key, r, L)
            }
        }
        func warn(_ text: String) { Warnings.add(L("rollup.left-out", ["name": entry.name, "path": entry.path, "warning": text])) }
        if let s = source.closed, format == .csv || format == .xlsx, !s.changes.isEmpty || !s.late.isEmpty {
            warn(L("closed.csv note", ["period": s.closing.period.label, "date": s.closing.closedOn.description, "n": String(s.changes.count)]))
        }
        for s in source.within where !s.late.isEmpty || s.recordsChanged {
            warn(L("closed.overlap late", ["period": period.label, "quarter": s.closing.period.label, "n": String(s.late.count),
                                           "closed": s.closing.closedOn.description]))
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

/// Reads the repositories of a roll-up ahead of their reduction (docs/WORKSPACE.md, "Memory
/// and speed"): worker threads read them in order, at most `inFlight` at once, counting the one
/// being reduced; the command's thread reduces each in order (so that messages, warnings and
/// refusals come as they would one after another) and lets its records go before another read
/// starts. Memory is thus bounded by `inFlight` times the largest repository, whatever the sum.
/// With one thread (`HUIFANG_THREADS=1`) the repositories are read one after another.
final class RollupReader: @unchecked Sendable {
    /// How many repositories are in memory at most: one being reduced while the next is read.
    static let inFlight = 2

    private final class Slot: @unchecked Sendable {
        var loaded: LoadedRepository?
        let ready = DispatchSemaphore(value: 0)
    }

    private let repositories: [Repository]
    private let options: RepositoryLoader.Options
    private let slots: [Slot]
    /// Permits to hold a repository in memory: taken before its read, given back once reduced.
    private let permits: DispatchSemaphore
    private let lock = DispatchSemaphore(value: 1)
    private let workers = DispatchGroup()
    private var next = 0
    private var stopped = false

    init(_ repositories: [Repository], _ options: RepositoryLoader.Options) {
        self.repositories = repositories
        self.options = options
        slots = repositories.map { _ in Slot() }
        let width = max(1, min(Self.inFlight, Parallel.defaultThreads, repositories.count))
        // Made empty and filled: libdispatch traps when a semaphore is freed below its initial
        // value, as this one is when a roll-up refuses with a read repository not reduced.
        permits = DispatchSemaphore(value: 0)
        for _ in 0..<width { permits.signal() }
        for _ in 0..<width {
            workers.enter()
            DispatchQueue.global().async { self.work() }
        }
    }

    private func work() {
        defer { workers.leave() }
        while true {
            permits.wait()
            lock.wait()
            let n = next
            next += 1
            let stop = stopped || n >= repositories.count
            lock.signal()
            if stop {
                permits.signal()
                return
            }
            slots[n].loaded = RepositoryLoader.load(repositories[n], options)
            slots[n].ready.signal()
        }
    }

    /// Waits for repository `n` (in order: 0, 1, ...) and hands it to `body`; once `body` has
    /// returned (and dropped it), another repository may be read.
    func reduce(_ n: Int, _ body: (LoadedRepository) throws -> Void) throws {
        slots[n].ready.wait()
        defer { permits.signal() }
        try hand(n, body)
    }

    /// Apart from `reduce` so that the repository is released as this returns, before the permit is.
    private func hand(_ n: Int, _ body: (LoadedRepository) throws -> Void) throws {
        let loaded = slots[n].loaded.take()!  // set before `ready` was signalled
        defer { KeptUntilExit.release(repositories[n].root) }
        try body(loaded)
    }

    /// Stops the reads not yet started and waits for those under way (a roll-up that refuses
    /// leaves no read, nor its cache write, behind).
    func finish() {
        lock.wait()
        stopped = true
        lock.signal()
        workers.wait()
    }
}
