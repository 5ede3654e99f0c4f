/// What `huifang search` looks through: per record its kind, id, project, department, day and
/// free-text fields, in the order of `Records` (visits, issues, improvements, risks). Made from
/// the records (`SearchDocument.documents(of:)`), or read back from the search index in
/// `.huifang/` (HuifangStore's `SearchIndex`), which holds exactly these: the two give the same
/// hits because the search runs on these documents alone (`Search.hits`).
public struct SearchDocument: Sendable, Equatable {
    public enum Kind: UInt8, Sendable, CaseIterable {
        case visit, issue, improvement, risk

        public var code: String {
            switch self {
            case .visit: "visit"
            case .issue: "issue"
            case .improvement: "improvement"
            case .risk: "risk"
            }
        }
    }

    public var kind: Kind
    public var id: String
    /// The record's project; empty for an improvement (see `projects`).
    public var project: String
    /// An improvement's projects: those of the issues it addresses, in its order.
    public var projects: [String]
    /// A visit's or risk's: its project's department; an issue's or improvement's: its own.
    public var department: String
    /// A visit's date, an issue's raised day, an improvement's deadline, a risk's raised day.
    public var date: Day
    /// Field code and text, in the order they are searched (see `SearchHit.field`).
    public var fields: [Field]
    /// An issue's `case_analysis:` path (read when the search asks for cases).
    public var caseAnalysis: String?

    public struct Field: Sendable, Equatable {
        public var code: String
        public var text: String

        public init(_ code: String, _ text: String) {
            self.code = code
            self.text = text
        }
    }

    public init(kind: Kind, id: String, project: String, projects: [String] = [], department: String, date: Day,
                fields: [Field], caseAnalysis: String? = nil) {
        self.kind = kind
        self.id = id
        self.project = project
        self.projects = projects
        self.department = department
        self.date = date
        self.fields = fields
        self.caseAnalysis = caseAnalysis
    }

    /// The documents of `records`: every visit, issue, improvement and risk.
    public static func documents(of r: Records) -> [SearchDocument] {
        var projectDepartment: [ProjectID: String] = [:]
        for p in r.projects { projectDepartment[p.id] = p.department }
        var out: [SearchDocument] = []
        out.reserveCapacity(r.visits.count + r.issues.count + r.improvements.count + r.risks.count)
        for v in r.visits {
            var fields = [Field("summary", v.summary)]
            for t in v.quotes { fields.append(Field("quote", t)) }
            for t in v.needs { fields.append(Field("need", t)) }
            for t in v.competitors { fields.append(Field("competitor", t)) }
            out.append(SearchDocument(kind: .visit, id: v.id.rawValue, project: v.project.rawValue,
                                      department: projectDepartment[v.project] ?? "", date: v.date, fields: fields))
        }
        for i in r.issues {
            var fields = [Field("title", i.title)]
            if let res = i.resolved { fields.append(Field("resolution", res.summary)) }
            out.append(SearchDocument(kind: .issue, id: i.id.rawValue, project: i.project.rawValue, department: i.department,
                                      date: i.raised, fields: fields, caseAnalysis: i.caseAnalysis))
        }
        let issueProject = Dictionary(r.issues.map { ($0.id, $0.project) }, uniquingKeysWith: { a, _ in a })
        for m in r.improvements {
            out.append(SearchDocument(kind: .improvement, id: m.id.rawValue, project: "",
                                      projects: m.addresses.compactMap { issueProject[$0]?.rawValue }, department: m.department,
                                      date: m.due, fields: [Field("title", m.title), Field("expected_effect", m.expectedEffect)]))
        }
        for k in r.risks {
            var fields = [Field("title", k.title), Field("plan", k.plan)]
            for h in k.history {
                if let t = h.note { fields.append(Field("note", t)) }
                if let t = h.reason { fields.append(Field("reason", t)) }
            }
            out.append(SearchDocument(kind: .risk, id: k.id.rawValue, project: k.project.rawValue,
                                      department: projectDepartment[k.project] ?? "", date: k.raised, fields: fields))
        }
        return out
    }
}

/// Which documents a search looks at (`huifang search`'s --in, --project, --department, --period).
public struct SearchScope: Sendable {
    public var visits = true
    public var issues = true
    /// Case analyses: the five sections of an issue's case analysis file.
    public var cases = true
    public var improvements = true
    public var risks = true
    public var project: String?
    public var department: String?
    public var period: Period?

    public init() {}
}

extension Search {
    /// The hits of `query` in `documents` within `scope`, in document order (rank them with
    /// `ranked`). A case analysis is read with `readCase` (nil: it could not be read; its path
    /// is then in `unreadCases`) and searched section by section (`CaseAnalysis.sections`):
    /// kind `case`, the issue's id, the section's code as the field.
    /// `byTerms`: every text matched by `matchByTerms` (strings), as before the scorer over
    /// UTF-8 bytes: the reference `top` is compared with.
    public static func hits(_ query: Query, in documents: [SearchDocument], scope: SearchScope, byTerms: Bool = false,
                            readCase: (String) -> String?) -> (hits: [SearchHit], unreadCases: [String]) {
        var hits: [SearchHit] = []
        func look(_ kind: String, _ d: SearchDocument, _ project: String, _ field: String, _ text: String) {
            if let m = byTerms ? matchByTerms(query, text) : match(query, text) {
                hits.append(SearchHit(kind: kind, id: d.id, project: project, date: d.date, field: field, text: text, match: m))
            }
        }
        let unread = eachText(in: documents, scope: scope, readCase: readCase, look)
        return (hits, unread)
    }
}

