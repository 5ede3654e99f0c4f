import HuifangCore
import HuifangReport
import HuifangStore

/// Past cases and resolved issues like a new problem (issue 19), for `issue add` and `visit
/// prepare`: the person in front of the customer sees what worked before.
enum SimilarCasesOutput {
    /// Every issue that has a resolution or a case analysis, as a candidate: its resolution
    /// summary and its case analysis's text (when it can be read) are its text.
    static func candidates(_ r: Records, _ repo: Repository, excluding: Set<IssueID> = []) -> [SimilarCases.Candidate] {
        var out: [SimilarCases.Candidate] = []
        for i in r.issues where !excluding.contains(i.id) && (i.currentResolution != nil || i.caseAnalysis != nil) {
            let resolution = i.currentResolution?.summary
            let caseText = i.caseAnalysis.flatMap { SearchCommand.readCaseAnalysis($0, repo) }
            out.append(SimilarCases.Candidate(
                id: i.id.rawValue, project: i.project.rawValue, title: i.title, category: i.category.rawValue,
                text: [resolution, caseText].compactMap { $0 }.joined(separator: "\n"), resolution: resolution, caseAnalysis: i.caseAnalysis,
                date: i.currentResolution?.date ?? i.raised))
        }
        return out
    }

    /// Lines for the terminal: a heading, then each case with its resolution and case analysis.
    static func lines(_ similar: [SimilarCases.Similar], _ L: Catalogue) -> [String] {
        guard !similar.isEmpty else { return [] }
        var out = [L["similar.heading"]]
        for s in similar {
            let c = s.candidate
            let category = IssueCategory(rawValue: c.category).map { L.word($0) } ?? c.category
            out.append("  " + TerminalText.clean(L("similar.row", ["id": c.id, "title": c.title, "project": c.project, "category": category,
                                                             "score": String(s.score)])))
            if let res = c.resolution { out.append("    " + TerminalText.clean(L("similar.resolution", ["text": res]))) }
            if let file = c.caseAnalysis { out.append("    " + TerminalText.clean(L("similar.case", ["path": file, "id": c.id]))) }
        }
        return out
    }
}
