/// The documented key order of each record (docs/RECORDS.md): new records are written in it and
/// keys added to an existing record are inserted where it puts them. `imported` (projects,
/// visits, issues) is the ledger row `huifang import` made the record of.
public enum RecordKeys {
    public static let project = ["id", "name", "customer", "department", "owner", "tier", "accepted", "tags", "retired", "history", "imported", "recorded"]
    public static let visit = [
        "id", "date", "kind", "method", "visitor", "contacts", "event", "summary", "operation", "scores", "overall",
        "nps", "quotes", "needs", "competitors", "issues", "attachments", "imported", "recorded",
    ]
    public static let issue = [
        "id", "title", "raised", "source", "visit", "category", "severity", "owner", "department", "due", "status",
        "resolved", "confirmed", "case_analysis", "history", "imported", "recorded",
    ]
    public static let improvement = [
        "id", "title", "addresses", "department", "owner", "due", "expected_effect", "status", "verified", "recorded",
    ]
    public static let event = ["date", "kind", "title", "projects", "tags", "recorded"]
    public static let plan = ["year", "visits"]
    public static let assessmentReview = ["period", "department", "score", "note", "date", "by", "recorded"]
    public static let risk = [
        "id", "title", "category", "probability", "impact", "response", "plan", "owner", "raised", "review_every", "status",
        "history", "recorded",
    ]

    // Keys of the mappings inside records, for the unknown-key check.
    public static let customer = ["name", "contacts"]
    static let contact = ["name", "role", "phone", "email"]
    static let retired = ["date", "reason"]
    static let projectHistory = ["at", "action", "by", "from", "to", "reason"]
    static let resolved = ["date", "summary", "on_spot"]
    static let confirmed = ["date", "satisfied"]
    static let issueHistory = ["at", "action", "by", "from", "to", "reason", "note"]
    static let verified = ["date", "result"]
    static let planItem = ["project", "due", "kind", "visitor"]
    static let riskHistory = ["at", "action", "by", "probability", "impact", "plan", "note", "reason"]
    static let config = [
        "huifang", "organization", "language", "calendar", "policy", "departments", "leadership", "satisfaction", "custom_fields",
        "max_attachment_size", "assessment", "csv",
    ]
    static let csv = ["excel"]
    static let calendar = ["weekend", "files"]
    static let policy = [
        "first_visit_within", "periodic_every", "special_visit_within", "customer_request_within", "resolve_within",
        "confirm_within", "due_soon_at", "risk_high_at", "risk_review_every",
    ]
    static let department = ["id", "name", "head", "role"]
    static let satisfaction = ["scale", "satisfied_at", "dimensions"]
    static let assessment = ["indicators", "departments", "review_share"]
    static let assessmentIndicator = ["target", "floor", "weight"]

    /// The key under which a record may hold anything of its own, never checked.
    public static let custom = "custom"

    /// Every key list by name: what both decoders read by, so part of the cache's version
    /// (`HuifangStoreVersion`). A list added above belongs here too.
    static let schema: [(String, [String])] = [
        ("project", project), ("visit", visit), ("issue", issue), ("improvement", improvement), ("event", event),
        ("plan", plan), ("customer", customer), ("contact", contact), ("retired", retired),
        ("projectHistory", projectHistory), ("resolved", resolved), ("confirmed", confirmed),
        ("issueHistory", issueHistory), ("verified", verified), ("planItem", planItem), ("config", config),
        ("calendar", calendar), ("policy", policy), ("department", department), ("satisfaction", satisfaction),
        ("custom", [custom]), ("assessmentReview", assessmentReview), ("assessment", assessment),
        ("assessmentIndicator", assessmentIndicator), ("csv", csv),
        ("risk", risk), ("riskHistory", riskHistory),
    ]
}

extension RecordKeys {
    /// The known key closest to a misspelt `key`: at most 2 edits (insertions, deletions,
    /// substitutions, swaps of neighbours), 1 for keys of up to 4 characters; the first in
    /// `known`'s order on a tie. Only called for a key that is not known.
    public static func nearest(_ key: String, among known: [String]) -> String? {
        let a = Array(key.lowercased().unicodeScalars)
        var best: (String, Int)?
        for k in known {
            let b = Array(k.unicodeScalars)
            let limit = min(a.count, b.count) <= 4 ? 1 : 2
            guard abs(a.count - b.count) <= limit else { continue }
            let d = editDistance(a, b)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (k, d) }
        }
        return best?.0
    }

    /// Damerau-Levenshtein distance (optimal string alignment).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var d = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { d[i * width] = i }
        for j in 0...b.count { d[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, d[(i - 2) * width + j - 2] + 1) }
                d[i * width + j] = v
            }
        }
        return d[a.count * width + b.count]
    }
}
