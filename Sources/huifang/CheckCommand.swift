import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every record; exit 1 when anything is wrong.",
        discussion: """
            Reports every problem, not just the first: YAML syntax, types, allowed values, real dates, \
            scores within the scale, references between records, duplicate ids, files in the wrong place \
            and merge-conflict markers, as 'path:line:col: error: message' with a hint. Open work in a year \
            that no calendar file covers is a warning on huifang.yaml; a visit, issue or risk dated after \
            today (the as-of day) is a warning at its file. Warnings do not change the exit code.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var global: GlobalOptions
    @Option(help: "Output format: text or json.") var format: Format = .text
    @Flag(help: "Validate workspace.yaml (found from the working folder upwards) instead of a repository's records: every listed path a repository, names unique, keys known (also done without this flag in a workspace's folder that is not a repository).")
    var workspace = false

    func run() throws {
        if workspace { return try checkWorkspace(Self.findWorkspace(global)) }
        if let file = Self.workspaceInstead(of: global) { return try checkWorkspace(file) }
        let ctx = try CommandContext(global)
        let loaded = Terminal.progress("reading \(ctx.repository.root)") {
            RepositoryLoader.load(ctx.repository, .init(useCache: ctx.useCache, keepUntilExit: true))
        }
        if !loaded.configFailed { MessageLanguage.repository = loaded.records.config.language }
        let extra = calendarWarning(loaded, today: ctx.today)
            + (loaded.configFailed ? [] : PeriodArchive.lateEntryFindings(ctx.repository, loaded.records, MessageLanguage.catalogue))
            + (loaded.configFailed ? [] : caseAnalysisFindings(loaded.records, ctx.repository))
            + (loaded.configFailed ? [] : DatedAfterToday.findings(loaded.records, today: ctx.today))
        PhaseTimer.mark("calendar coverage of the open work")
        let findings = extra.isEmpty ? loaded.findings : (loaded.findings + extra).sorted()
        CalendarNotice.shownInOutput = true  // check says it as a finding
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        switch format {
        case .json:
            let json = CheckJSON.make(files: loaded.fileCount, findings: findings, catalogue: MessageLanguage.catalogue)
            Console.out(json.render() + "\n")
        case .text:
            Terminal.page(findings.map(Console.format).joined(), styled: true)
            let c = MessageLanguage.catalogue
            let summary = (errors == 0 && warnings == 0
                ? c.text("check.ok", ["files": String(loaded.fileCount)])
                : c.text("check.summary", ["errors": c.text(errors == 1 ? "check.errors.one" : "check.errors", ["count": String(errors)]),
                                           "warnings": c.text(warnings == 1 ? "check.warnings.one" : "check.warnings", ["count": String(warnings)]),
                                           "files": String(loaded.fileCount)])) + "\n"
            if errors > 0 { Console.err(summary) } else { Console.out(summary) }
        }
        if errors > 0 { throw ExitCode(1) }
    }

    /// A warning on huifang.yaml when the open work lies in a year that no calendar file covers
    /// (nothing to say when the configuration or a calendar file is broken: those are errors).
    /// Only the schedule's items open today are made, and only until every year they could
    /// reach is found: the coverage asks for no others.
    func calendarWarning(_ loaded: LoadedRepository, today: Day) -> [Finding] {
        guard !loaded.configFailed, loaded.calendarErrors.isEmpty else { return [] }
        let r = loaded.records
        // A year that looks incomplete (DoubtfulYear) is named wherever it lies: its data is wrong.
        let years = Set(r.calendar.uncoveredYears(openOn: today, records: r))
            .union(r.calendar.doubtfulYears.keys).sorted()
        guard !years.isEmpty else { return [] }
        let (message, hint) = CalendarNotice.warning(years: years, config: r.config)
        return [Finding(.warning, path: Repository.configFile, message: message, hint: hint, code: .calendarUncovered)]
    }
}
