import ArgumentParser
import Foundation
import HuifangCore
import HuifangReport
import HuifangStore
import HuifangYAML

/// `archive/PERIOD/`: what `huifang close` wrote (docs/CLOSING.md). `close.yaml` keeps every
/// close and reopening of the period (who, when, why); the period is closed when the last is a close.
enum PeriodArchive {
    static func folder(_ label: String) -> String { "archive/\(label)" }

    struct Entry {
        var action: String
        var at: Day
        var by: String?
        var reason: String?
        var digest: String?

        var yaml: YAMLValue {
            var m: [(String, YAMLValue)] = [("action", .plain(action)), ("at", .plain(at.description))]
            if let by { m.append(("by", .string(by))) }
            if let digest { m.append(("digest", .string(digest))) }
            if let reason { m.append(("reason", .string(reason))) }
            return .flowMap(m)
        }
    }

    static func closeFile(_ repo: Repository, _ label: String) -> String { repo.path(folder(label) + "/close.yaml") }

    static func closeYAML(_ label: String, _ history: [Entry]) -> String {
        YAMLWriter.document([("period", .plain(label)), ("history", .blockList(history.map(\.yaml)))])
    }

    /// The period's closes and reopenings, oldest first; empty when it was never closed.
    static func history(_ repo: Repository, _ label: String) throws -> [Entry] {
        let path = closeFile(repo, label)
        guard FileSystem.exists(path) else { return [] }
        let relative = folder(label) + "/close.yaml"
        func bad() -> CommandFailure {
            CommandFailure.data(Message("close.err.bad file", ["file": relative]), hint: Message("close.err.bad file hint"))
        }
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch { throw CommandFailure.data(Message("close.err.bad file", ["file": relative])) }
        guard let root = try? YAMLParser.parse(bytes), let items = root["history"]?.items else { throw bad() }
        return try items.map { item in
            guard let action = item["action"]?.scalar, ["closed", "reopened"].contains(action),
                let at = item["at"]?.scalar.flatMap(Day.init)
            else { throw bad() }
            return Entry(action: action, at: at, by: item["by"]?.scalar, reason: item["reason"]?.scalar, digest: item["digest"]?.scalar)
        }
    }

    /// The close in force for `period`, with its frozen figures; nil when it is not closed.
    static func closing(_ repo: Repository, _ period: Period) throws -> ClosedPeriod.Closing? {
        guard period.length == .quarter, let last = try history(repo, period.label).last, last.action == "closed" else { return nil }
        let relative = folder(period.label) + "/kpis.json"
        func bad() -> CommandFailure {
            CommandFailure.data(Message("close.err.bad file", ["file": relative]), hint: Message("close.err.bad file hint"))
        }
        guard let bytes = try? FileSystem.read(repo.path(relative)),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let figures = object["figures"] as? [[String: Any]], let digest = object["digest"] as? String
        else { throw bad() }
        let frozen = try figures.map { f -> ClosedPeriod.Figure in
            guard let key = f["key"] as? String else { throw bad() }
            return ClosedPeriod.Figure(key: key, value: (f["value"] as? NSNumber)?.doubleValue)
        }
        return ClosedPeriod.Closing(period: period, closedOn: last.at, by: last.by, digest: digest, frozen: frozen)
    }

    /// Every quarter closed now, by label.
    static func closings(_ repo: Repository) -> [ClosedPeriod.Closing] {
        (FileSystem.list(repo.path("archive")) ?? []).compactMap { entry in
            guard entry.isDirectory, let p = Period(entry.name), p.length == .quarter else { return nil }
            return try? closing(repo, p)
        }
    }

