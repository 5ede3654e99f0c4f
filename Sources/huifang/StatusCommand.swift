import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "What needs attention today, git-status style."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try CommandContext(global)
        let loaded = try ctx.load()
        let r = loaded.records
        let today = ctx.today
        var s = "On \(today) in \(r.config.organization.isEmpty ? ctx.repository.root : TerminalText.clean(r.config.organization))\n"
        let delivered = r.projects.filter { $0.accepted != nil }.count
        let quarter = Period.containing(today, length: .quarter)
        let inQuarter = r.visits.filter { quarter.contains($0.date) && $0.date <= today }.count
        s += "\(r.projects.count) projects (\(delivered) accepted), \(r.visits.count) visits (\(inQuarter) in \(quarter)), "
        let open = r.issues.filter(\.isOpen)
        s += "\(open.count) open issue\(open.count == 1 ? "" : "s")\n"

        let overdue = open.filter { $0.due < today }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        let soon = open.filter { $0.due >= today && $0.due <= today.adding(days: 14) }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        if !overdue.isEmpty {
            s += "\nOverdue issues (\(overdue.count)):\n"
            for i in overdue {
                s += "  \(i.id)  \(i.project)  \(i.severity.rawValue)  due \(i.due) (\(i.due.days(until: today)) days ago)  \(i.owner)  \(TerminalText.clean(i.title))\n"
            }
        }
        if !soon.isEmpty {
            s += "\nIssues due in the next two weeks (\(soon.count)):\n"
            for i in soon {
                s += "  \(i.id)  \(i.project)  \(i.severity.rawValue)  due \(i.due)  \(i.owner)  \(TerminalText.clean(i.title))\n"
            }
        }
        let errors = loaded.errorCount
        if errors > 0 {
            let files = Set(loaded.findings.filter { $0.severity == .error }.map(\.path)).count
            s += "\n\(errors) problem\(errors == 1 ? "" : "s") in \(files) record\(files == 1 ? "" : "s"): run 'huifang check'\n"
        }
        if overdue.isEmpty && soon.isEmpty && errors == 0 {
            s += "\nNothing needs attention.\n"
        }
        Console.out(s)
    }
}
