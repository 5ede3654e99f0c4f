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
        ReadWarnings.warn(r)
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
        let L = ctx.catalogue(loaded)
        func count(_ key: String, _ n: Int) -> String { L(n == 1 ? key + "1" : key, ["n": String(n)]) }
        s += L("status.head", ["day": today.description, "organization": org]) + "\n"
        s += [count("status.projects", r.projects.count), count("status.visits", visitsSoFar),
              count("status.open", open.count)].joined(separator: L["status.sep"]) + "\n"
        if !loaded.unreadable.isEmpty {
            // First: everything below leaves these records out.
            let n = loaded.unreadable.count
            s += "\n" + Terminal.red(L(n == 1 ? "status.unreadable1" : "status.unreadable", ["records": count("status.record_n", n)])) + L["issue.colon"] + "\n"
            for u in loaded.unreadable.prefix(CommandContext.unreadableShown) {
                s += "  " + TerminalText.clean("\(u.first.path):\(u.first.line):\(u.first.column): \(L.message(u.first))") + "\n"
            }
            if loaded.unreadable.count > CommandContext.unreadableShown {
                s += "  " + L("status.more", ["n": String(loaded.unreadable.count - CommandContext.unreadableShown)]) + "\n"
            }
            s += "  " + L["status.run_check"] + "\n"
        }

        let late = PeriodArchive.lateEntryWarnings(ctx.repository, r, L)
        if !late.isEmpty {
            s += "\n" + late.map { Terminal.yellow(TerminalText.clean($0)) + "\n" }.joined()
        }

        let agenda = Agenda.entries(r, schedule: schedule, today: today, until: today.adding(days: 14))
        let visits = agenda.filter { if case .visit = $0.subject { return true } else { return false } }
        let issues = agenda.filter { if case .issue = $0.subject { return true } else { return false } }
        let confirmations = agenda.filter { if case .confirmation = $0.subject { return true } else { return false } }
        let reviews = agenda.filter { if case .riskReview = $0.subject { return true } else { return false } }
        func section(_ key: String, late: Bool, _ entries: [AgendaEntry], _ line: (AgendaEntry) -> [String]) {
            guard !entries.isEmpty else { return }
            s += "\n" + (late ? Terminal.red(L[key]) : Terminal.bold(L[key])) + L("status.count", ["n": String(entries.count)]) + "\n"
            var t = TextTable(headers: [])
            for e in entries { t.add(line(e)) }
            t.maxWidth = [5: 48]
            s += t.renderRows(indent: "  ")
        }
        let lateVisits = visits.filter(\.isOverdue)
        section("status.overdue_visits", late: true, lateVisits) { e in
            [e.due.description, L.lateness(e.daysOverdue), e.project.rawValue, kindName(e, L), e.responsible, L.about(e)]
        }
        section("status.visits_soon", late: false, visits.filter { !$0.isOverdue }) { e in
            [e.due.description, L.lateness(e.daysOverdue), e.project.rawValue, kindName(e, L), e.responsible, L.about(e)]
        }
        section("status.overdue_issues", late: true, issues.filter(\.isOverdue)) { e in
            [e.due.description, L.lateness(e.daysOverdue), e.project.rawValue, issueLabel(e, L), L.responsible(e), L.about(e)]
        }
        section("status.issues_soon", late: false, issues.filter { !$0.isOverdue }) { e in
            [e.due.description, L.lateness(e.daysOverdue), e.project.rawValue, issueLabel(e, L), L.responsible(e), L.about(e)]
        }
        section("status.overdue_confirmations", late: true, confirmations.filter(\.isOverdue)) { e in
            [e.due.description, L.lateness(e.daysOverdue), e.project.rawValue, confirmationLabel(e, L), L.responsible(e), e.title]
        }
        section("status.confirmations_soon", late: false, confirmations.filter { !$0.isOverdue }) { e in
            [e.due.description, L.lateness(e.daysOverdue), e.project.rawValue, confirmationLabel(e, L), L.responsible(e), e.title]
        }
        section("status.overdue_risk_reviews", late: true, reviews.filter(\.isOverdue)) { e in
            [e.due.description, L.lateness(e.daysOverdue), e.project.rawValue, riskLabel(e, L), e.responsible, L.about(e)]
        }
        section("status.risk_reviews_soon", late: false, reviews.filter { !$0.isOverdue }) { e in
            [e.due.description, L.lateness(e.daysOverdue), e.project.rawValue, riskLabel(e, L), e.responsible, L.about(e)]
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
                s += "\n" + Terminal.bold(L("status.complaints", ["head": cs.head, "department": cs.name, "id": cs.id]))
                    + L("status.count", ["n": String(complaints.count)]) + "\n"
                var t = TextTable(headers: [])
                for i in complaints {
                    var state = L.lateness(due(i).days(until: today))
                    if i.status == .resolved { state = L("agenda.to_confirm_state", ["state": state]) }
                    t.add([due(i).description, state, i.project.rawValue, "\(i.id) \(L.word(i.severity))", "\(i.owner) (\(i.department))", i.title])
                }
                t.maxWidth = [5: 48]
                s += t.renderRows(indent: "  ")
            }
        }
        let errors = loaded.errorCount
        if errors > 0 {
            let files = Set(loaded.findings.filter { $0.severity == .error }.map(\.path)).count
            s += "\n" + L("status.problems", ["problems": count("status.problem_n", errors), "records": count("status.record_n", files)]) + "\n"
        }
        if agenda.isEmpty && complaintCount == 0 && errors == 0 {
            s += "\n" + L["status.nothing"] + "\n"
        }
        Console.out(styled: s)
    }

    func kindName(_ e: AgendaEntry, _ L: Catalogue) -> String {
        if case .visit(let k) = e.subject { return L.word(k) }
        return ""
    }

    func confirmationLabel(_ e: AgendaEntry, _ L: Catalogue) -> String {
        guard case .confirmation(let id) = e.subject else { return "" }
        return L("agenda.to_confirm", ["id": id.rawValue])
    }

    func riskLabel(_ e: AgendaEntry, _ L: Catalogue) -> String {
        guard case .riskReview(let id) = e.subject else { return "" }
        return L("agenda.risk_label", ["id": id.rawValue])
    }

    func issueLabel(_ e: AgendaEntry, _ L: Catalogue) -> String {
        guard case .issue(let id, let severity) = e.subject else { return "" }
        if e.isOverdue {
            return L("agenda.escalate", ["id": id.rawValue, "severity": L.word(severity), "target": L.word(severity.escalationTarget)])
        }
        return "\(id) \(L.word(severity))"
    }
}
