/// Past cases and resolved issues like a new problem, so that the person in front of the
/// customer sees what worked before (`issue add`, `visit prepare`).
///
/// Text is cut into terms as `Search` does (CJK bigrams, other words lower-cased). A candidate's
/// similarity, 0–100, rounded down:
///
///     60 × the Dice overlap of the query's terms and the candidate's title's terms
///          (2 × shared ÷ (query's + title's), distinct terms)
///   + 25 × the share of the query's terms found in the candidate's text (its resolution and
///          case analysis)
///   + 15 when the category is the same
///
/// A candidate that shares no term with the query is never similar, whatever its category;
/// one below `minimum` (20) is left out. Ranked by similarity, then the newer, then by id.
public enum SimilarCases {
    public struct Candidate: Sendable {
        public var id: String
        public var project: String
        public var title: String
        public var category: String
        /// The resolution summary and the case analysis's text, as found.
        public var text: String
        public var resolution: String?
        public var caseAnalysis: String?
        /// The day it was resolved (or raised): newer first among equals.
        public var date: Day

        public init(id: String, project: String, title: String, category: String, text: String, resolution: String?,
                    caseAnalysis: String?, date: Day) {
            self.id = id
            self.project = project
            self.title = title
            self.category = category
            self.text = text
            self.resolution = resolution
            self.caseAnalysis = caseAnalysis
            self.date = date
        }
    }

    public struct Similar: Sendable {
        public var candidate: Candidate
        public var score: Int
    }

    public static let minimum = 20

    static func keys(_ text: String) -> Set<String> { Set(Search.terms(text).map(\.key)) }

    /// The score of one candidate, or nil when it shares no term with the query.
    public static func score(query: String, category: String?, _ c: Candidate) -> Int? {
        score(keys(query), category: category, c)
    }

    /// The same with the query's terms cut once (`ranked` scores every candidate against them).
    static func score(_ q: Set<String>, category: String?, _ c: Candidate) -> Int? {
        guard !q.isEmpty else { return nil }
        let title = keys(c.title)
        let text = keys(c.text)
        let sharedTitle = q.intersection(title).count
        let sharedText = q.intersection(text).count
        guard sharedTitle > 0 || sharedText > 0 else { return nil }
        let dice = title.isEmpty ? 0 : 2 * Double(sharedTitle) / Double(q.count + title.count)
        let cover = Double(sharedText) / Double(q.count)
        let raw = 60 * dice + 25 * cover + (category != nil && category == c.category ? 15 : 0)
        return Int((raw + 1e-9).rounded(.down))
    }

    /// The most similar candidates, at most `limit`, best first.
    public static func ranked(query: String, category: String?, _ candidates: [Candidate], limit: Int = 3) -> [Similar] {
        var found: [Similar] = []
        let q = keys(query)
        for c in candidates {
            if let s = score(q, category: category, c), s >= minimum { found.append(Similar(candidate: c, score: s)) }
        }
        found.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.candidate.date != b.candidate.date { return a.candidate.date > b.candidate.date }
            return a.candidate.id < b.candidate.id
        }
        return Array(found.prefix(limit))
    }
}
