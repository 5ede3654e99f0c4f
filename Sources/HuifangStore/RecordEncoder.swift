import HuifangCore
import HuifangYAML

/// Turns new records into YAML in the documented key order (docs/RECORDS.md). Optional keys are
/// written only when they have a value.
public enum RecordEncoder {
    public static func project(_ p: Project) -> String {
        var customer: [(String, YAMLValue)] = [("name", .string(p.customer.name))]
        if !p.customer.contacts.isEmpty {
            customer.append(("contacts", .blockList(p.customer.contacts.map(contact))))
        }
        var out: [(String, YAMLValue)] = [
            ("id", .string(p.id.rawValue)), ("name", .string(p.name)), ("customer", .blockMap(customer)),
            ("department", .string(p.department)), ("owner", .string(p.owner)), ("tier", .plain(p.tier.rawValue)),
        ]
        if let a = p.accepted { out.append(("accepted", .plain(a.description))) }
        if !p.tags.isEmpty { out.append(("tags", .strings(p.tags))) }
        if let r = p.retired { out.append(("retired", retirement(r))) }
        if !p.history.isEmpty { out.append(("history", .blockList(p.history.map(history)))) }
        if let d = p.recorded { out.append(("recorded", .plain(d.description))) }
        return YAMLWriter.document(out)
    }

    public static func contact(_ c: Contact) -> YAMLValue {
        var m: [(String, YAMLValue)] = [("name", .string(c.name))]
        if let r = c.role { m.append(("role", .string(r))) }
        if let p = c.phone { m.append(("phone", .string(p))) }
        if let e = c.email { m.append(("email", .string(e))) }
        return .flowMap(m)
    }

    public static func visit(_ v: Visit) -> String {
        var out: [(String, YAMLValue)] = [
            ("id", .string(v.id.rawValue)), ("date", .plain(v.date.description)), ("kind", .plain(v.kind.rawValue)),
            ("method", .plain(v.method.rawValue)), ("visitor", .string(v.visitor)),
        ]
        if !v.contacts.isEmpty { out.append(("contacts", .strings(v.contacts))) }
        if let e = v.event { out.append(("event", .string(e))) }
        out.append(("summary", .string(v.summary)))
        if let o = v.operation { out.append(("operation", .plain(o.rawValue))) }
        if !v.scores.isEmpty { out.append(("scores", .flowMap(v.scores.map { ($0.dimension, .int($0.score)) }))) }
        if let o = v.overall { out.append(("overall", .int(o))) }
        if let n = v.nps { out.append(("nps", .int(n))) }
        if !v.quotes.isEmpty { out.append(("quotes", .blockList(v.quotes.map { .string($0) }))) }
        if !v.needs.isEmpty { out.append(("needs", .blockList(v.needs.map { .string($0) }))) }
        if !v.competitors.isEmpty { out.append(("competitors", .blockList(v.competitors.map { .string($0) }))) }
        if !v.issues.isEmpty { out.append(("issues", .strings(v.issues.map(\.rawValue)))) }
        if !v.attachments.isEmpty { out.append(("attachments", .blockList(v.attachments.map { .string($0) }))) }
        if let d = v.recorded { out.append(("recorded", .plain(d.description))) }
        return YAMLWriter.document(out)
    }

    public static func issue(_ i: Issue) -> String {
        var out: [(String, YAMLValue)] = [
            ("id", .string(i.id.rawValue)), ("title", .string(i.title)), ("raised", .plain(i.raised.description)),
            ("source", .plain(i.source.rawValue)),
        ]
        if let v = i.visit { out.append(("visit", .string(v.rawValue))) }
        out += [
            ("category", .plain(i.category.rawValue)), ("severity", .plain(i.severity.rawValue)),
            ("owner", .string(i.owner)), ("department", .string(i.department)), ("due", .plain(i.due.description)),
            ("status", .plain(i.status.rawValue)),
        ]
        if let r = i.resolved { out.append(("resolved", resolution(r))) }
        if let c = i.confirmed { out.append(("confirmed", confirmation(c))) }
        if let c = i.caseAnalysis { out.append(("case_analysis", .string(c))) }
        out.append(("history", .blockList(i.history.map(history))))
        if let d = i.recorded { out.append(("recorded", .plain(d.description))) }
        return YAMLWriter.document(out)
    }

    public static func resolution(_ r: Resolution) -> YAMLValue {
        var m: [(String, YAMLValue)] = [("date", .plain(r.date.description)), ("summary", .string(r.summary))]
        if r.onSpot { m.append(("on_spot", .bool(true))) }
        return .flowMap(m)
    }

    public static func confirmation(_ c: Confirmation) -> YAMLValue {
        .flowMap([("date", .plain(c.date.description)), ("satisfied", .bool(c.satisfied))])
    }

