import ArgumentParser
import Foundation
import HuifangCore
import HuifangReport
import HuifangStore

/// `archive/PERIOD/`: what `huifang close` wrote (docs/CLOSING.md), read through the store's
/// `PeriodArchiveFile`; here a damaged file becomes the command's error.
enum PeriodArchive {
    typealias Entry = PeriodArchiveFile.Entry

    static func folder(_ label: String) -> String { PeriodArchiveFile.folder(label) }

    static func failure(_ d: PeriodArchiveFile.Damaged) -> CommandFailure {
        d.unreadable
            ? CommandFailure.data(Message("close.err.bad file", ["file": d.file]))
            : CommandFailure.data(Message("close.err.bad file", ["file": d.file]), hint: Message("close.err.bad file hint"))
    }

    /// The period's closes and reopenings, oldest first; empty when it was never closed.
    static func history(_ repo: Repository, _ label: String) throws -> [Entry] {
        do { return try PeriodArchiveFile.history(repo, label) } catch { throw failure(error) }
    }

    /// The close in force for `period`, with its frozen figures; nil when it is not closed.
    static func closing(_ repo: Repository, _ period: Period) throws -> ClosedPeriod.Closing? {
        guard period.length == .quarter else { return nil }
        let frozen: PeriodArchiveFile.Frozen?
        do { frozen = try PeriodArchiveFile.frozen(repo, period.label) } catch { throw failure(error) }
        guard let frozen else { return nil }
        return ClosedPeriod.Closing(period: period, closedOn: frozen.closedOn, by: frozen.by, digest: frozen.digest,
                                    frozen: frozen.figures.map { ClosedPeriod.Figure(key: $0.key, value: $0.value) })
    }

    /// Every quarter closed now, by label.
    static func closings(_ repo: Repository) -> [ClosedPeriod.Closing] {
        PeriodArchiveFile.archivedQuarters(repo).compactMap { try? closing(repo, $0) }
    }

    /// The per-file checksums archived by the close (`records.txt`); nil when it has none.
    static func recordList(_ repo: Repository, _ label: String) throws -> RecordList? {
        do { return try PeriodArchiveFile.recordList(repo, label) } catch { throw failure(error) }
    }

    /// What a report shows of closed quarter `closing`: the digest now, the record files changed
    /// since the close (named from the archived per-file checksums), the late entries and the
    /// changed figures. `c`: a context over today's records; `reported`: the figures of the
    /// report's body when it counts the records as entered by the close.
    static func section(_ repo: Repository, _ loaded: LoadedRepository, _ closing: ClosedPeriod.Closing, _ c: ReportContext,
                        reported: (ClosedPeriod.FileChanges, _ recordsChanged: Bool) -> [ClosedPeriod.Figure]?) throws -> ClosedPeriod.Section {
        let r = c.records
        let period = closing.period
        var quarter = c
        quarter.period = period
        let restated = ClosedPeriod.figures(quarter)
        PhaseTimer.mark("closed period: restated figures")
        var files = ClosedPeriod.FileChanges.unknown
        var digestNow = ""
        if PeriodArchiveFile.hasRecordList(repo, period.label) {
            // The archived list is read only when the digest differs: to name the files.
            if let now = RecordList.of(loaded, period: period) {
                digestNow = now.digest
                PhaseTimer.mark("closed period: checksums now")
                if digestNow == closing.digest {
                    files = ClosedPeriod.FileChanges(compared: true)
                } else if let archived = try recordList(repo, period.label), archived.version == now.version {
                    let d = archived.changes(to: now)
                    files = ClosedPeriod.FileChanges(compared: true, changed: Set(d.changed), added: Set(d.added), removed: d.removed)
                } else {
                    digestNow = ""  // checksums of another store version: not comparable
                }
            }
        } else {
            digestNow = RecordDigest.of(r, period: period)  // an archive made before records.txt: the digest of the records' content
        }
        PhaseTimer.mark("closed period: digest")
        let late = ClosedPeriod.lateEntries(r, period: period, closedOn: closing.closedOn, files: files)
        let changes = ClosedPeriod.changes(frozen: closing.frozen, restated: restated, reported: reported(files, digestNow != closing.digest))
        return ClosedPeriod.Section(closing: closing, changes: changes, late: late, digestNow: digestNow, files: files)
    }

