/// Everything that happened to a project, as one timeline like `git log`: acceptance, visits,
/// issues raised, escalated, resolved, confirmed and closed, events, improvement measures.
public struct TimelineEntry: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case accepted, visit, issue, escalated, resolved, confirmed, reopened, closed, event, improvement, verified
    }

    public var date: Day
    public var kind: Kind
    /// The record the entry comes from (visit, issue or improvement id, event id).
    public var id: String
    public var who: String?
    public var text: String
}

public enum Timeline {
    /// The project's timeline, newest first; `since`/`until` bound it (inclusive).
    public static func of(_ project: Project, in r: Records, since: Day? = nil, until: Day? = nil) -> [TimelineEntry] {
        var out: [TimelineEntry] = []
        if let a = project.accepted {
            out.append(TimelineEntry(date: a, kind: .accepted, id: project.id.rawValue, who: project.owner,
                                     text: "accepted (\(project.tier.rawValue) tier)"))
        }
        for v in r.visits where v.project == project.id {
            var text = "\(v.kind.rawValue) visit by \(v.method.rawValue): \(v.summary)"
            if let o = v.overallScore { text += " [overall \(formatScore(o))]" }
            out.append(TimelineEntry(date: v.date, kind: .visit, id: v.id.rawValue, who: v.visitor, text: text))
        }
        let issues = r.issues.filter { $0.project == project.id }
        let issueIDs = Set(issues.map(\.id))
        for i in issues {
            let initial = i.history.first { $0.action == "escalated" }?.from ?? i.severity
            out.append(TimelineEntry(date: i.raised, kind: .issue, id: i.id.rawValue, who: i.history.first?.by,
                                     text: "\(initial.rawValue) \(i.category.rawValue) issue raised (\(i.source.rawValue)): \(i.title)"))
            for h in i.history where h.action != "opened" {
                let kind: TimelineEntry.Kind
                var text: String
                switch h.action {
                case "escalated":
                    kind = .escalated
                    text = "escalated \(h.from?.rawValue ?? "?") → \(h.to?.rawValue ?? "?"): \(i.title)"
                case "resolved":
                    kind = .resolved
                    text = "resolved: \(i.title)" + (i.resolved.map { " — \($0.summary)" } ?? "")
                case "confirmed":
                    kind = .confirmed
                    text = "customer confirmed: \(i.title)"
                case "reopened":
                    kind = .reopened
                    text = "reopened: \(i.title)"
                case "closed":
                    kind = .closed
                    text = "closed: \(i.title)"
                default:
                    kind = .issue
                    text = "\(h.action): \(i.title)"
                }
                if let reason = h.reason { text += " (\(reason))" }
                out.append(TimelineEntry(date: h.at, kind: kind, id: i.id.rawValue, who: h.by, text: text))
            }
        }
        for e in r.events where e.concerns(project) {
            out.append(TimelineEntry(date: e.date, kind: .event, id: e.id, who: nil, text: "\(e.kind.rawValue) event: \(e.title)"))
        }
        for m in r.improvements where m.addresses.contains(where: issueIDs.contains) {
            out.append(TimelineEntry(date: m.due, kind: .improvement, id: m.id.rawValue, who: m.owner,
                                     text: "improvement \(m.status.rawValue) (due): \(m.title)"))
            if let v = m.verified {
                out.append(TimelineEntry(date: v.date, kind: .verified, id: m.id.rawValue, who: nil, text: "improvement verified: \(v.result)"))
            }
        }
        return out.filter { e in (since.map { e.date >= $0 } ?? true) && (until.map { e.date <= $0 } ?? true) }
            .sorted { ($0.date, rank($0.kind), $0.id) > ($1.date, rank($1.kind), $1.id) }
    }

    static func rank(_ k: TimelineEntry.Kind) -> Int {
        switch k {
        case .accepted: return 0
        case .event: return 1
        case .visit: return 2
        case .issue: return 3
        case .escalated: return 4
        case .resolved: return 5
        case .confirmed: return 6
        case .reopened: return 7
        case .closed: return 8
        case .improvement: return 9
        case .verified: return 10
        }
    }

    static func formatScore(_ d: Double) -> String {
        let n = Int((d * 10).rounded())
        return "\(n / 10).\(n % 10)"
    }
}
