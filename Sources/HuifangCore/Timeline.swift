/// Everything that happened to a project, as one timeline like `git log`: acceptance, visits,
/// issues raised, escalated, resolved, confirmed and closed, events, improvement measures.
public struct TimelineEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case accepted, visit, issue, escalated, resolved, confirmed, reopened, closed, event, improvement, verified, note, changed, retired
        /// A risk registered, reviewed (assessed again, its plan changed, a note) and closed (issue 19).
        case risk
        case riskReviewed = "risk_reviewed"
        case riskClosed = "risk_closed"
    }

    public var date: Day
    public var kind: Kind
    /// The record the entry comes from (visit, issue or improvement id, event id).
    public var id: String
    public var who: String?
    /// What it is about, in the records' own words (visit summary, issue title...).
    public var subject: String
    /// Short facts in the vocabulary of the records: `periodic phone 4.5`, `minor → general`,
    /// `confirm_by 2026-11-20` (the codes JSON and CSV give; `facts` are what is put into words).
    public var detail: String
    /// The same facts as values, for the catalogue to put into words.
    public var facts: Facts = .none

    public enum Facts: Sendable, Hashable {
        case none
        case tier(Tier)
        case visit(VisitKind, VisitMethod, overall: String?, attachments: [String])
        case issue(Severity, IssueCategory, IssueSource)
        case escalation(from: Severity?, to: Severity?)
        case confirmBy(Day)
        /// A hand-written action or change, as the record writes it.
        case written(String)
        /// A change of the project (`owner_changed`, `department_changed`, or an action written
        /// by hand) from one value to another: the catalogue words known actions.
        case change(action: String, from: String?, to: String?)
        case event(EventKind)
        case improvement(ImprovementStatus)
        /// A risk's assessment: probability, impact and score.
        case risk(probability: Int, impact: Int)
    }

    /// One line in English, for tests and plain output.
    public var text: String { detail.isEmpty ? subject : "\(detail): \(subject)" }
}

public enum Timeline {
    /// The project's timeline, newest first; `since`/`until` bound it (inclusive).
    public static func of(_ project: Project, in r: Records, since: Day? = nil, until: Day? = nil) -> [TimelineEntry] {
        var out: [TimelineEntry] = []
        if let a = project.accepted {
            out.append(TimelineEntry(date: a, kind: .accepted, id: project.id.rawValue, who: project.owner,
                                     subject: project.name, detail: project.tier.rawValue, facts: .tier(project.tier)))
        }
        for v in r.visits where v.project == project.id {
            var detail = "\(v.kind.rawValue) \(v.method.rawValue)"
            if let o = v.overallScore { detail += " \(formatScore(o))" }
            if !v.attachments.isEmpty { detail += ", attached: " + v.attachments.joined(separator: " ") }
            out.append(TimelineEntry(date: v.date, kind: .visit, id: v.id.rawValue, who: v.visitor, subject: v.summary, detail: detail,
                                     facts: .visit(v.kind, v.method, overall: v.overallScore.map(formatScore), attachments: v.attachments)))
        }
        let issues = r.issues.filter { $0.project == project.id }
        let issueIDs = Set(issues.map(\.id))
        for i in issues {
            let initial = i.history.first { $0.kind == .escalated }?.from ?? i.severity
            out.append(TimelineEntry(date: i.raised, kind: .issue, id: i.id.rawValue, who: i.history.first?.by, subject: i.title,
                                     detail: "\(initial.rawValue) \(i.category.rawValue) \(i.source.rawValue)",
                                     facts: .issue(initial, i.category, i.source)))
            for h in i.history where h.kind != .opened {
                let kind: TimelineEntry.Kind
                var detail = ""
                var facts = TimelineEntry.Facts.none
                var subject = i.title
                switch h.kind {
                case .escalated:
                    kind = .escalated
                    detail = "\(h.from?.rawValue ?? "?") → \(h.to?.rawValue ?? "?")"
                    facts = .escalation(from: h.from, to: h.to)
                case .resolved:
                    kind = .resolved
                    if let res = i.resolved, res.date == h.at {
                        subject += " — " + res.summary
                        if let by = i.confirmationDue(r.config.policy, calendar: r.calendar) {
                            detail = "confirm_by \(by)"  // a code and its value, as JSON and CSV keep them
                            facts = .confirmBy(by)
                        }
                    }
                case .confirmed: kind = .confirmed
                case .reopened: kind = .reopened
                case .closed: kind = .closed
                case .note:
                    kind = .note
                    if let n = h.note { subject = n + " — " + i.title }
                case .opened, .withdrawn, nil:
                    kind = .issue
                    detail = h.action
                    facts = .written(h.action)
                }
                if let reason = h.reason { subject += " (\(reason))" }
                out.append(TimelineEntry(date: h.at, kind: kind, id: i.id.rawValue, who: h.by, subject: subject, detail: detail, facts: facts))
            }
        }
        // The retirement stands on the day service ended, not on the day it was recorded.
        for h in project.history where h.action != "retired" {
            var detail = h.action
            if h.from != nil || h.to != nil { detail += " \(h.from ?? "?") → \(h.to ?? "?")" }
            out.append(TimelineEntry(date: h.at, kind: .changed, id: project.id.rawValue, who: h.by,
                                     subject: h.reason ?? project.name, detail: detail,
                                     facts: h.from != nil || h.to != nil ? .change(action: h.action, from: h.from, to: h.to) : .written(detail)))
        }
        if let retired = project.retired {
            let by = project.history.last { $0.action == "retired" }?.by
            out.append(TimelineEntry(date: retired.date, kind: .retired, id: project.id.rawValue, who: by, subject: retired.reason, detail: ""))
        }
        for e in r.events where e.concerns(project) {
            out.append(TimelineEntry(date: e.date, kind: .event, id: e.id, who: nil, subject: e.title, detail: e.kind.rawValue, facts: .event(e.kind)))
        }
        for m in r.improvements where m.addresses.contains(where: issueIDs.contains) {
            out.append(TimelineEntry(date: m.due, kind: .improvement, id: m.id.rawValue, who: m.owner, subject: m.title,
                                     detail: m.status.rawValue, facts: .improvement(m.status)))
            if let v = m.verified {
                out.append(TimelineEntry(date: v.date, kind: .verified, id: m.id.rawValue, who: nil, subject: v.result, detail: ""))
            }
        }
        out += riskEntries(r.risks(of: project.id))
        return out.filter { e in (since.map { e.date >= $0 } ?? true) && (until.map { e.date <= $0 } ?? true) }
            .sorted { ($0.date, rank($0.kind), $0.id) > ($1.date, rank($1.kind), $1.id) }
    }

