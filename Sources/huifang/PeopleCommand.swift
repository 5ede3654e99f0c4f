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

        func run() throws {
            try ReportCommand.run(global, options) { c in
                let config = c.records.config
                var dept: HuifangCore.Department?
                if let department {
                    guard let d = config.department(department) else {
                        throw CommandFailure.usage(Message("error.unknown-department", ["id": department]),
                                                   hint: Message("hint.known-departments", ["known": config.departments.map(\.id).joined(separator: ", ")]))
                    }
                    dept = d
                }
                return PeopleReport.build(c, department: dept)
            }
        }
    }
}
