import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

/// `huifang search QUERY`: every record's free text, ranked by relevance (see `Search`).
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search visits, issues, case analyses, improvements and risks for text.",
        discussion: """
            Searches visit summaries, customer quotes, needs and competitor notes; issue titles and \
            resolutions; the five sections of case analysis files; improvement titles and expected \
            effects; risk titles, plans, review notes and closing reasons. \
            Chinese needs no spaces: text is cut into pairs of characters (bigrams), other text into \
            words without case, so the Chinese for 'export too slow' finds 'the report export is too \
            slow' and, lower, 'exporting reports is very slow' in Chinese. A field's \
            score, 0-100: 50 x the share of the query's terms it holds, 20 x the share of the query's \
            Chinese characters (of its terms when it has none), 10 x the share found in the query's \
            order, and 20 when the whole query stands in it as a phrase. Higher scores first, the \
            newer record first among equals. A warm search answers from .huifang/search, an index \
            checked against every record file's stat data (rebuilt when anything differs, never \
            with --no-cache).
            """
    )

    enum Kind: String, CaseIterable {
        case visits, issues, cases, improvements, risks
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What to look for (words, or Chinese text without spaces).") var query: String
    @Option(name: .customLong("in"), help: "Only these records, comma-separated: visits, issues, cases, improvements, risks (default: all).")
    var kinds: String?
    @Option(help: "Only this project (id or unique prefix).") var project: String?
    @Option(help: "Only this department (id from huifang.yaml): visits and risks of its projects, its issues, cases and improvements.")
    var department: String?
    @Option(help: "Only records in this period (a visit's date, an issue's raised day, also for its case analysis, an improvement's deadline, a risk's raised day): \(Period.expectedForm).",
            transform: parsePeriodArgument)
    var period: Period?
    @Option(help: "Output format: table or json.") var format: Format = .table
    @Option(help: "Show at most N results (default 20; 0 for all).") var limit: Int = 20

    func run() throws {
        let q = Search.Query(query)
        guard q.hasLetters, !q.keys.isEmpty else {
            throw CommandFailure.usage(Message("error.search-no-letters", ["query": query]), hint: Message("hint.search-no-letters"))
        }
        guard limit >= 0 else {
            throw CommandFailure.usage(Message("error.search-limit", ["limit": String(limit)]), hint: Message("hint.search-limit"))
        }
        let wanted = try parseKinds()
        let ctx = try CommandContext(global)
        var scope = SearchScope()
        scope.visits = wanted.contains(.visits)
        scope.issues = wanted.contains(.issues)
        scope.cases = wanted.contains(.cases)
        scope.improvements = wanted.contains(.improvements)
        scope.risks = wanted.contains(.risks)
        scope.period = period
        // The index in .huifang/search when it is valid (see `SearchIndex`), else every record
        // read (and the index written again after the answer).
        let (indexed, snapshot) = ctx.useCache ? SearchIndex.load(ctx.repository, query: q) : (nil, nil)
        let contents: SearchIndex.Contents
        let L: Catalogue
        var save: SearchIndex.Snapshot?
        if let indexed, project.map({ Self.uniqueProject($0, indexed.projects) != nil }) ?? true {
            contents = indexed
            MessageLanguage.repository = contents.config.language
            L = ctx.catalogue(contents.config)
            scope.project = project.flatMap { Self.uniqueProject($0, indexed.projects) }
            PhaseTimer.mark("search: \(contents.documents.count) documents from the index")
        } else {
            let loaded = try ctx.load(walked: snapshot?.walked)
            let r = loaded.records
            L = ctx.catalogue(loaded)
            scope.project = try project.map { try r.requireProject($0).id.rawValue }
            contents = SearchIndex.contents(of: r)
            if loaded.unreadable.isEmpty { save = snapshot }
            PhaseTimer.mark("search: \(contents.documents.count) documents from the records")
        }
        scope.department = try department.map { try contents.config.requireDepartment($0).id }
        let readCase = { (file: String) in Self.readCaseAnalysis(file, ctx.repository) }
        let (ranked, total, unreadCases): ([SearchHit], Int, [String])
        if TestHooks.searchByTerms {
            let (all, unread) = Search.hits(q, in: contents.documents, scope: scope, byTerms: true, readCase: readCase)
            (ranked, total, unreadCases) = (Search.ranked(all, limit: limit == 0 ? nil : limit), all.count, unread)
        } else {
            (ranked, total, unreadCases) = Search.top(q, in: contents.documents, scope: scope, limit: limit == 0 ? nil : limit,
                                                      readCase: readCase)
        }
        if !unreadCases.isEmpty {
            Warnings.add(L(unreadCases.count == 1 ? "search.cases-unread1" : "search.cases-unread", ["count": String(unreadCases.count), "files": unreadCases.prefix(10).joined(separator: ", ") + (unreadCases.count > 10 ? ", …" : "")]))
        }
        PhaseTimer.mark("search: matched and ranked (\(total) hits, \(ranked.count) kept)")
        let results = SearchResults(query: query, hits: ranked, total: total)
        switch format {
        case .json:
            Console.out(Warnings.attach(to: results.json).render() + "\n")
        case .table:
            if ranked.isEmpty {
                Console.err(L("search.none", ["query": TerminalText.clean(query)]) + "\n")
            } else {
                let colour = Terminal.color
                Terminal.page(results.table(L, paint: colour ? { Terminal.paint($0, "1;31") } : nil), styled: colour)
            }
        }
        PhaseTimer.mark("search: printed")
        if let save {
            SearchIndex.save(ctx.repository, snapshot: save, contents: contents)
            PhaseTimer.mark("search index written")
        }
    }

    /// The project `text` names among `projects` as `Records.project(matching:)` finds it (its
    /// id, or a prefix only it has); nil otherwise (the records are then read, for the error).
    static func uniqueProject(_ text: String, _ projects: [SearchIndex.ProjectEntry]) -> String? {
        if projects.contains(where: { $0.id == text }) { return text }
        let matches = projects.filter { $0.id.hasPrefix(text) }
        return !text.isEmpty && matches.count == 1 ? matches[0].id : nil
    }

    func parseKinds() throws -> Set<Kind> {
        guard let kinds else { return Set(Kind.allCases) }
        var out = Set<Kind>()
        for part in kinds.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: " ")
            guard let k = Kind(rawValue: name) else {
                throw CommandFailure.usage(Message("error.search-in", ["value": name]), hint: Message("hint.search-in"))
            }
            out.insert(k)
        }
        return out
    }

    /// A case analysis's text, read as `check` allows it: a relative path without `..` inside
    /// the repository, no symbolic link leading out of it, a regular file of at most 1 MiB.
    /// Nil when it cannot be read that way (the command says how many were left out).
    static func readCaseAnalysis(_ file: String, _ repo: Repository) -> String? {
        guard RepositoryLoader.isSafeRelativePath(file), repo.outsideFolder(of: file) == nil,
              let real = FileSystem.realPath(repo.path(file)), let root = FileSystem.realPath(repo.root),
              real.hasPrefix(root + "/")
        else { return nil }
        guard let bytes = try? FileSystem.read(real, limit: 1 << 20) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
