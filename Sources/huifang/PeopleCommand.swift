import ArgumentParser
import HuifangCore
import HuifangReport

/// `huifang report people`: per-person figures (绩效) of a period (issue 17; docs/KPIS.md, "People").
extension ReportCommand {
    struct People: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "people",
            abstract: "Per-person performance figures for a period: visitors, issue owners, improvement owners.",
            discussion: """
                Per visitor: visits done, planned visits (due by the counting day) made on or before the due day: those the year's plan \
                names them for (the project's owner when it names none; see 'huifang plan show'), or without a plan those of the projects they own, \
                their visits' satisfaction index and NPS, record completeness. Per issue owner: issues raised in \
                the period that they own, resolved, resolved on time, reopened, mean working days to resolve. Per \
                improvement owner: measures due in the period (by the counting day), done, verified on time by their due date. Every figure with its \
                counts; one counted over fewer than 5 is marked as a small sample.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this department (id from huifang.yaml): its projects' visits, the issues and measures it is responsible for.")
        var department: String?
        @OptionGroup var options: ReportCommand.Options
        @OptionGroup var repositories: RepositorySetOptions

        func run() throws {
            if let entries = try repositories.resolve(global) { return try rollup(entries) }
            try ReportCommand.run(global, options) { c in
                // Nothing dated after the counting day counts here: the warning that such records
                // are counted (the other reports') would be false.
                DatedAfterToday.said = true
                let config = c.records.config
                var dept: HuifangCore.Department?
                if let department {
                    guard let d = config.department(department) else {
                        throw CommandFailure.usage(Message("error.unknown-department", ["id": department]),
                                                   hint: Message("hint.known-departments", ["known": config.departments.map(\.id).joined(separator: ", ")]))
                    }
                    dept = d
                    DepartmentMoves.warn(c, department: d.id)
                }
                return PeopleReport.build(c, department: dept)
            }
        }
    }
}

extension ReportCommand.People {
    /// `report people --repo A --repo B` (or a workspace.yaml): each repository's figures per
    /// person, added up (docs/WORKSPACE.md). With --department, the department must be known
    /// to one of the repositories at least; each counts its own records of it.
    func rollup(_ entries: [RepositorySetOptions.Entry]) throws {
        var dept: HuifangCore.Department?
        var known: [String] = []
        var scales: [Int] = []
        try ReportCommand.rollup(entries, global, options, allowDuplicates: repositories.allowDuplicateProjects, closedPeriod: false,
                                 reduce: { c, source in
                                     let config = c.records.config
                                     if let department, dept == nil { dept = config.department(department) }
                                     // As the one-repository report: a move from or to the department concerns it.
                                     if let department, config.department(department) != nil { DepartmentMoves.warn(c, department: department, in: source) }
                                     for d in config.departments where !known.contains(d.id) { known.append(d.id) }
                                     scales.append(config.satisfaction.scale)
                                     return PeopleKPIs.compute(c.records, schedule: c.schedule, period: c.period, today: c.today, department: department)
                                 }) { parts, sources, period, today, L in
            if let department, dept == nil {
                throw CommandFailure.usage(Message("error.unknown-department", ["id": department]),
                                           hint: Message("hint.known-departments", ["known": known.joined(separator: ", ")]))
            }
            return RollupReport.people(parts, sources: sources, scales: scales, period: period, today: today, department: dept, L)
        }
    }
}