    /// The per-file checksums archived by the close (`records.txt`); nil when the archive has
    /// none (closed by a huifang that kept only the digest).
    static func recordList(_ repo: Repository, _ period: Period) throws -> RecordList? {
        let relative = folder(period.label) + "/" + RecordList.fileName
        guard FileSystem.exists(repo.path(relative)) else { return nil }
        guard let bytes = try? FileSystem.read(repo.path(relative)), let list = RecordList(parsing: bytes) else {
            throw CommandFailure.data(Message("close.err.bad file", ["file": relative]), hint: Message("close.err.bad file hint"))
        }
        return list
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
        if FileSystem.exists(repo.path(folder(period.label) + "/" + RecordList.fileName)) {
            // The archived list is read only when the digest differs: to name the files.
            if let now = RecordList.of(loaded, period: period) {
                digestNow = now.digest
                PhaseTimer.mark("closed period: checksums now")
                if digestNow == closing.digest {
                    files = ClosedPeriod.FileChanges(compared: true)
                } else if let archived = try recordList(repo, period), archived.version == now.version {
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
        for entry in FileSystem.list(repo.path("archive")) ?? [] {
            guard entry.isDirectory, let p = Period(entry.name), p.length == .quarter else { continue }
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

    /// The kpis.json of a close: the period, the day, the digest and every frozen figure.
    static func kpisJSON(_ period: Period, closedOn: Day, digest: String, figures: [ClosedPeriod.Figure]) -> String {
        JSONValue.object([
            ("period", .string(period.label)), ("closed_on", .string(closedOn.description)), ("digest", .string(digest)),
            ("digest_of", .string("XXH64 of records.txt: each record file bearing on the period with its checksum, see docs/CLOSING.md")),
            ("figures", .array(figures.map { .object([("key", .string($0.key)), ("value", .optional($0.value))]) })),
        ]).render() + "\n"
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
        if let last = history.last, last.action == "closed" {
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
        files.append(("kpis.json", PeriodArchive.kpisJSON(p, closedOn: ctx.today, digest: digest, figures: figures)))
        let who = by ?? recorder(nil, fallback: "")
        let entry = PeriodArchive.Entry(action: "closed", at: ctx.today, by: who.isEmpty ? nil : who, reason: nil, digest: digest)
        files.append(("close.yaml", PeriodArchive.closeYAML(p.label, history + [entry])))
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
        guard let last = history.last, last.action == "closed" else {
            throw CommandFailure.usage(Message("reopen.err.not closed", ["period": p.label]))
        }
        let who = by ?? recorder(nil, fallback: "")
        let entry = PeriodArchive.Entry(action: "reopened", at: ctx.today, by: who.isEmpty ? nil : who, reason: reason, digest: nil)
        try ctx.write(PeriodArchive.closeYAML(p.label, history + [entry]), to: PeriodArchive.folder(p.label) + "/close.yaml")
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
        var out = out
        let L = context.labels
        var s = section
        if let department { s.changes = s.changes.filter { ClosedOverlapView.departmentShows(department, $0.key) } }
        out.document.blocks.insert(contentsOf: ClosedPeriod.blocks(s.closing, changes: s.changes, late: s.late, digestNow: s.digestNow,
                                                                  files: s.files, records, L), at: 0)
        if case .object(let pairs) = out.json {
            out.json = .object(pairs + ClosedPeriod.json(s.closing, changes: s.changes, late: s.late, digestNow: s.digestNow, files: s.files))
        }
        if format == .csv || format == .xlsx, !s.changes.isEmpty || !s.late.isEmpty {
            Warnings.add(L("closed.csv note", ["period": s.closing.period.label, "date": s.closing.closedOn.description, "n": String(s.changes.count)]))
        }
        return out
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
        for entry in (FileSystem.list(repo.path("archive")) ?? []).sorted(by: { $0.name < $1.name }) {
            guard entry.isDirectory, let q = Period(entry.name), q.length == .quarter, q != c.period,
                q.start <= c.period.end, c.period.start <= q.end, let closing = try PeriodArchive.closing(repo, q)
            else { continue }
            sections.append(try PeriodArchive.section(repo, loaded, closing, c) { _, _ in nil })
        }
        return sections.isEmpty ? nil : ClosedOverlapView(sections: sections, period: c.period, records: c.records, labels: c.labels)
    }

    /// The figures of a closed quarter a department's report shows: the company's and its own.
    static func departmentShows(_ department: String, _ key: String) -> Bool {
        key.hasPrefix("total.") || key.hasPrefix("department.\(department).") || key.hasPrefix("assessment.\(department).")
    }

    /// `shown`: the frozen figures the report lists whether or not they changed (its own kind
    /// of figure); `department`: a department's report keeps only the company's and its own.
    func attach(to out: ReportOutput, format: ReportCommand.Format, department: String?, shown: (String) -> Bool) -> ReportOutput {
        var out = out
        let L = labels
        var blocks: [ReportDocument.Block] = []
        var json: [JSONValue] = []
        var lateCount = 0
        var names: [String] = []
        for var s in sections {
            if let department { s.changes = s.changes.filter { Self.departmentShows(department, $0.key) } }
            blocks += ClosedPeriod.withinBlocks(s, shown: shown, records, L)
            json.append(ClosedPeriod.withinJSON(s))
            let counted = s.late.filter { $0.change != "entered" || s.closing.period.contains($0.date ?? s.closing.period.start) }.count
                + s.files.removed.count
            if counted > 0 || s.recordsChanged { names.append(s.closing.period.label) }
            lateCount += counted
            if !s.late.isEmpty || s.recordsChanged {
                Warnings.add(L("closed.overlap late", ["period": period.label, "quarter": s.closing.period.label, "n": String(s.late.count),
                                                       "closed": s.closing.closedOn.description]))
            }
        }
        let includes = !names.isEmpty
        blocks.append(.paragraph(includes
            ? L("closed.within counts late", ["period": period.label, "quarters": names.joined(separator: ", "), "n": String(lateCount)])
            : L("closed.within counts frozen", ["period": period.label, "quarters": sections.map(\.closing.period.label).joined(separator: ", ")])))
        out.document.blocks.insert(contentsOf: blocks, at: 0)
        if case .object(let pairs) = out.json {
            out.json = .object(pairs + [("closed_quarters", .array(json)), ("includes_late_entries", .bool(includes))])
        }
        return out
    }
}