extension Search {
    /// A field that matched, before its ranges are worked out: what `ranked` orders by, and
    /// what makes the hit if it is kept.
    struct Candidate {
        var score: Int
        var date: Day
        var id: String
        var field: String
        /// The order it was found in: equals keep it, as `ranked`'s stable sort does.
        var seq: Int
        var kind: String
        var project: String
        var text: String

        /// Whether `self` ranks before `other` (`ranked`'s order).
        func before(_ other: Candidate) -> Bool {
            if score != other.score { return score > other.score }
            if date != other.date { return date > other.date }
            if id != other.id { return id < other.id }
            if field != other.field { return field < other.field }
            return seq < other.seq
        }
    }

    /// The first `limit` hits (all when nil) of `query` in `documents` within `scope`, ranked
    /// (`ranked`), and how many fields matched in all: the same as `ranked(hits(...), limit:)`
    /// with `hits(...).count`, but every field is only scored (over its UTF-8 bytes, without
    /// allocating) and the best ones are kept in a bounded heap; the ranges and snippet
    /// offsets are worked out for those alone.
    public static func top(_ query: Query, in documents: [SearchDocument], scope: SearchScope, limit: Int?,
                           readCase: (String) -> String?) -> (hits: [SearchHit], total: Int, unreadCases: [String]) {
        var heap = BoundedHeap(limit: limit)
        var scratch = Scratch()
        var total = 0
        func look(_ kind: String, _ d: SearchDocument, _ project: String, _ field: String, _ text: String) {
            guard let s = score(query, text, &scratch) else { return }
            heap.offer(Candidate(score: s, date: d.date, id: d.id, field: field, seq: total, kind: kind, project: project, text: text))
            total += 1
        }
        let unread = eachText(in: documents, scope: scope, readCase: readCase, look)
        let hits = heap.sorted().map { c in
            SearchHit(kind: c.kind, id: c.id, project: c.project, date: c.date, field: c.field, text: c.text, match: match(query, c.text)!)
        }
        return (hits, total, unread)
    }

    /// The best `limit` candidates offered (all when nil): a heap whose root is the worst kept.
    struct BoundedHeap {
        let limit: Int?
        private(set) var items: [Candidate] = []

        init(limit: Int?) { self.limit = limit }

        mutating func offer(_ c: Candidate) {
            guard let limit else { return items.append(c) }
            guard limit > 0 else { return }
            if items.count < limit {
                items.append(c)
                siftUp(items.count - 1)
            } else if c.before(items[0]) {
                items[0] = c
                siftDown(0)
            }
        }

        /// `a` is worse than `b`: nearer the root.
        private func worse(_ a: Int, _ b: Int) -> Bool { items[b].before(items[a]) }

        private mutating func siftUp(_ i: Int) {
            var i = i
            while i > 0 {
                let parent = (i - 1) / 2
                guard worse(i, parent) else { return }
                items.swapAt(i, parent)
                i = parent
            }
        }

        private mutating func siftDown(_ i: Int) {
            var i = i
            while true {
                let l = 2 * i + 1, r = l + 1
                var w = i
                if l < items.count, worse(l, w) { w = l }
                if r < items.count, worse(r, w) { w = r }
                guard w != i else { return }
                items.swapAt(i, w)
                i = w
            }
        }

        /// The kept candidates, best first.
        func sorted() -> [Candidate] { items.sorted { $0.before($1) } }
    }
}

extension Search {
    /// Calls `look(kind, document, project, field, text)` on every text of `documents` that
    /// `scope` takes in, in document order: visits' and risks' fields, issues' fields and their
    /// case analyses section by section (read with `readCase`), improvements' fields under the
    /// scope's project or their first. Returns the case analyses that could not be read.
    static func eachText(in documents: [SearchDocument], scope: SearchScope, readCase: (String) -> String?,
                         _ look: (_ kind: String, _ d: SearchDocument, _ project: String, _ field: String, _ text: String) -> Void) -> [String] {
        var unread: [String] = []
        for d in documents {
            if let period = scope.period, !period.contains(d.date) { continue }
            if let dept = scope.department, d.department != dept { continue }
            switch d.kind {
            case .visit, .risk:
                guard d.kind == .visit ? scope.visits : scope.risks, scope.project == nil || d.project == scope.project else { continue }
                for f in d.fields { look(d.kind.code, d, d.project, f.code, f.text) }
            case .issue:
                guard scope.issues || scope.cases, scope.project == nil || d.project == scope.project else { continue }
                if scope.issues {
                    for f in d.fields { look("issue", d, d.project, f.code, f.text) }
                }
                if scope.cases, let file = d.caseAnalysis {
                    if let text = readCase(file) {
                        for (section, body) in CaseAnalysis.sections(text) { look("case", d, d.project, section.rawValue, body) }
                    } else {
                        unread.append(file)
                    }
                }
            case .improvement:
                guard scope.improvements else { continue }
                if let only = scope.project, !d.projects.contains(only) { continue }
                let p = scope.project ?? d.projects.first ?? ""
                for f in d.fields { look("improvement", d, p, f.code, f.text) }
            }
        }
        return unread
    }
}
