import HuifangCore

/// JSON shapes of records shared by `show` and `list` commands.
public enum ProjectJSON {
    public static func project(_ p: Project, visits: [Visit], issues: [Issue]) -> JSONValue {
        // `retired` only for a retired project (the shape of the others stays as it was).
        let retired: [(String, JSONValue)] = p.retired.map { r in
            [("retired", .object([("date", .string(r.date.description)), ("reason", .string(r.reason))]))]
        } ?? []
        return .object([
            ("id", .string(p.id.rawValue)), ("name", .string(p.name)),
            ("customer", .object([
                ("name", .string(p.customer.name)),
                ("contacts", .array(p.customer.contacts.map {
                    .object([("name", .string($0.name)), ("role", .optional($0.role)), ("phone", .optional($0.phone)), ("email", .optional($0.email))])
                })),
            ])),
            ("department", .string(p.department)), ("owner", .string(p.owner)), ("tier", .string(p.tier.rawValue)),
            ("accepted", .optional(p.accepted?.description)), ("tags", .strings(p.tags)),
        ] + retired + [
            ("visits", .array(visits.map(visit))), ("issues", .array(issues.map(issue))),
        ])
    }

    public static func visit(_ v: Visit) -> JSONValue {
        .object([
            ("id", .string(v.id.rawValue)), ("project", .string(v.project.rawValue)), ("date", .string(v.date.description)),
            ("kind", .string(v.kind.rawValue)), ("method", .string(v.method.rawValue)), ("visitor", .string(v.visitor)),
            ("contacts", .strings(v.contacts)), ("event", .optional(v.event)), ("summary", .string(v.summary)),
            ("operation", .optional(v.operation?.rawValue)),
            ("scores", .object(v.scores.map { ($0.dimension, .int($0.score)) })), ("overall", .optional(v.overall)),
            ("overall_score", .optional(KPIEngine.round4(v.overallScore))), ("nps", .optional(v.nps)),
            ("quotes", .strings(v.quotes)), ("needs", .strings(v.needs)), ("competitors", .strings(v.competitors)),
            ("issues", .strings(v.issues.map(\.rawValue))), ("attachments", .strings(v.attachments.map(v.attachmentPath))),
        ])
    }

    public static func issue(_ i: Issue) -> JSONValue {
        .object([
            ("id", .string(i.id.rawValue)), ("project", .string(i.project.rawValue)), ("title", .string(i.title)),
            ("raised", .string(i.raised.description)), ("source", .string(i.source.rawValue)),
            ("visit", .optional(i.visit?.rawValue)), ("category", .string(i.category.rawValue)),
            ("severity", .string(i.severity.rawValue)), ("owner", .string(i.owner)), ("department", .string(i.department)),
            ("due", .string(i.due.description)), ("status", .string(i.status.rawValue)),
            ("resolved", .optional(i.currentResolution?.date.description)), ("confirmed", .optional(i.currentConfirmation?.date.description)),
        ])
    }
}
