import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// `huifang case new|list|show`: the case library (issue 19). A case analysis is a Markdown
/// file with five sections (see `CaseAnalysis`); a major issue closes only once each is written.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "The case library: write, list and show the case analyses of issues.",
        discussion: """
            A case analysis has five sections, each under its own heading (## in Markdown): What \
            happened, Cause, Measures, Lessons learned, Applies to. The headings are recognised in \
            English and in Chinese, as the template of a repository in Chinese writes them. A major \
            issue closes only when every section has text (comments do not count); 'huifang check' \
            names an incomplete one.
            """,
        subcommands: [New.self, List.self, Show.self]
    )

    @OptionGroup var global: GlobalOptions
}

/// The section names in a catalogue's language, joined as a list.
func caseSectionNames(_ sections: [CaseAnalysis.Section], _ c: Catalogue) -> String {
    CaseListing.sectionNames(sections, c)
}

/// Refuses (exit 64) a case analysis of a major issue that cannot be read inside the
/// repository or has a section missing or empty, naming the sections.
func requireCompleteCaseAnalysis(_ file: String, _ repo: Repository) throws {
    guard let text = SearchCommand.readCaseAnalysis(file, repo) else {
        throw CommandFailure.usage(Message("error.case.unreadable", ["path": file]), hint: Message("hint.case.unreadable"))
    }
    let missing = CaseAnalysis.missing(text)
    guard !missing.isEmpty else { return }
    throw CommandFailure(code: 64) { c in
        (c.text("error.case.incomplete", ["path": file, "sections": caseSectionNames(missing, c)]),
         c.text("hint.case.incomplete", ["headings": missing.map { "## " + c["case.section." + $0.rawValue] }.joined(separator: c["case.section.sep"])]))
    }
}

/// `check`: a case analysis with a section missing or empty: an error once its major issue is
/// closed, a warning while it is being written (the issue not closed yet). Sections are named
/// by their headings in the repository's language.
func caseAnalysisFindings(_ r: Records, _ repo: Repository) -> [Finding] {
    var out: [Finding] = []
    let chinese = r.config.language == .zh
    // Positions, not copies: only the few major issues are taken whole.
    for n in r.issues.indices where r.issues[n].severity == .major && r.issues[n].caseAnalysis != nil {
        let i = r.issues[n]
        guard let file = i.caseAnalysis, let text = SearchCommand.readCaseAnalysis(file, repo) else { continue }
        let missing = CaseAnalysis.missing(text)
        guard !missing.isEmpty else { continue }
        let names = missing.map { chinese ? $0.chinese : $0.english }.joined(separator: chinese ? "、" : ", ")
        out.append(Finding(i.status == .closed ? .error : .warning, path: file,
                           message: "case analysis of issue \(i.id) has sections missing or empty: \(names)",
                           hint: "write each under its heading: \(missing.map { "## " + (chinese ? $0.chinese : $0.english) }.joined(separator: ", "))",
                           code: .caseIncomplete,
                           values: ["id": i.id.rawValue, "sections": names,
                                    "headings": missing.map { "## " + (chinese ? $0.chinese : $0.english) }.joined(separator: ", ")]))
    }
    return out
}