    /// A warning for each record dated in a closed period and entered after its close.
    static func lateEntryWarnings(_ repo: Repository, _ r: Records, _ L: Catalogue) -> [String] {
        closings(repo).flatMap { c in
            ClosedPeriod.lateEntries(r, period: c.period, closedOn: c.closedOn).map {
                L("closed.warn late", ["path": $0.path, "date": $0.date?.description ?? "", "period": c.period.label,
                                       "closed": c.closedOn.description, "recorded": $0.recorded?.description ?? ""])
            }
        }
    }

    /// A warning finding on each record dated in a closed period and entered after its close,
    /// and on each archived quarter whose close.yaml or kpis.json cannot be read.
    static func lateEntryFindings(_ repo: Repository, _ r: Records, _ L: Catalogue) -> [Finding] {
        var damaged: [Finding] = []
        for p in PeriodArchiveFile.archivedQuarters(repo) {
            do { _ = try closing(repo, p) } catch {
                damaged.append(Finding(.warning, path: folder(p.label), message: L("closed.finding damaged", ["period": p.label]),
                                       hint: L["close.err.bad file hint"]))
            }
        }
        return damaged + closings(repo).flatMap { c in
            ClosedPeriod.lateEntries(r, period: c.period, closedOn: c.closedOn).map {
                Finding(.warning, path: $0.path,
                        message: L("closed.finding late", ["date": $0.date?.description ?? "", "period": c.period.label,
                                                           "closed": c.closedOn.description, "recorded": $0.recorded?.description ?? ""]),
                               hint: L("closed.finding late hint", ["period": c.period.label]))
            }
        }
    }
}

