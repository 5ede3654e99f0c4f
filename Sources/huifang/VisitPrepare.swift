import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

extension VisitCommand {
    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The brief before a visit: basics, what is due and why, recent visits, open issues, questions.",
            discussion: "Prints for the terminal, or Markdown with --format md to print or send."
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, md }

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id (or a unique prefix).") var project: String
        @Option(help: "Output format: text or md.") var format: Format = .text

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let p = try r.requireProject(project)
            let doc = Warnings.attach(to: VisitBrief.make(p, r, today: ctx.today, labels: ctx.catalogue(loaded)))
            Console.out(format == .md ? MarkdownRenderer.render(doc) + "\n" : TerminalRenderer.render(doc))
        }
    }
}
