import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "What needs attention today, git-status style.",
        discussion: """
            Overdue visits, visits due in the next two weeks, open issues past or near their deadline \
            (with the level an overdue issue should escalate to), and how many records fail 'huifang check'.
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try CommandContext(global)
        let loaded = try ctx.load(crossRecordRules: true)
        let r = loaded.records
        let today = ctx.today
        let schedule = Schedule(r)
        warnUncovered(schedule, r)
        let org = TerminalText.clean(r.config.organization.isEmpty ? ctx.repository.root : r.config.organization)
        let open = r.issues.filter { $0.isOpen && $0.raised <= today }
        let visitsSoFar = r.visits.filter { $0.date <= today }.count
        var s = "On \(today) in \(org)\n"
        s += "\(r.projects.count) project\(r.projects.count == 1 ? "" : "s"), \(visitsSoFar) visit\(visitsSoFar == 1 ? "" : "s"), "
        s += "\(open.count) open issue\(open.count == 1 ? "" : "s")\n"

        let agenda = Agenda.entries(r, schedule: schedule, today: today, until: today.adding(days: 14))
        let visits = agenda.filter { if case .visit = $0.subject { return true } else { return false } }
        let issues = agenda.filter { if case .issue = $0.subject { return true } else { return false } }
        func section(_ title: String, _ entries: [AgendaEntry], _ line: (AgendaEntry) -> [String]) {
            guard !entries.isEmpty else { return }
            s += "\n" + (title.hasPrefix("Overdue") || title.contains("past") ? Terminal.red(title) : Terminal.bold(title)) + " (\(entries.count)):\n"
            var t = TextTable(headers: [])
            for e in entries { t.add(line(e)) }
            t.maxWidth = [5: 48]
            s += t.renderRows(indent: "  ")
        }
        let lateVisits = visits.filter(\.isOverdue)
        section("Overdue visits", lateVisits) { e in
            [e.due.description, "\(e.daysOverdue)d late", e.project.rawValue, kindName(e), e.responsible, e.title]
        }
        section("Visits due in the next two weeks", visits.filter { !$0.isOverdue }) { e in
            [e.due.description, e.daysOverdue == 0 ? "today" : "in \(-e.daysOverdue)d", e.project.rawValue, kindName(e), e.responsible, e.title]
        }
        section("Open issues past their deadline", issues.filter(\.isOverdue)) { e in
            [e.due.description, "\(e.daysOverdue)d late", e.project.rawValue, issueLabel(e), e.responsible, e.title]
        }
        section("Open issues due in the next two weeks", issues.filter { !$0.isOverdue }) { e in
            [e.due.description, e.daysOverdue == 0 ? "today" : "in \(-e.daysOverdue)d", e.project.rawValue, issueLabel(e), e.responsible, e.title]
        }
        let errors = loaded.errorCount
        if errors > 0 {
            let files = Set(loaded.findings.filter { $0.severity == .error }.map(\.path)).count
            s += "\n\(errors) problem\(errors == 1 ? "" : "s") in \(files) record\(files == 1 ? "" : "s"): run 'huifang check'\n"
        }
        if agenda.isEmpty && errors == 0 {
            s += "\nNothing needs attention.\n"
        }
        Console.out(styled: s)
    }

    func kindName(_ e: AgendaEntry) -> String {
        if case .visit(let k) = e.subject { return k.rawValue }
        return ""
    }

    func issueLabel(_ e: AgendaEntry) -> String {
        guard case .issue(let id, let severity) = e.subject else { return "" }
        if e.isOverdue {
            return "\(id) \(severity.rawValue) → \(severity.escalationTarget)"
        }
        return "\(id) \(severity.rawValue)"
    }
}
