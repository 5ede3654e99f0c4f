import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports and KPIs for a period: a project, a department, or the company summary.",
        discussion: """
            KPIs (policy section 10): visit-plan completion, satisfaction index, CSAT, NPS, issue resolution \
            and on-time rates, record completeness, overdue visits, issues and customer confirmations at the \
            period's end. A rate \
            with nothing to count is n/a; every rate is shown with its counts, and one over fewer than 5 is \
            marked as a small sample. Formats: md (renders on a git forge), html (one self-contained \
            printable file with charts), json, csv (--excel: for Excel), xlsx (a spreadsheet: one sheet per table, \
            one per department in the summary, and the data at full precision). A quarter closed with \
            'huifang close' is reported as its records were entered by the close; the summary, department and \
            assessment reports then list the records entered later and each restated figure beside the frozen one.
            """,
        subcommands: [Summary.self, Department.self, Project.self, Assessment.self, People.self, Needs.self, Competitors.self]
    )

    @OptionGroup var global: GlobalOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, html, json, csv, xlsx }

    /// Options every report takes.
    struct Options: ParsableArguments {
        @Option(help: "The period: \(Period.expectedForm) (default: the quarter of the as-of date).", transform: parsePeriodArgument)
        var period: Period?
        @Option(help: "Start of a custom period (with --to).", transform: parseDayArgument) var from: Day?
        @Option(help: "End of a custom period (with --from).", transform: parseDayArgument) var to: Day?
        @Option(help: "Output format: md (aligned tables on a terminal), html, json, csv or xlsx (with -o FILE.xlsx).") var format: Format = .md
        @Option(name: .shortAndLong, help: outputHelp) var output: String?
        @Flag(help: forceHelp) var force = false
        @Flag(inversion: .prefixedNo, help: excelHelp) var excel: Bool?

        func resolvedPeriod(today: Day) throws -> Period {
            switch (period, from, to) {
            case (let p?, nil, nil): return p
            case (nil, let f?, let t?):
                guard f <= t else { throw CommandFailure.usage(Message("error.from-after-to", ["from": f.description, "to": t.description])) }
                return Period(start: f, end: t)
            case (nil, nil, nil): return Period.containing(today, length: .quarter)
            case (_?, _, _): throw CommandFailure.usage(Message("error.period-and-range"))
            default: throw CommandFailure.usage(Message("error.from-and-to"))
            }
        }
    }

    /// Reads the repository and hands the pieces every report needs to `build`.
    /// `closedPeriod`: the report is one of those a close archives (summary, department,
    /// assessment): for a closed quarter it counts the records as entered by the close and
    /// opens with the restated figures and the late entries (`ClosedPeriodView`).
    /// `closedFigures`: which frozen figures of a closed quarter a longer period's report lists
    /// (by key; default: the company's, and a department's own in its report).
    static func run(_ global: GlobalOptions, _ options: Options, scopeSheets: Bool = false, closedPeriod: Bool = false,
                    department: String? = nil, closedFigures: ((String) -> Bool)? = nil,
                    _ build: (ReportContext) throws -> ReportOutput) throws {
        let ctx = try CommandContext(global)
        let loaded = try ctx.load()
        let r = loaded.records
        let excel = try SpreadsheetOutput.excel(options.excel, isCSV: options.format == .csv, config: r.config, ctx.catalogue(loaded))
        let period = try options.resolvedPeriod(today: ctx.today)
        PhaseTimer.mark("load returned")
        let schedule = Schedule(r)
        PhaseTimer.mark("schedule")
        let L = ctx.catalogue(loaded)
        var context = ReportContext(records: r, schedule: schedule, period: period, today: ctx.today,
                                    labels: L,
                                    linkBase: options.output.map { linkBase(output: $0, root: ctx.repository.root) } ?? "")
        let closed = closedPeriod ? try ClosedPeriodView.make(ctx.repository, loaded, context) : nil
        let within = closedPeriod && closed == nil ? try ClosedOverlapView.make(ctx.repository, loaded, context) : nil
        if let closed { context = closed.context }
        var out = try build(context)
        if let closed { out = closed.attach(to: out, format: options.format, department: department) }
        if let within {
            let shown = closedFigures ?? { key in department.map { ClosedOverlapView.departmentShows($0, key) } ?? key.hasPrefix("total.") }
            out = within.attach(to: out, format: options.format, department: department, shown: shown)
        }
        DatedAfterToday.warn(context, projects: department.map { d in Set(r.projects.filter { $0.department == d }.map(\.id)) })
        DatedAfterToday.warnNotBegun(context)
        PlanTargets.warn(context.records, period: period)
        PhaseTimer.mark("report")
        CalendarNotice.noteInReport(r.calendar.uncoveredYears(reachedBy: period, schedule: schedule, issues: r.issues), config: r.config)
        try emit(out, options, excel: excel, scopeSheets: scopeSheets, repository: ctx.repository, reads: SpreadsheetOutput.reads(r),
                 context.labels)
        KeptUntilExit.hold((schedule, context, out))
    }

    /// Writes a report's output as `options` ask: xlsx (its warnings in a sheet), or the text of
    /// its format, to `-o` (never over a file the report read: `reads`, relative to
    /// `repository`) or standard output — on a terminal, aligned tables rather than Markdown's
    /// pipes. Shared by one repository's reports and the roll-up.
    static func emit(_ out: ReportOutput, _ options: Options, excel: Bool, scopeSheets: Bool, repository: Repository, reads: [String],
                     _ L: Catalogue) throws {
        if options.format == .xlsx {
            let bytes = try XLSXWriter.write(ReportWorkbook.make(out, warnings: Warnings.all, labels: L, scopeSheets: scopeSheets))
            PhaseTimer.mark("render")
            if try SpreadsheetOutput.write(bytes, to: options.output, force: options.force, repository: repository, reads: reads, L),
                let output = options.output
            {
                Console.err(L("report.wrote", ["path": WorkingFolder.shown(output)]) + "\n")
            }
            return
        }
        let text: String
        switch options.format {
        case .md:
            text = options.output == nil && Terminal.stdoutIsTerminal ? TerminalRenderer.render(Warnings.attach(to: out.document))
                : MarkdownRenderer.render(Warnings.attach(to: out.document)) + "\n"
        case .html: text = HTMLRenderer.render(Warnings.attach(to: out.document))
        case .json: text = Warnings.attach(to: out.json).render() + "\n"
        case .csv: text = SpreadsheetOutput.csv(CSVWriter.render(headers: out.csv.headers, rows: out.csv.rows), excel: excel)
        case .xlsx: return
        }
        PhaseTimer.mark("render")
        if let output = options.output {
            if try OutputFile.write(text, to: output, force: options.force, repository: repository, reads: reads) {
                Console.err(L("report.wrote", ["path": WorkingFolder.shown(output)]) + "\n")
            }
        } else {
            Console.out(text)
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summary",
            abstract: "The company summary report: an overview, KPIs per department and in total, trend, major and recurring problems, improvements, recommendations.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: Options
        @OptionGroup var repositories: RepositorySetOptions

        func run() throws {
            if let entries = try repositories.resolve(global) {
                return try ReportCommand.rollup(entries, global, options, allowDuplicates: repositories.allowDuplicateProjects, closedPeriod: true,
                                                reduce: { UnknownDepartments.warn($0.records, in: $1); DepartmentMoves.warn($0, department: nil, in: $1)
                                                    NotYetDue.warn($0, projects: nil, in: $1); return RollupPart.reduce($0, source: $1) }) { parts, _, period, today, L in
                    RollupReport.summary(parts, period: period, today: today, prefixProjects: repositories.allowDuplicateProjects, L)
                }
            }
            try ReportCommand.run(global, options, scopeSheets: true, closedPeriod: true) { c in
                UnknownDepartments.warn(c.records)
                DepartmentMoves.warn(c, department: nil)
                NotYetDue.warn(c, projects: nil)
                return SummaryReport.build(c)
            }
        }
    }

    struct Department: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "department",
            abstract: "A department's report: an overview, KPIs and trend, its projects, overdue visits and issues, visitors, customer needs, recommendations.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Department id (from huifang.yaml).") var department: String
        @OptionGroup var options: Options

        func run() throws {
            try ReportCommand.run(global, options, closedPeriod: true, department: department) { c in
                let config = c.records.config
                guard let dept = config.department(department) else {
                    throw CommandFailure.usage(Message("error.unknown-department", ["id": department]),
                                               hint: Message("hint.known-departments", ["known": config.departments.map(\.id).joined(separator: ", ")]))
                }
                DepartmentMoves.warn(c, department: dept.id)
                NotYetDue.warn(c, projects: KPIEngine.projects(of: dept.id, in: c.records))
                return DepartmentReport.build(c, dept)
            }
        }
    }

    struct Project: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "project",
            abstract: "A project's visit report: basics, visits, problems and their resolution, satisfaction, open items, customer needs.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id (or a unique prefix).") var project: String
        @OptionGroup var options: Options

        func run() throws {
            try ReportCommand.run(global, options) { c in
                let p = try c.records.requireProject(project)
                DatedAfterToday.warn(c, projects: [p.id])
                return ProjectReport.build(c, p)
            }
        }
    }
}

/// The relative way from the folder of `output` (a path given on the command line) to the
/// repository `root`, ending in '/' (empty when they are the same folder).
func linkBase(output: String, root: String) -> String {
    let absolute = output.hasPrefix("/") ? output : FileSystem.currentDirectory() + "/" + output
    let folder = absolute.lastIndex(of: "/").map { String(absolute[..<$0]) } ?? "."
    let from = (FileSystem.realPath(folder.isEmpty ? "/" : folder) ?? folder).split(separator: "/")
    let to = (FileSystem.realPath(root) ?? root).split(separator: "/")
    var common = 0
    while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
    let path = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
    return path.isEmpty ? "" : path.joined(separator: "/") + "/"
}