extension CaseCommand {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write a case analysis template for an issue and link it (case_analysis:).",
            discussion: """
                Writes projects/PROJECT/cases/IID.md with the five headings, in the repository's \
                language, each with a hint in a comment, and sets 'case_analysis:' in the issue's file \
                (in place: comments and key order stay). On a terminal it then opens the file in \
                $VISUAL or $EDITOR and says which sections are still empty; otherwise it says where the \
                file is. Refused when the issue already links a case analysis or the file exists.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String

        func run() throws {
            let ctx = try CommandContext(global)
            let (issue, path, r) = try ctx.update { r in
                let issue = try r.require(r.issue(matching: id), "issue", id)
                if let linked = issue.caseAnalysis {
                    throw CommandFailure.usage(Message("error.case-new.linked", ["id": issue.id.rawValue, "path": linked]),
                                               hint: Message("hint.case-new.linked", ["id": issue.id.rawValue]))
                }
                let path = "\(ctx.repository.projectFolder(issue.project.rawValue))/cases/\(issue.id).md"
                if FileSystem.exists(ctx.repository.path(path)) {
                    throw CommandFailure.usage(Message("error.case-new.exists", ["path": path]),
                                               hint: Message("hint.case-new.exists", ["id": issue.id.rawValue, "path": path]))
                }
                // The file speaks the repository's language, whatever language the messages speak.
                let F = Catalogue(r.config.language)
                var hints: [CaseAnalysis.Section: String] = [:]
                for s in CaseAnalysis.Section.allCases { hints[s] = F["case.hint." + s.rawValue] }
                let template = CaseAnalysis.template(
                    title: F.text("case.template.title", ["title": issue.title, "id": issue.id.rawValue]), hints: hints,
                    chinese: r.config.language == .zh)
                var linked = issue
                linked.caseAnalysis = path
                let bytes = try RecordUpdate.issue(issue, becomes: linked, in: ctx.repository, config: r.config)
                return ([(path, Array(template.utf8)), (issue.location.path, bytes)], (issue, path, r))
            }
            let L = ctx.catalogue(r)
            Console.out(L("case.new.written", ["path": path, "id": issue.id.rawValue]) + "\n")
            guard isatty(0) == 1 && isatty(2) == 1 else {
                Console.out("  " + L("case.new.fill", ["id": issue.id.rawValue]) + "\n")
                return
            }
            try EditorSession(template: "", name: "case.md").openEditor(ctx.repository.path(path))
            let text = SearchCommand.readCaseAnalysis(path, ctx.repository) ?? ""
            let missing = CaseAnalysis.missing(text)
            Console.out("  " + (missing.isEmpty ? L("case.new.complete", ["id": issue.id.rawValue])
                : L("case.new.still-missing", ["sections": caseSectionNames(missing, L), "id": issue.id.rawValue])) + "\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the issues that have a case analysis, the newest first, with the sections still missing.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this category: technical, quality, service or requirement_change.") var category: IssueCategory?
        @Option(help: "Only issues raised in this period: \(Period.expectedForm).", transform: parsePeriodArgument) var period: Period?
        @Option(help: "Output format: table, json, csv or xlsx (a spreadsheet, with -o FILE.xlsx).") var format: OutputFormat = .table
        @OptionGroup var destination: ListingDestination

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let chosen = r.issues.filter { i in
                i.caseAnalysis != nil && (category == nil || i.category == category) && (period?.contains(i.raised) ?? true)
            }.sorted { ($0.raised, $1.id) > ($1.raised, $0.id) }
            var cases: [(issue: Issue, file: String, missing: [CaseAnalysis.Section]?)] = []
            var unread: [String] = []
            for i in chosen {
                let file = i.caseAnalysis!
                let text = SearchCommand.readCaseAnalysis(file, ctx.repository)
                if text == nil { unread.append(file) }
                cases.append((i, file, text.map(CaseAnalysis.missing)))
            }
            let listing = CaseListing.make(cases, labels: L)
            if !unread.isEmpty {
                Warnings.add(L("case.list.unread", ["count": String(unread.count), "files": unread.prefix(10).joined(separator: ", ")]))
            }
            try listing.emit(format, destination, ctx: ctx, loaded: loaded, sheet: "xlsx.sheet.cases")
            if format == .table && chosen.isEmpty { Console.err(L["case.list.none"] + "\n") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a case analysis section by section: by its issue's id or its file's path.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters), or the case analysis file's path.") var issueOrPath: String
        @Option(help: "Output format: table or json.") var format: Format = .table

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let issue = try find(r, ctx.repository)
            guard let file = issue.caseAnalysis else {
                throw CommandFailure.usage(Message("error.case-show.none", ["id": issue.id.rawValue]),
                                           hint: Message("hint.case-show.none", ["id": issue.id.rawValue]))
            }
            guard let text = SearchCommand.readCaseAnalysis(file, ctx.repository) else {
                throw CommandFailure.usage(Message("error.case.unreadable", ["path": file]), hint: Message("hint.case.unreadable"))
            }
            let sections = CaseAnalysis.sections(text)
            let missing = CaseAnalysis.missing(text)
            if format == .json {
                let json = CaseListing.json(issue, file: file, text: text)
                Console.out(Warnings.attach(to: json).render() + "\n")
                return
            }
            var s = TerminalText.clean("\(issue.id)  \(issue.title)") + "\n"
            let rows: [(String, String)] = [
                (L["issue.project"], issue.project.rawValue), (L["issue.category"], L.word(issue.category)),
                (L["issue.severity"], L.word(issue.severity)), (L["issue.status"], L.word(issue.status)), (L["issue.case"], file),
            ]
            let width = max(12, (rows.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2)
            for (k, v) in rows { s += DisplayWidth.pad(k, to: width) + TerminalText.clean(v) + "\n" }
            for section in CaseAnalysis.Section.allCases {
                s += "\n" + L["case.section." + section.rawValue] + "\n"
                let body = sections.first { $0.0 == section }?.1
                guard let body, !body.isEmpty else {
                    s += "  " + L[body == nil ? "case.show.missing" : "case.show.empty"] + "\n"
                    continue
                }
                for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                    s += TerminalText.clean(line.isEmpty ? "" : "  " + line) + "\n"
                }
            }
            if !missing.isEmpty {
                s += "\n" + L("case.show.incomplete", ["sections": caseSectionNames(missing, L), "id": issue.id.rawValue]) + "\n"
            }
            Console.out(s)
        }

        /// The issue named by id, else the one whose case analysis is the given path (relative to
        /// the repository root or to the working folder).
        func find(_ r: Records, _ repo: Repository) throws -> Issue {
            let given = issueOrPath.trimmed
            let looksLikePath = given.contains("/") || given.hasSuffix(".md")
            if !looksLikePath { return try r.require(r.anyIssue(matching: given), "issue", given) }
            var candidates = [given]
            let absolute = given.hasPrefix("/") ? given : FileSystem.currentDirectory() + "/" + given
            if let real = FileSystem.realPath(absolute), let root = FileSystem.realPath(repo.root), real.hasPrefix(root + "/") {
                candidates.append(String(real.dropFirst(root.count + 1)))
            }
            if let i = r.issues.first(where: { i in i.caseAnalysis.map(candidates.contains) ?? false }) { return i }
            throw CommandFailure.usage(Message("error.case-show.no-file", ["path": given]), hint: Message("hint.case-show.no-file"))
        }
    }
}