    /// The risks' lines: registered (with the first assessment), each review, the closing.
    static func riskEntries(_ risks: [Risk]) -> [TimelineEntry] {
        var out: [TimelineEntry] = []
        for k in risks {
            // The first assessment: the opened line's (risk add writes it), else the current one when
            // no line changed it; else unknown.
            let opened = k.history.first { $0.action == RiskHistoryEntry.opened }
            let changed = k.history.contains { $0.action != RiskHistoryEntry.opened && $0.probability != nil }
            var first: (Int, Int)?
            if let p = opened?.probability, let i = opened?.impact { first = (p, i) } else if !changed { first = (k.probability, k.impact) }
            out.append(TimelineEntry(date: k.raised, kind: .risk, id: k.id.rawValue, who: opened?.by, subject: k.title,
                                     detail: first.map { "\($0.0)x\($0.1)=\($0.0 * $0.1)" } ?? "",
                                     facts: first.map { .risk(probability: $0.0, impact: $0.1) } ?? .none))
            for h in k.history where h.action != RiskHistoryEntry.opened {
                let closed = h.action == RiskHistoryEntry.closed
                var subject = [h.plan, h.note, h.reason].compactMap { $0 }.joined(separator: "; ")
                if subject.isEmpty { subject = k.title }
                let facts: TimelineEntry.Facts = h.probability.flatMap { p in h.impact.map { .risk(probability: p, impact: $0) } }
                    ?? (h.action == RiskHistoryEntry.updated || closed ? .none : .written(h.action))
                let detail = h.probability.flatMap { p in h.impact.map { "\(p)x\($0)=\(p * $0)" } } ?? (facts == .none ? "" : h.action)
                out.append(TimelineEntry(date: h.at, kind: closed ? .riskClosed : .riskReviewed, id: k.id.rawValue, who: h.by,
                                         subject: subject, detail: detail, facts: facts))
            }
        }
        return out
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
        case .note: return 11
        case .changed: return 12
        case .risk: return 14
        case .riskReviewed: return 15
        case .riskClosed: return 16
        case .retired: return 13
        }
    }

    static func formatScore(_ d: Double) -> String {
        let n = Int((d * 10).rounded())
        return "\(n / 10).\(n % 10)"
    }
}
