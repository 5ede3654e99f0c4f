import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// `huifang site -o DIR`: the static site of one repository (SiteBuilder builds the pages; this
/// command reads the repository and writes the files).
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write a static web site of the records: KPIs, departments, projects, issues, the assessment and a search page.",
        discussion: """
            The site: index.html (the company summary of the period: KPIs against targets with their counts, \
            the trend, the departments, open major issues, customers at risk), a page per department, per \
            project (timeline, visit records with their attachments, issues, risks, improvement measures) and \
            per issue (history, routing, case analysis), assessment.html and search.html (search.html#q=TEXT \
            shows the matching records; Chinese is matched by pairs of characters, as 'huifang search' does). \
            Self-contained: no network, relative links only, works from file:// and from any static host; only \
            the search page has a script. Attachments are copied under files/. \
            --department D writes D's records only (a site per audience). \
            With --repo DIR (repeated), or in a folder with a workspace.yaml, the site covers several \
            repositories: the index, department and assessment pages carry the roll-up's figures ('huifang \
            report summary' and 'report assessment' over the same repositories, refused as they are), and each \
            repository's project and issue pages are under repos/NAME/. \
            For a closed quarter, the index, department and assessment pages show the figures of the close, with \
            each figure restated since, as the reports do; project and issue pages show today's records. \
            A second run writes only the pages whose content changed and removes the pages of records that \
            are gone; the folder keeps a list of the files huifang wrote (\(SiteWriter.manifestName)), and huifang \
            never deletes a file it did not write: a non-empty folder without that list is refused, and so is \
            the repository itself or a folder among its records (projects/, events/, ...).
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the site to (created if missing).", valueName: "DIR"))
    var output: String
    @Option(help: "The period of the KPIs: \(Period.expectedForm) (default: the quarter of the as-of date).", transform: parsePeriodArgument)
    var period: Period?
    @Option(help: "Only this department's records (id from huifang.yaml): nothing of another department's projects is written.")
    var department: String?
    @OptionGroup var repositories: RepositorySetOptions

    func run() throws {
        if let entries = try repositories.resolve(global) { return try runRollup(entries) }
        let ctx = try CommandContext(global)
        let target = try SiteWriter.prepare(output, repository: ctx.repository)
        let loaded = try ctx.load()
        var r = loaded.records
        let L = ctx.catalogue(loaded)
        var dept: Department?
        if let department {
            guard let d = r.config.department(department) else {
                throw CommandFailure.usage(Message("error.unknown-department", ["id": department]),
                                           hint: Message("hint.known-departments", ["known": r.config.departments.map(\.id).joined(separator: ", ")]))
            }
            dept = d
            r = SiteScope.narrowed(r, to: d.id)
        }
        let period = period ?? Period.containing(ctx.today, length: .quarter)
        let schedule = Schedule(r)
        PhaseTimer.mark("schedule")
        CalendarNotice.noteInReport(r.calendar.uncoveredYears(reachedBy: period, schedule: schedule), config: r.config)

        // What the pages show from files beside the records: case analyses and attachments.
        let cases = Self.caseAnalyses(r, ctx.repository, L)
        let (held, copies) = Self.attachments(r, ctx.repository, base: "", L)
        let context = ReportContext(records: r, schedule: schedule, period: period, today: ctx.today, labels: L)
        DatedAfterToday.warnNotBegun(context)
        DepartmentMoves.warn(context, department: dept?.id)
        NotYetDue.warn(context, projects: nil)  // r is the department's alone with --department
        var input = SiteInput(context: context, caseAnalyses: cases, attachments: held, department: dept)
        // A closed quarter: the index, department and assessment pages show the figures of the
        // close (the records as entered by then) and open with what changed since, as
        // `report summary` does; the project and issue pages show today's records. Every page
        // says so.
        try Self.closedQuarter(&input, ctx.repository, loaded, full: loaded.records, L)
        input.warnings = Warnings.all
        // A department's site names no other department's files: a warning that names an
        // unreadable file (--ignore-invalid) is replaced by a count on the pages (standard error
        // has the paths).
        if dept != nil, !loaded.records.unreadable.isEmpty {
            let paths = loaded.records.unreadable.map(\.path)
            let naming = input.warnings.filter { w in paths.contains { w.contains($0) } }
            if !naming.isEmpty {
                input.warnings.removeAll { naming.contains($0) }
                input.warnings.insert(L("site.warning.unreadable", ["count": String(paths.count)]), at: 0)
            }
        }
        input.mark = { PhaseTimer.mark($0) }
        // Each batch of pages is written before the next is built: never the whole site in memory.
        var session = SiteWriter.Session(target: target)
        try SiteBuilder.build(input) { try session.put($0) }
        let result = try session.finish(copies: copies)
        PhaseTimer.mark("pages")
        Console.err(L("site.written", ["written": String(result.written), "unchanged": String(result.unchanged),
                                       "removed": String(result.removed), "path": WorkingFolder.shown(output)]) + "\n")
    }
}

extension SiteCommand {
    /// The case analyses the issues of `r` name, by path (each read as `huifang search` reads
    /// it); one that cannot be read is named in a warning (the issue's page says so too).
    static func caseAnalyses(_ r: Records, _ repository: Repository, _ L: Catalogue) -> [String: String] {
        var cases: [String: String] = [:]
        for i in r.issues + r.withdrawnIssues {
            guard let file = i.caseAnalysis, cases[file] == nil else { continue }
            if let text = SearchCommand.readCaseAnalysis(file, repository) {
                cases[file] = text
            } else {
                Warnings.add(L("site.warning.case", ["path": file, "reason": FileSystem.exists(repository.path(file)) ? "1 MiB, inside the repository" : "missing"]))
            }
        }
        return cases
    }

    /// The attachments of `r`'s visits that the site holds a copy of (under `base` + files/),
    /// and the copies to make; a missing one is named in a warning.
    static func attachments(_ r: Records, _ repository: Repository, base: String, _ L: Catalogue)
        -> (held: Set<String>, copies: [(site: String, source: String)])
    {
        var copies: [(site: String, source: String)] = []
        var held = Set<String>()
        let realRoot = FileSystem.realPath(repository.root) ?? repository.root
        for v in r.visits {
            for name in v.attachments {
                let path = v.attachmentPath(name)
                guard RepositoryLoader.isSafeRelativePath(path), held.insert(path).inserted else { continue }
                var st = stat()
                if stat(repository.path(path), &st) == 0, st.st_mode & S_IFMT == S_IFREG,
                   !(FileSystem.realPath(repository.path(path)).map { $0.hasPrefix(realRoot + "/") } ?? false)
                {
                    // A link (of the file or of its folder) to a file outside the repository: never published.
                    held.remove(path)
                    Warnings.add(L("site.warning.attachment-outside", ["path": path]))
                } else if stat(repository.path(path), &st) == 0, st.st_mode & S_IFMT == S_IFREG {
                    copies.append((base + SiteBuilder.filesFolder + "/" + path, repository.path(path)))
                } else {
                    held.remove(path)
                    Warnings.add(L("site.warning.attachment", ["path": path]))
                }
            }
        }
        return (held, copies)
    }

    /// For a closed quarter (docs/CLOSING.md): the figures of the close in `input.figures`, the
    /// closed-period section on the index, the assessment and each department page, and the
    /// note on every page. `full`: the repository's records before `--department` narrowed
    /// them (the section is computed over them, then keeps only the department's own).
    static func closedQuarter(_ input: inout SiteInput, _ repository: Repository, _ loaded: LoadedRepository, full: Records, _ L: Catalogue) throws {
        let c = input.context
        var whole = c
        whole.records = full
        if input.department != nil { whole.schedule = Schedule(full) }
        guard let closed = try ClosedPeriodView.make(repository, loaded, whole) else { return }
        let s = closed.section
        Warnings.add(L("site.warning.closed", ["period": c.period.label, "closed": s.closing.closedOn.description]))
        var figures = closed.context
        if let d = input.department {
            // Nothing of another department: its figures, its late entries and files are left out.
            figures.records = SiteScope.narrowed(figures.records, to: d.id)
            let ids = Set(figures.records.projects.map(\.id.rawValue)).union(c.records.projects.map(\.id.rawValue))
            let mine = ClosedPeriod.blocks(s.scoped(figures: { $0.hasPrefix("department.\(d.id).") || $0.hasPrefix("assessment.\(d.id).") },
                                                    projects: ids), closed.records, L)
            input.closed = mine
            input.closedByDepartment[d.id] = mine
        } else {
            input.closed = ClosedPeriod.blocks(s, closed.records, L)
            for d in full.config.departments {
                input.closedByDepartment[d.id] = ClosedPeriod.blocks(s.scoped(figures: { ClosedPeriod.departmentShows(d.id, $0) }), closed.records, L)
            }
        }
        figures.schedule = input.department == nil ? figures.schedule : Schedule(figures.records)
        input.figures = figures
    }
}

/// Writes a site folder: each file only when its bytes changed (atomically: temp + rename),
/// the files of the last run that are no longer part of the site removed, and the list of the
/// files written kept in the folder (`manifestName`), so that huifang never removes a file it
/// did not write.
enum SiteWriter {
    static let manifestName = ".huifang-site"
    static let manifestHeader = "# huifang site: the files huifang wrote here (it removes only these)"

    struct Target {
        var path: String
        /// The files of the last run, from the manifest (empty for a new folder).
        var previous: [String]
        /// `-o` as given (for messages).
        var output = ""
        /// The folder with its links resolved: nothing is written or removed outside it.
        var real = ""

        /// `relative` (a file of the site) is written or removed inside the folder: none of
        /// its folders is a link out of it (`inside` caches the folders checked).
        func staysInside(_ relative: String, _ inside: inout [String: Bool]) -> Bool {
            guard let slash = relative.lastIndex(of: "/") else { return true }
            let folder = String(relative[..<slash])
            if let known = inside[folder] { return known }
            let full = path + "/" + folder
            let resolved = FileSystem.realPath(full) ?? SiteWriter.resolvedMissing(full)
            let ok = resolved == real || resolved.hasPrefix(real + "/")
            inside[folder] = ok
            return ok
        }

        func linkOut(_ relative: String) -> CommandFailure {
            CommandFailure.usage(Message("error.site-output-link", ["path": output + "/" + relative, "output": output]),
                                 hint: Message("hint.site-output-link"))
        }
    }

    /// Checks `output` before anything is read or written: not the repository, not inside its
    /// records, a folder that is missing, empty, or has huifang's manifest.
    static func prepare(_ output: String, repository: Repository) throws -> Target {
        guard !output.isEmpty, output != "-" else { throw CommandFailure.usage(Message("error.site-output-not-folder", ["output": output])) }
        let absolute = output.hasPrefix("/") ? output : FileSystem.currentDirectory() + "/" + output
        var st = stat()
        if lstat(absolute, &st) == 0, st.st_mode & S_IFMT == S_IFLNK, stat(absolute, &st) != 0 {
            throw CommandFailure.usage(Message("error.site-output-not-folder", ["output": output]))
        }
        let exists = stat(absolute, &st) == 0
        if exists, st.st_mode & S_IFMT != S_IFDIR {
            throw CommandFailure.usage(Message("error.site-output-not-folder", ["output": output]))
        }
        // Where the folder is (or will be), links resolved, against the repository's real root.
        let real = exists ? (FileSystem.realPath(absolute) ?? absolute) : resolvedMissing(absolute)
        let root = FileSystem.realPath(repository.root) ?? repository.root
        if real == root || root.hasPrefix(real + "/") {
            throw CommandFailure.usage(Message("error.site-output-repository", ["output": output]), hint: Message("hint.site-output-repository"))
        }
        if real.hasPrefix(root + "/") {
            let relative = String(real.dropFirst(root.count + 1)) + "/"
            let owned = ["projects/", "events/", "improvements/", "plans/", "assessments/", "needs/", "calendars/", ".huifang/", ".git/"]
            if owned.contains(where: { relative.hasPrefix($0) }) {
                throw CommandFailure.usage(Message("error.site-output-records", ["output": output, "relative": relative]),
                                           hint: Message("hint.site-output-repository"))
            }
        }
        guard exists else { return Target(path: absolute, previous: [], output: output, real: real) }
        let entries = FileSystem.list(absolute) ?? []
        let manifest = absolute + "/" + manifestName
        guard entries.contains(where: { $0.name == manifestName }) else {
            if entries.isEmpty { return Target(path: absolute, previous: [], output: output, real: real) }
            throw CommandFailure.usage(Message("error.site-output-not-empty", ["output": output, "manifest": manifestName]),
                                       hint: Message("hint.site-output-not-empty"))
        }
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(manifest) } catch { throw CommandFailure(StoreError.io(error)) }
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n").map(String.init)
        guard lines.first == manifestHeader else {
            throw CommandFailure.usage(Message("error.site-manifest", ["path": manifest, "reason": "no header"]), hint: Message("hint.site-manifest"))
        }
        lines.removeFirst()
        for line in lines where !isSitePath(line) {
            throw CommandFailure.usage(Message("error.site-manifest", ["path": manifest, "reason": line]), hint: Message("hint.site-manifest"))
        }
        // A file of the last run whose folder is now a link out of the site: its removal would
        // delete a file huifang never wrote. Refused before anything is written.
        let target = Target(path: absolute, previous: lines, output: output, real: real)
        var inside: [String: Bool] = [:]
        if let out = lines.first(where: { !target.staysInside($0, &inside) }) { throw target.linkOut(out) }
        return target
    }

    /// A missing folder's path with its nearest existing ancestor's links resolved.
    static func resolvedMissing(_ path: String) -> String {
        var head = path
        var tail: [String] = []
        while let slash = head.lastIndex(of: "/"), slash != head.startIndex {
            tail.insert(String(head[head.index(after: slash)...]), at: 0)
            head = String(head[..<slash])
            if let real = FileSystem.realPath(head) { return ([real] + tail).joined(separator: "/") }
        }
        return path
    }

    /// A path a manifest may name: relative, no '..' or '.' part, no empty part.
    static func isSitePath(_ p: String) -> Bool {
        !p.isEmpty && !p.hasPrefix("/") && !p.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == ".." || $0 == "." }
            && p != manifestName
    }

    struct Result {
        var written = 0
        var unchanged = 0
        var removed = 0
    }

    /// One run's writing: pages as they come (`put`), then the attachments, the removals and
    /// the manifest (`finish`).
    struct Session {
        let target: Target
        var result = Result()
        var paths: [String] = []
        var started = false
        /// The site's folders checked to stay inside it (`Target.staysInside`).
        var inside: [String: Bool] = [:]

        init(target: Target) { self.target = target }

        mutating func put(_ pages: [SiteFile]) throws {
            for page in pages where !target.staysInside(page.path, &inside) { throw target.linkOut(page.path) }
            do {
                if !started {
                    try FileSystem.makeDirectories(target.path)
                    started = true
                }
                for page in pages {
                    try SiteWriter.put(page.bytes, page.path, target, &result)
                    paths.append(page.path)
                }
            } catch {
                throw CommandFailure(StoreError.io(error))
            }
        }

        mutating func finish(copies: [(site: String, source: String)]) throws -> Result {
            for copy in copies where !target.staysInside(copy.site, &inside) { throw target.linkOut(copy.site) }
            do {
                try FileSystem.makeDirectories(target.path)
                // Attachments are copied one at a time (never all in memory at once).
                for copy in copies {
                    try SiteWriter.put(try FileSystem.read(copy.source, limit: 1 << 30), copy.site, target, &result)
                    paths.append(copy.site)
                }
                // The files of the last run that this run did not write: removed (they were huifang's).
                let now = Set(paths)
                for old in target.previous where !now.contains(old) {
                    let full = target.path + "/" + old
                    var st = stat()
                    guard lstat(full, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
                    if unlink(full) == 0 {
                        result.removed += 1
                        SiteWriter.removeEmptyFolders(of: old, in: target.path)
                    }
                }
                let manifest = ([SiteWriter.manifestHeader] + paths.sorted()).joined(separator: "\n") + "\n"
                try FileSystem.writeAtomically(Array(manifest.utf8), to: target.path + "/" + SiteWriter.manifestName, sync: true)
            } catch {
                throw CommandFailure(StoreError.io(error))
            }
            // The pages were renamed into place without an fsync each (thousands of them): one
            // sync for all, before the command says they are written.
            if result.written + result.removed > 0 { sync() }
            return result
        }
    }

    /// Writes `bytes` at `path` (site-relative) unless the file there holds them already.
    static func put(_ bytes: [UInt8], _ path: String, _ target: Target, _ result: inout Result) throws(FileError) {
        let full = target.path + "/" + path
        var st = stat()
        if stat(full, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) == bytes.count,
           let old = try? FileSystem.read(full, limit: max(bytes.count, 1)), old == bytes
        {
            result.unchanged += 1
            return
        }
        try FileSystem.writeAtomically(bytes, to: full, sync: false)
        result.written += 1
    }

    /// Removes the folders of a removed file that are left empty, up to the site's root.
    static func removeEmptyFolders(of path: String, in root: String) {
        var parts = path.split(separator: "/").dropLast()
        while !parts.isEmpty {
            if rmdir(root + "/" + parts.joined(separator: "/")) != 0 { return }
            parts = parts.dropLast()
        }
    }
}
