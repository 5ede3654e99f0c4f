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
            (with the level an overdue issue should escalate to), resolved issues whose customer \
            confirmation is due or overdue, and how many records fail 'huifang check'. A warning heads it \
            while today's year or an open item's date lies in a year that no calendar file covers (see \
            'huifang calendar').
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try CommandContext(global)
        let loaded = try ctx.load(crossRecordRules: true, reportsFindings: true)
        let r = loaded.records
        let today = ctx.today
        let schedule = Schedule(r)
        let org = TerminalText.clean(r.config.organization.isEmpty ? ctx.repository.root : r.config.organization)
        let open = r.issues.filter { $0.isOpen(on: today) }
        let visitsSoFar = r.visits.filter { $0.date <= today }.count
        var s = ""
        // A year of open work without calendar data heads the status (and is not said again on stderr).
        let uncovered = r.calendar.uncoveredYears(openOn: today, records: r, schedule: schedule)
        if !uncovered.isEmpty {
            s += CalendarNotice.text(years: uncovered, config: r.config) + "\n"
        }
        CalendarNotice.shownInOutput = true
        s += "On \(today) in \(org)\n"
        s += "\(r.projects.count) project\(r.projects.count == 1 ? "" : "s"), \(visitsSoFar) visit\(visitsSoFar == 1 ? "" : "s"), "
        s += "\(open.count) open issue\(open.count == 1 ? "" : "s")\n"
        if !loaded.unreadable.isEmpty {
            // First: everything below leaves these records out.
            s += "\n" + Terminal.red("\(UnreadableRecord.count(loaded.unreadable.count)) could not be read and \(loaded.unreadable.count == 1 ? "is" : "are") left out below") + ":\n"
            for u in loaded.unreadable.prefix(CommandContext.unreadableShown) {
                s += "  " + TerminalText.clean("\(u.first.path):\(u.first.line):\(u.first.column): \(u.first.message)") + "\n"
            }
            if loaded.unreadable.count > CommandContext.unreadableShown {
                s += "  ... and \(loaded.unreadable.count - CommandContext.unreadableShown) more\n"
            }
            s += "  run 'huifang check' to see every problem and how to fix it\n"
        }

        let agenda = Agenda.entries(r, schedule: schedule, today: today, until: today.adding(days: 14))
        let visits = agenda.filter { if case .visit = $0.subject { return true } else { return false } }
        let issues = agenda.filter { if case .issue = $0.subject { return true } else { return false } }
        let confirmations = agenda.filter { if case .confirmation = $0.subject { return true } else { return false } }
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
            [e.due.description, "\(e.daysOverdue)d late", e.project.rawValue, issueLabel(e), e.responsibleText, e.title]
        }
        section("Open issues due in the next two weeks", issues.filter { !$0.isOverdue }) { e in
            [e.due.description, e.daysOverdue == 0 ? "today" : "in \(-e.daysOverdue)d", e.project.rawValue, issueLabel(e), e.responsibleText, e.title]
        }
        section("Customer confirmations past due", confirmations.filter(\.isOverdue)) { e in
            [e.due.description, "\(e.daysOverdue)d late", e.project.rawValue, confirmationLabel(e), e.responsibleText, e.title]
        }
        section("Customer confirmations due in the next two weeks", confirmations.filter { !$0.isOverdue }) { e in
            [e.due.description, e.daysOverdue == 0 ? "today" : "in \(-e.daysOverdue)d", e.project.rawValue, confirmationLabel(e), e.responsibleText, e.title]
        }
        // Complaints go to the customer-service head as well (policy §三.4): every one still open
        // or awaiting the customer's confirmation, whatever its deadline.
        var complaintCount = 0
        if let cs = r.config.customerService {
            // An open complaint by its deadline; a resolved one by its confirmation's due date.
            func due(_ i: Issue) -> Day { i.confirmationDue(r.config.policy, calendar: r.calendar) ?? i.due }
            let complaints = r.issues.filter { $0.source == .complaint && ($0.isOpen || $0.status == .resolved) && $0.raised <= today }
                .sorted { (due($0), $0.id) < (due($1), $1.id) }
            complaintCount = complaints.count
            if !complaints.isEmpty {
                s += "\n" + Terminal.bold("Complaints followed by \(cs.head) (\(cs.name), \(cs.id))") + " (\(complaints.count)):\n"
                var t = TextTable(headers: [])
                for i in complaints {
                    let days = due(i).days(until: today)
                    var state = days > 0 ? "\(days)d late" : days == 0 ? "today" : "in \(-days)d"
                    if i.status == .resolved { state = "to confirm, " + state }
                    t.add([due(i).description, state, i.project.rawValue, "\(i.id) \(i.severity.rawValue)", "\(i.owner) (\(i.department))", i.title])
                }
                t.maxWidth = [5: 48]
                s += t.renderRows(indent: "  ")
            }
        }
        let errors = loaded.errorCount
        if errors > 0 {
            let files = Set(loaded.findings.filter { $0.severity == .error }.map(\.path)).count
            s += "\n\(errors) problem\(errors == 1 ? "" : "s") in \(files) record\(files == 1 ? "" : "s"): run 'huifang check'\n"
        }
        if agenda.isEmpty && complaintCount == 0 && errors == 0 {
            s += "\nNothing needs attention.\n"
        }
        Console.out(styled: s)
    }

    func kindName(_ e: AgendaEntry) -> String {
        if case .visit(let k) = e.subject { return k.rawValue }
        return ""
    }

    func confirmationLabel(_ e: AgendaEntry) -> String {
        guard case .confirmation(let id) = e.subject else { return "" }
        return "\(id) confirm"
    }

    func issueLabel(_ e: AgendaEntry) -> String {
        guard case .issue(let id, let severity) = e.subject else { return "" }
        if e.isOverdue {
            return "\(id) \(severity.rawValue) → \(severity.escalationTarget.code)"
        }
        return "\(id) \(severity.rawValue)"
    }
}
