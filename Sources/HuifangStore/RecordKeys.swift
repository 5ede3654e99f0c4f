/// The documented key order of each record (SPEC §2): new records are written in it and
/// keys added to an existing record are inserted where it puts them.
public enum RecordKeys {
    public static let project = ["id", "name", "customer", "department", "owner", "tier", "accepted", "tags"]
    public static let visit = [
        "id", "date", "kind", "method", "visitor", "contacts", "event", "summary", "operation", "scores", "overall",
        "nps", "quotes", "needs", "competitors", "issues", "attachments",
    ]
    public static let issue = [
        "id", "title", "raised", "source", "visit", "category", "severity", "owner", "department", "due", "status",
        "resolved", "confirmed", "case_analysis", "history",
    ]
    public static let improvement = [
        "id", "title", "addresses", "department", "owner", "due", "expected_effect", "status", "verified",
    ]
    public static let event = ["date", "kind", "title", "projects", "tags"]
    public static let plan = ["year", "visits"]
}
