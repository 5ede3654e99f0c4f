import ArgumentParser
import HuifangCore
import HuifangReport

extension IssueCommand {
    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "note",
            abstract: "Add a progress note to an issue's history (shown by 'issue show' and 'project log').")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Argument(help: "The note, e.g. \"patch tested at the customer's site\".") var text: String
        @Option(help: "Who writes it (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            guard !text.trimmed.isEmpty else { throw CommandFailure.usage(Message("error.note-empty")) }
            let (issue, noted, r) = try ctx.changeIssue(id, by: by, command: "note") { _, _ in .note(text.trimmed) }
            let entry = noted.history.last!
            let L = ctx.catalogue(r)
            Console.out(L("issue.noted", ["id": issue.id.rawValue, "day": ctx.today.description, "note": TerminalText.clean(entry.note ?? "")]) + "\n")
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Withdraw an issue logged by mistake: kept in its file, out of every KPI and listing.",
            discussion: """
                The file stays, with status 'withdrawn' and the reason in its history. A withdrawn issue \
                no longer counts anywhere: not in KPIs or reports, not in 'due' or 'status', and a \
                customer's issue no longer calls for a visit. 'issue show' and 'issue list --all' still show it.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "Why it was logged by mistake (a duplicate, the wrong project...).") var reason: String
        @Option(help: "Who withdraws it (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            guard !reason.trimmed.isEmpty else { throw CommandFailure.usage(Message("error.empty-option", ["option": "--reason"])) }
            let (issue, _, r) = try ctx.changeIssue(id, withdrawn: true, by: by, command: "withdraw") { _, _ in .withdraw(reason: reason.trimmed) }
            let path = issue.location.path
            let L = ctx.catalogue(r)
            Console.out(L("issue.withdrew", ["id": issue.id.rawValue, "status": L.word(issue.status)]) + "\n")
            Console.out("  " + L("issue.withdrawn_kept", ["path": path, "id": issue.id.rawValue]) + "\n")
            for m in r.improvements where m.addresses.contains(issue.id) {
                let c = MessageLanguage.catalogue
                Console.err(Console.labelled(c["msg.warning"])
                    + c.text("warning.withdrawn-addressed", ["improvement": m.id.rawValue, "title": TerminalText.clean(m.title), "issue": issue.id.rawValue])
                    + "\n  " + Console.labelled(c["msg.hint"])
                    + c.text("hint.withdrawn-addressed", ["issue": issue.id.rawValue, "path": m.location.path]) + "\n")
            }
        }
    }
}