/// `huifang close 2026Q3`: freezes a quarter that has ended.
struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a quarter that has ended: archive its reports and freeze its figures.",
        discussion: """
            Writes archive/PERIOD/: the summary, each department's and the assessment report (md, html, json) \
            in both languages (zh/ and en/), kpis.json (every figure of those reports, frozen, with a digest of \
            the records they were computed from), records.txt (each of those record files with its checksum) \
            and close.yaml (who closed it and when). Afterwards the period's reports show the frozen \
            figures and list each record dated in the period but entered after the close, with the restated \
            value beside each frozen figure it changes. 'huifang reopen-period' undoes a close for corrections.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The quarter to close, e.g. 2026Q3.") var period: String
    @Option(help: "Who closes it (default: $HUIFANG_USER; left out when neither is given).") var by: String?

    func run() throws {
        let ctx = try CommandContext(global)
        let by = try optionText(by, "--by")
        guard let p = Period(period), p.length == .quarter else {
            throw CommandFailure.usage(Message("close.err.quarter", ["period": period]), hint: Message("close.err.quarter hint", ["example": "2026Q3"]))
        }
        guard p.end < ctx.today else {
            throw CommandFailure.usage(Message("close.err.not ended", ["period": p.label, "end": p.end.description, "today": ctx.today.description]))
        }
        let held = try ctx.lock()
        defer { withExtendedLifetime(held) {} }
        let loaded = try ctx.load()
        let r = loaded.records
        let L = ctx.catalogue(loaded)
        let history = try PeriodArchive.history(ctx.repository, p.label)
        if let last = history.last, last.action == .closed {
            throw CommandFailure.usage(Message("close.err.closed", ["period": p.label, "date": last.at.description]),
                                       hint: Message("close.err.closed hint", ["command": "huifang reopen-period \(p.label) --reason TEXT"]))
        }
        let c = ReportContext(records: r, schedule: Schedule(r), period: p, today: ctx.today, labels: L, linkBase: "../../../")
        var files: [(String, String)] = []
        func add(_ stem: String, _ out: ReportOutput) {
            files.append(("\(stem).md", MarkdownRenderer.render(Warnings.attach(to: out.document)) + "\n"))
            files.append(("\(stem).html", HTMLRenderer.render(Warnings.attach(to: out.document))))
            files.append(("\(stem).json", Warnings.attach(to: out.json).render() + "\n"))
        }
        // The reports in both languages, each in a folder of its own (zh/, en/); the figures once.
        for language in ["zh", "en"] {
            var c = c
            c.labels = Catalogue(language)
            add("\(language)/summary", SummaryReport.build(c))
            for d in KPIEngine.departmentsWithProjects(r) { add("\(language)/department-\(d.department.id)", DepartmentReport.build(c, d.department)) }
            if r.config.assessment.problems == 0 { add("\(language)/assessment", AssessmentReport.build(c)) }
        }
        // The digest of the per-file checksums the read kept (docs/CLOSING.md), archived with
        // them so that a report can name the files changed since.
        let list = RecordList.of(loaded, period: p)
        let digest = list?.digest ?? RecordDigest.of(r, period: p)
        if let list { files.append((RecordList.fileName, list.text)) }
        let figures = ClosedPeriod.figures(c)
        files.append(("kpis.json", ClosedPeriod.kpisJSON(p, closedOn: ctx.today, digest: digest, figures: figures)))
        let who = by ?? recorder(nil, fallback: "")
        let entry = PeriodArchive.Entry(action: .closed, at: ctx.today, by: who.isEmpty ? nil : who, reason: nil, digest: digest)
        files.append(("close.yaml", PeriodArchiveFile.closeText(p.label, history + [entry])))
        try Self.replaceFolder(PeriodArchive.folder(p.label), with: files, in: ctx.repository)
        Console.out(L("close.done", ["period": p.label, "folder": PeriodArchive.folder(p.label) + "/", "n": String(figures.count),
                                     "digest": digest]) + "\n")
    }

    /// Writes `files` into a new folder beside `relative` and renames it into place (the folder
    /// a reopened period had is replaced); on any failure nothing is left behind.
    static func replaceFolder(_ relative: String, with files: [(String, String)], in repo: Repository) throws {
        let target = repo.path(relative)
        let parent = String(target[..<target.lastIndex(of: "/")!])
        let name = String(target[target.index(after: target.lastIndex(of: "/")!)...])
        let temporary = "\(parent)/.\(name).new-\(getpid())"
        let old = "\(parent)/.\(name).old-\(getpid())"
        do {
            try FileSystem.makeDirectories(parent)
            removeTree(temporary)
            try FileSystem.makeDirectories(temporary)
            for (file, text) in files {
                if let slash = file.lastIndex(of: "/") { try FileSystem.makeDirectories("\(temporary)/\(file[..<slash])") }
                try FileSystem.writeAtomically(Array(text.utf8), to: "\(temporary)/\(file)")
            }
        } catch {
            removeTree(temporary)
            throw CommandFailure(StoreError.io(error))
        }
        let existed = FileSystem.exists(target)
        if existed, rename(target, old) != 0 {
            removeTree(temporary)
            throw CommandFailure(StoreError.io(FileError(path: target, errno: errno, action: "rename")))
        }
        if rename(temporary, target) != 0 {
            let e = errno
            if existed { _ = rename(old, target) }
            removeTree(temporary)
            throw CommandFailure(StoreError.io(FileError(path: target, errno: e, action: "rename")))
        }
        if existed { removeTree(old) }
        let fd = open(parent, O_RDONLY)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }

    static func removeTree(_ path: String) {
        guard FileSystem.isDirectory(path) else { return }
        for e in FileSystem.list(path) ?? [] {
            let p = "\(path)/\(e.name)"
            if e.isDirectory { removeTree(p) } else { unlink(p) }
        }
        rmdir(path)
    }
}

/// `huifang reopen-period 2026Q3 --reason TEXT`: undoes a close for corrections (recorded).
struct ReopenPeriodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen-period",
        abstract: "Reopen a closed quarter for corrections (recorded in archive/PERIOD/close.yaml); close it again afterwards.",
        discussion: """
            The archived reports stay until the next 'huifang close PERIOD' replaces them; close.yaml keeps \
            who reopened the period, when and why.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The closed quarter, e.g. 2026Q3.") var period: String
    @Option(help: "Why it is reopened (required).") var reason: String
    @Option(help: "Who reopens it (default: $HUIFANG_USER; left out when neither is given).") var by: String?

    func run() throws {
        let ctx = try CommandContext(global)
        let reason: String? = try optionText(reason, "--reason")
        let by = try optionText(by, "--by")
        guard let p = Period(period), p.length == .quarter else {
            throw CommandFailure.usage(Message("close.err.quarter", ["period": period]), hint: Message("close.err.quarter hint", ["example": "2026Q3"]))
        }
        guard let reason, !reason.isEmpty else { throw CommandFailure.usage(Message("reopen.err.reason")) }
        let held = try ctx.lock()
        defer { withExtendedLifetime(held) {} }
        let loaded = try ctx.load(usesRecords: false)
        let L = ctx.catalogue(loaded)
        let history = try PeriodArchive.history(ctx.repository, p.label)
        guard let last = history.last, last.action == .closed else {
            throw CommandFailure.usage(Message("reopen.err.not closed", ["period": p.label]))
        }
        let who = by ?? recorder(nil, fallback: "")
        let entry = PeriodArchive.Entry(action: .reopened, at: ctx.today, by: who.isEmpty ? nil : who, reason: reason, digest: nil)
        try ctx.write(PeriodArchiveFile.closeText(p.label, history + [entry]), to: PeriodArchive.folder(p.label) + "/close.yaml")
        Console.out(L("reopen.done", ["period": p.label, "date": last.at.description, "command": "huifang close \(p.label)"]) + "\n")
    }
}

