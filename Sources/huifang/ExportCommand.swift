import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export schedules to other tools.",
        subcommands: [ICS.self]
    )

    @OptionGroup var global: GlobalOptions
}

extension ExportCommand {
    struct ICS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "Due visits and issue deadlines as an iCalendar (.ics) file.",
            discussion: """
                All-day events, one per due visit, open-issue deadline and customer confirmation due \
                (policy.confirm_within after a resolution), overdue ones on their due date. \
                UIDs are stable, so importing a newer export updates the events instead of duplicating them. \
                Warnings (records left out with --ignore-invalid, a year without calendar data, ...) go \
                into the file too: its description (X-WR-CALDESC) and one X-HUIFANG-WARNING each.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: "How far ahead to look (90d, 3m, ...).", transform: parseDurationArgument)
        var within: Duration = Duration(90, .days)
        @Option(name: .shortAndLong, help: outputHelp) var output: String?
        @Flag(help: forceHelp) var force = false

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let schedule = Schedule(r)
            let until = r.calendar.adding(within, to: ctx.today)
            let entries = Agenda.entries(r, schedule: schedule, today: ctx.today, until: until)
            let projects = Dictionary(r.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let name = r.config.organization.isEmpty ? "huifang" : L("export.calendar_name", ["organization": r.config.organization])
            var cal = ICalendar(name: name, stamp: ctx.today.compact + "T000000Z")
            for e in entries {
                r.calendar.noteReached(from: e.due, through: e.due)  // warned about at the end, as `due` does
                let pname = projects[e.project]?.name ?? e.project.rawValue
                let summary: String
                let category: String
                switch e.subject {
                case .visit(let k):
                    summary = L("export.visit", ["project": pname, "kind": L.word(k)])
                    category = "visit"
                case .issue(let id, let s):
                    summary = L("export.issue", ["project": pname, "title": e.title, "severity": L.word(s)])
                    category = "issue \(id)"
                case .confirmation(let id):
                    summary = L("export.confirmation", ["project": pname])
                    category = "confirmation \(id)"
                case .riskReview(let id):
                    summary = L("export.risk", ["project": pname, "title": e.title])
                    category = "risk \(id)"
                }
                var description = L("export.description", ["what": L.about(e), "project": e.project.rawValue, "who": L.responsible(e)])
                if e.isOverdue { description += "\n" + L("export.overdue", ["late": L.lateness(e.daysOverdue), "day": ctx.today.description]) }
                cal.events.append(ICalendar.Event(uid: "\(e.key)@huifang", date: e.due.description, summary: summary,
                                                  description: description, categories: ["huifang", category]))
            }
            CalendarNotice.noteReached(r)  // the years without calendar data go into the file too
            cal.warnings = Warnings.all
            let text = cal.render()
            if let output {
                let reads = r.config.calendarFiles + r.issues.compactMap(\.caseAnalysis)
                if try OutputFile.write(text, to: output, force: force, repository: ctx.repository, reads: reads) {
                    Console.err(L("export.wrote", ["n": String(cal.events.count), "path": WorkingFolder.shown(output)]) + "\n")
                }
            } else {
                Console.out(text)
            }
        }
    }
}
