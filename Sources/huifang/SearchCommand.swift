import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

/// `huifang search QUERY`: every record's free text, ranked by relevance (see `Search`).
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search visits, issues (and their case analyses) and improvements for text.",
        discussion: """
            Searches visit summaries, customer quotes, needs and competitor notes; issue titles, \
            resolutions and case analysis files; improvement titles and expected effects. \
            Chinese needs no spaces: text is cut into pairs of characters (bigrams), other text into \
            words without case, so the Chinese for 'export too slow' finds 'the report export is too \
            slow' and, lower, 'exporting reports is very slow' in Chinese. A field's \
            score, 0-100: 50 x the share of the query's terms it holds, 20 x the share of the query's \
            Chinese characters (of its terms when it has none), 10 x the share found in the query's \
            order, and 20 when the whole query stands in it as a phrase. Higher scores first, the \
            newer record first among equals.
            """
    )

    enum Kind: String, CaseIterable {
        case visits, issues, improvements
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What to look for (words, or Chinese text without spaces).") var query: String
    @Option(name: .customLong("in"), help: "Only these records, comma-separated: visits, issues, improvements (default: all).")
    var kinds: String?
    @Option(help: "Only this project (id or unique prefix).") var project: String?
    @Option(help: "Only this department (id from huifang.yaml): visits of its projects, its issues and improvements.")
    var department: String?
    @Option(help: "Only records in this period (a visit's date, an issue's raised day, an improvement's deadline): \(Period.expectedForm).",
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
        let loaded = try ctx.load()
        let r = loaded.records
        let L = ctx.catalogue(loaded)
        let only = try project.map { try r.requireProject($0).id }
        let dept = try department.map { try r.config.requireDepartment($0).id }
        var projectDepartment: [ProjectID: String] = [:]
        for p in r.projects { projectDepartment[p.id] = p.department }

        var hits: [SearchHit] = []
        func look(_ kind: String, _ id: String, _ project: String, _ date: Day, _ field: String, _ text: String) {
            if let m = Search.match(q, text) {
                hits.append(SearchHit(kind: kind, id: id, project: project, date: date, field: field, text: text, match: m))
            }
        }
        if wanted.contains(.visits) {
            for v in r.visits where (only == nil || v.project == only) && (period?.contains(v.date) ?? true)
                && (dept == nil || projectDepartment[v.project] == dept)
            {
                let id = v.id.rawValue, p = v.project.rawValue
                look("visit", id, p, v.date, "summary", v.summary)
                for t in v.quotes { look("visit", id, p, v.date, "quote", t) }
                for t in v.needs { look("visit", id, p, v.date, "need", t) }
                for t in v.competitors { look("visit", id, p, v.date, "competitor", t) }
            }
        }
        if wanted.contains(.issues) {
            var unreadCases: [String] = []
            for i in r.issues where (only == nil || i.project == only) && (period?.contains(i.raised) ?? true)
                && (dept == nil || i.department == dept)
            {
                let id = i.id.rawValue, p = i.project.rawValue
                look("issue", id, p, i.raised, "title", i.title)
                if let res = i.resolved { look("issue", id, p, i.raised, "resolution", res.summary) }
                if let file = i.caseAnalysis {
                    if let text = Self.readCaseAnalysis(file, ctx.repository) {
                        look("issue", id, p, i.raised, "case_analysis", text)
                    } else {
                        unreadCases.append(file)
                    }
                }
            }
            if !unreadCases.isEmpty {
                Warnings.add(L(unreadCases.count == 1 ? "search.cases-unread1" : "search.cases-unread", ["count": String(unreadCases.count), "files": unreadCases.prefix(10).joined(separator: ", ") + (unreadCases.count > 10 ? ", …" : "")]))
            }
        }
        if wanted.contains(.improvements) {
            let issueProject = Dictionary(r.issues.map { ($0.id, $0.project) }, uniquingKeysWith: { a, _ in a })
            for m in r.improvements where (period?.contains(m.due) ?? true) && (dept == nil || m.department == dept) {
                let projects = m.addresses.compactMap { issueProject[$0] }
                if let only, !projects.contains(only) { continue }
                let p = only?.rawValue ?? projects.first?.rawValue ?? ""
                let id = m.id.rawValue
                look("improvement", id, p, m.due, "title", m.title)
                look("improvement", id, p, m.due, "expected_effect", m.expectedEffect)
            }
        }
        let ranked = Search.ranked(hits, limit: limit == 0 ? nil : limit)
        let results = SearchResults(query: query, hits: ranked, total: hits.count)
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
