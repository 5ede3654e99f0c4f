/// Problems that come back (policy §八, seed 003's feedback database): the same or near-same
/// issue title in several projects, and categories that keep appearing period after period.
public struct RecurringProblem: Sendable, Hashable {
    /// The most frequent spelling of the title in the cluster.
    public var title: String
    public var projects: Int
    public var issues: Int
    public var ids: [IssueID]
    public var category: IssueCategory
}

public enum RecurringProblems {
    /// Clusters of issues raised in `period` whose titles are the same or near-same, found in
    /// at least two projects; most issues first.
    public static func find(_ r: Records, period: Period, projects: Set<ProjectID>? = nil) -> [RecurringProblem] {
        find(raised(r, period: period, projects: projects)).map(\.problem)
    }

    /// An issue as the clustering sees it: its title, project, id, category and day raised.
    /// `project` is the key that tells projects apart (the id; in a roll-up that accepts one id
    /// in two repositories, `REPOSITORY/ID`); `source` the repository it came from (0 in one).
    public struct RaisedIssue: Sendable, Hashable {
        public var title: String
        public var project: String
        public var id: IssueID
        public var category: IssueCategory
        public var raised: Day
        public var source: Int
        public init(title: String, project: String, id: IssueID, category: IssueCategory, raised: Day, source: Int = 0) {
            self.title = title
            self.project = project
            self.id = id
            self.category = category
            self.raised = raised
            self.source = source
        }
    }

    /// The issues of `r` raised in `period` (of `projects`; nil: all), as the clustering sees them.
    public static func raised(_ r: Records, period: Period, projects: Set<ProjectID>? = nil, source: Int = 0,
                              projectKey: (ProjectID) -> String = \.rawValue) -> [RaisedIssue] {
        // Positions, not copies: only the issues of the period are read field by field.
        r.issues.indices.filter { period.contains(r.issues[$0].raised) && (projects?.contains(r.issues[$0].project) ?? true) }.map {
            let i = $0
            return RaisedIssue(title: r.issues[i].title, project: projectKey(r.issues[i].project), id: r.issues[i].id,
                               category: r.issues[i].category, raised: r.issues[i].raised, source: source)
        }
    }

    /// The recurring problems among `raised` (issues of one repository or of several), each
    /// with its issues in date order; most issues first.
    public static func find(_ raised: [RaisedIssue]) -> [(problem: RecurringProblem, members: [RaisedIssue])] {
        let issues = raised.sorted { ($0.raised, $0.id, $0.source) < ($1.raised, $1.id, $1.source) }
        // Each cluster counts its spellings as they come (`titles`, in the order first seen).
        var clusters: [(key: [Unicode.Scalar], members: [RaisedIssue], titles: [(String, Int)])] = []
        // Titles already seen map straight to their cluster and spelling; only new spellings
        // are compared (and each title is hashed once).
        var known: [String: (cluster: Int, title: Int)] = [:]
        for i in issues {
            if let (c, t) = known[i.title] {
                clusters[c].members.append(i)
                clusters[c].titles[t].1 += 1
                continue
            }
            let key = normalize(i.title)
            if key.isEmpty { continue }
            if let c = clusters.firstIndex(where: { nearSame($0.key, key) }) {
                clusters[c].members.append(i)
                clusters[c].titles.append((i.title, 1))
                known[i.title] = (c, clusters[c].titles.count - 1)
            } else {
                clusters.append((key, [i], [(i.title, 1)]))
                known[i.title] = (clusters.count - 1, 0)
            }
        }
        return clusters.compactMap { c -> (problem: RecurringProblem, members: [RaisedIssue])? in
            let projectCount = Set(c.members.map(\.project)).count
            guard projectCount >= 2 else { return nil }
            // The most frequent spelling; of those as frequent, the first in string order.
            let titles = c.titles.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
            let categories = Dictionary(grouping: c.members, by: \.category).map { ($0.key, $0.value.count) }
                .sorted { ($1.1, $0.0.rawValue) < ($0.1, $1.0.rawValue) }
            return (RecurringProblem(title: titles[0].0, projects: projectCount, issues: c.members.count,
                                     ids: c.members.map(\.id).sorted(), category: categories[0].0), c.members)
        }.sorted { ($1.problem.issues, $1.problem.projects, $0.problem.title) < ($0.problem.issues, $0.problem.projects, $1.problem.title) }
    }

    /// Issues per category in `periods` (oldest first), for categories seen in any of them.
    public static func categories(_ r: Records, periods: [Period], projects: Set<ProjectID>? = nil) -> [(IssueCategory, [Int])] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: periods.count), count: IssueCategory.allCases.count)
        for n in r.issues.indices where projects?.contains(r.issues[n].project) ?? true {
            guard let c = IssueCategory.allCases.firstIndex(of: r.issues[n].category) else { continue }
            for (p, period) in periods.enumerated() where period.contains(r.issues[n].raised) { counts[c][p] += 1 }
        }
        return IssueCategory.allCases.enumerated().map { ($0.element, counts[$0.offset]) }.filter { $0.1.contains { $0 > 0 } }
    }

    /// Lower case, without white space and punctuation (ASCII and Chinese).
    public static func normalize(_ title: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for c in title.lowercased().unicodeScalars {
            if c.properties.isWhitespace || c.properties.generalCategory.isPunctuation || c.properties.generalCategory.isSymbol {
                continue
            }
            out.append(c)
        }
        return out
    }

    /// Same after normalising, one contains the other, or (for 4 or more characters) one edit apart.
    public static func nearSame(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        if a == b { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if short.count >= 2, contains(long, short) { return true }
        guard short.count >= 4, long.count - short.count <= 1 else { return false }
        return editDistance(a, b, limit: 1) <= 1
    }

    static func contains(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard needle.count <= hay.count else { return false }
        for start in 0...(hay.count - needle.count) where hay[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// Levenshtein distance, stopping early past `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    var isSymbol: Bool {
        switch self {
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return true
        default: return false
        }
    }
}
