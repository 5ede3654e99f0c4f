import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

extension VisitCommand {
    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prepare",
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
            let L = ctx.catalogue(loaded)
            var brief = VisitBrief.make(p, r, today: ctx.today, labels: L)
            // Past cases like the project's unclosed issues: what worked before.
            let open = r.issues(of: p.id).filter(\.isUnclosed)
            if !open.isEmpty {
                let similar = SimilarCases.ranked(query: open.map(\.title).joined(separator: "\n"), category: nil,
                                                  SimilarCasesOutput.candidates(r, ctx.repository, excluding: Set(open.map(\.id))))
                brief.blocks.append(contentsOf: SimilarCasesReport.blocks(similar, L))
            }
            let doc = Warnings.attach(to: brief)
            Console.out(format == .md ? MarkdownRenderer.render(doc) + "\n" : TerminalRenderer.render(doc))
        }
    }
}