/// A closed quarter's report (issue 17): the body counts the records as entered by the close
/// (the frozen figures); a section at the top lists each figure restated from today's records
/// beside its frozen value and each record entered after the close or changed since.
struct ClosedPeriodView {
    var section: ClosedPeriod.Section
    /// The report's context over the records as entered by the close.
    var context: ReportContext
    var records: Records

    /// nil when the period is not a closed quarter.
    static func make(_ repo: Repository, _ loaded: LoadedRepository, _ c: ReportContext) throws -> ClosedPeriodView? {
        guard let closing = try PeriodArchive.closing(repo, c.period) else { return nil }
        let r = c.records
        var body = c
        let section = try PeriodArchive.section(repo, loaded, closing, c) { files, recordsChanged in
            // The body: the records as entered by the close, without the files new since it.
            let entered = ClosedPeriod.asEntered(r, by: closing.closedOn, excluding: files.added)
            if !ClosedPeriod.sameCounts(entered, r) {  // else nothing was entered since: the schedule stands
                body.records = entered
                body.schedule = Schedule(entered)
            }
            PhaseTimer.mark("closed period: records as entered by the close")
            // A record file changed or removed since the close is counted as it is now (or is
            // gone): the body's figures may then differ from the frozen ones, and say where.
            guard recordsChanged, !files.compared || !files.changed.isEmpty || !files.removed.isEmpty else { return nil }
            return ClosedPeriod.figures(body)
        }
        return ClosedPeriodView(section: section, context: body, records: r)
    }

    /// `department`: a department's report, which shows the company's figures and its own.
    func attach(to out: ReportOutput, format: ReportCommand.Format, department: String? = nil) -> ReportOutput {
        let (attached, warnings) = ClosedPeriod.attach(section, to: out, records: records, department: department,
                                                       tabular: format == .csv || format == .xlsx, context.labels)
        warnings.forEach(Warnings.add)
        return attached
    }
}

/// A longer or custom period's report (a year, a half) that takes in closed quarters: it counts
/// today's records, and opens with each closed quarter's frozen figures beside their values
/// restated from today's records, the records entered after that close or changed since, and
/// whether its own figures include them.
struct ClosedOverlapView {
    var sections: [ClosedPeriod.Section]
    var period: Period
    var records: Records
    var labels: Catalogue

    /// nil when the period takes in no closed quarter (or is one).
    static func make(_ repo: Repository, _ loaded: LoadedRepository, _ c: ReportContext) throws -> ClosedOverlapView? {
        var sections: [ClosedPeriod.Section] = []
        for q in PeriodArchiveFile.archivedQuarters(repo) {
            guard q != c.period, q.start <= c.period.end, c.period.start <= q.end, let closing = try PeriodArchive.closing(repo, q)
            else { continue }
            sections.append(try PeriodArchive.section(repo, loaded, closing, c) { _, _ in nil })
        }
        return sections.isEmpty ? nil : ClosedOverlapView(sections: sections, period: c.period, records: c.records, labels: c.labels)
    }

    /// The figures of a closed quarter a department's report shows: the company's and its own.
    static func departmentShows(_ department: String, _ key: String) -> Bool { ClosedPeriod.departmentShows(department, key) }

    /// `shown`: the frozen figures the report lists whether or not they changed (its own kind
    /// of figure); `department`: a department's report keeps only the company's and its own.
    func attach(to out: ReportOutput, format: ReportCommand.Format, department: String?, shown: (String) -> Bool) -> ReportOutput {
        let (attached, warnings) = ClosedPeriod.attachWithin(sections, period: period, to: out, records: records, department: department,
                                                             shown: shown, labels)
        warnings.forEach(Warnings.add)
        return attached
    }
}