    public static func history(_ h: HistoryEntry) -> YAMLValue {
        var m: [(String, YAMLValue)] = [("at", .plain(h.at.description)), ("action", .string(h.action))]
        if let f = h.from { m.append(("from", .plain(f.rawValue))) }
        if let t = h.to { m.append(("to", .plain(t.rawValue))) }
        if let b = h.by { m.append(("by", .string(b))) }
        if let r = h.reason { m.append(("reason", .string(r))) }
        if let n = h.note { m.append(("note", .string(n))) }
        return .flowMap(m)
    }

    public static func retirement(_ r: Retirement) -> YAMLValue {
        .flowMap([("date", .plain(r.date.description)), ("reason", .string(r.reason))])
    }

    public static func history(_ h: ProjectHistoryEntry) -> YAMLValue {
        var m: [(String, YAMLValue)] = [("at", .plain(h.at.description)), ("action", .string(h.action))]
        if let f = h.from { m.append(("from", .string(f))) }
        if let t = h.to { m.append(("to", .string(t))) }
        if let b = h.by { m.append(("by", .string(b))) }
        if let r = h.reason { m.append(("reason", .string(r))) }
        return .flowMap(m)
    }

    public static func improvement(_ m: Improvement) -> String {
        var out: [(String, YAMLValue)] = [
            ("id", .string(m.id.rawValue)), ("title", .string(m.title)), ("addresses", .strings(m.addresses.map(\.rawValue))),
            ("department", .string(m.department)), ("owner", .string(m.owner)), ("due", .plain(m.due.description)),
            ("expected_effect", .string(m.expectedEffect)), ("status", .plain(m.status.rawValue)),
        ]
        if let v = m.verified {
            out.append(("verified", .flowMap([("date", .plain(v.date.description)), ("result", .string(v.result))])))
        }
        if let d = m.recorded { out.append(("recorded", .plain(d.description))) }
        return YAMLWriter.document(out)
    }

    public static func event(_ e: Event) -> String {
        var out: [(String, YAMLValue)] = [
            ("date", .plain(e.date.description)), ("kind", .plain(e.kind.rawValue)), ("title", .string(e.title)),
        ]
        if !e.projects.isEmpty { out.append(("projects", .strings(e.projects.map(\.rawValue)))) }
        if !e.tags.isEmpty { out.append(("tags", .strings(e.tags))) }
        if let d = e.recorded { out.append(("recorded", .plain(d.description))) }
        return YAMLWriter.document(out)
    }

    public static func assessmentReview(_ a: AssessmentReview) -> String {
        var out: [(String, YAMLValue)] = [
            ("period", .plain(a.period)), ("department", .string(a.department)), ("score", .int(a.score)), ("note", .string(a.note)),
            ("date", .plain(a.date.description)),
        ]
        if let by = a.by { out.append(("by", .string(by))) }
        if let d = a.recorded { out.append(("recorded", .plain(d.description))) }
        return YAMLWriter.document(out)
    }

    public static func risk(_ k: Risk) -> String {
        var out: [(String, YAMLValue)] = [
            ("id", .string(k.id.rawValue)), ("title", .string(k.title)), ("category", .plain(k.category.rawValue)),
            ("probability", .int(k.probability)), ("impact", .int(k.impact)), ("response", .plain(k.response.rawValue)),
            ("plan", .string(k.plan)), ("owner", .string(k.owner)), ("raised", .plain(k.raised.description)),
        ]
        if let e = k.reviewEvery { out.append(("review_every", .plain(e.description))) }
        out += [("status", .plain(k.status.rawValue)), ("history", .blockList(k.history.map(history)))]
        if let d = k.recorded { out.append(("recorded", .plain(d.description))) }
        return YAMLWriter.document(out)
    }

    public static func history(_ h: RiskHistoryEntry) -> YAMLValue {
        var m: [(String, YAMLValue)] = [("at", .plain(h.at.description)), ("action", .string(h.action))]
        if let b = h.by { m.append(("by", .string(b))) }
        if let p = h.probability { m.append(("probability", .int(p))) }
        if let i = h.impact { m.append(("impact", .int(i))) }
        if let p = h.plan { m.append(("plan", .string(p))) }
        if let n = h.note { m.append(("note", .string(n))) }
        if let r = h.reason { m.append(("reason", .string(r))) }
        return .flowMap(m)
    }

    public static func plan(_ p: Plan) -> String {
        YAMLWriter.document([
            ("year", .int(p.year)),
            ("visits", .blockList(p.visits.map {
                .flowMap([("project", .string($0.project.rawValue)), ("due", .plain($0.due.description)), ("kind", .plain($0.kind.rawValue))]
                    + ($0.visitor.map { [("visitor", YAMLValue.string($0))] } ?? []))
            })),
        ])
    }
}
