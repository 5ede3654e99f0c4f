import HuifangCore

/// `project list`: one row per project with its visits and open issues.
public enum ProjectListing {
    /// Every project of `r`, or only those of `department`.
    /// Headers and tiers in `L`'s language; the CSV's tier column keeps the code.
    public static func make(_ r: Records, department: String?, labels L: Catalogue) -> Listing {
        var listing = Listing([
            ("id", L["col.id"]), ("name", L["col.name"]), ("customer", L["col.customer"]), ("department", L["col.department"]),
            ("owner", L["col.owner"]), ("tier", L["col.tier"]), ("accepted", L["col.accepted"]), ("visits", L["col.visits"]),
            ("last_visit", L["col.last_visit"]), ("open_issues", L["col.open_issues"]),
        ])
        listing.codeColumns = [5]
        listing.rightAligned = [7, 9]
        listing.maxWidth = [1: 28, 2: 24]
        listing.addDetailColumns([("contacts", L["col.x.contacts"]), ("tags", L["col.x.tags"]), ("retired", L["col.x.retired"]),
                                  ("retired_reason", L["col.x.retired_reason"]), ("visit_ids", L["col.x.visit_ids"]), ("issue_ids", L["col.x.issue_ids"])])
        let issues = Dictionary(grouping: r.issues, by: \.project)
        let visits = Dictionary(grouping: r.visits, by: \.project)
        let open = Dictionary(grouping: r.issues.filter(\.isOpen), by: \.project)
        for p in r.projects where department == nil || p.department == department {
            let vs = visits[p.id] ?? []
            listing.add([
                (p.id.rawValue, .string(p.id.rawValue)), (p.name, .string(p.name)), (p.customer.name, .string(p.customer.name)),
                (p.department, .string(p.department)), (p.owner, .string(p.owner)), (L.word(p.tier), .string(p.tier.rawValue)),
                cell(p.accepted?.description), (String(vs.count), .int(vs.count)), cell(vs.last?.date.description),
                (String(open[p.id]?.count ?? 0), .int(open[p.id]?.count ?? 0)),
                (p.customer.contacts.map(ProjectListing.contactText).joined(separator: "\n"), .array(p.customer.contacts.map {
                    .object([("name", .string($0.name)), ("role", .optional($0.role)), ("phone", .optional($0.phone)), ("email", .optional($0.email))])
                })),
                cell(lines: p.tags), cell(p.retired?.date.description), cell(p.retired?.reason),
                cell(lines: vs.map(\.id.rawValue)), cell(lines: (issues[p.id] ?? []).map(\.id.rawValue)),
            ])
        }
        return listing
    }

    /// A contact on one line: name, role, phone, e-mail (those given), comma separated.
    public static func contactText(_ c: Contact) -> String {
        ([c.name] + [c.role, c.phone, c.email].compactMap { $0 }).joined(separator: ", ")
    }
}

/// `due`: one row per agenda entry (visits, issues and confirmations due).
public enum AgendaListing {
    /// Headers and words in `L`'s language; the CSV's `days_overdue` (a number, negative: days
    /// left) and `type` (`visit/periodic`, `issue/major`, `confirmation`) columns keep the codes.
    /// JSON gives values: `responsible` is the name, `title` the record's own (null for first and
    /// periodic visits), `basis` what the visit follows (acceptance or last visit day, event or
    /// issue id) and `followed_by` the customer-service head and department of a complaint.
    public static func make(_ entries: [AgendaEntry], labels L: Catalogue) -> Listing {
        var listing = Listing([
            ("due", L["col.due"]), ("days_overdue", L["col.late"]), ("type", L["col.type"]), ("project", L["col.project"]),
            ("responsible", L["col.who"]), ("id", L["col.id"]), ("title", L["col.what"]), ("basis", L["col.x.basis"]), ("followed_by", L["col.x.followed_by"]),
        ])
        listing.codeColumns = [1, 2]
        listing.jsonOnly = [7, 8]
        listing.rightAligned = [1]
        listing.maxWidth = [6: 48]
        for e in entries {
            let type: String
            let word: String
            let id: String
            switch e.subject {
            case .visit(let k):
                (type, word) = ("visit/" + k.rawValue, L.word(k))
                id = ""
            case .issue(let iid, let s):
                (type, word) = ("issue/" + s.rawValue, L("agenda.issue", ["severity": L.word(s)]))
                id = iid.rawValue
            case .confirmation(let iid):
                (type, word) = ("confirmation", L["agenda.confirm"])
                id = iid.rawValue
            case .riskReview(let rid):
                (type, word) = ("risk_review", L["agenda.risk_review"])
                id = rid.rawValue
            }
            let basis: String?
            switch e.about {
            case .firstVisit(let day): basis = day.description
            case .periodicVisit(let day): basis = day.description
            case .specialVisit(let event): basis = event
            case .customerRequest(let issue): basis = issue
            case .issue, .confirmation, .riskReview: basis = nil
            }
            let follower: JSONValue = e.follower.map { .object([("head", .string($0.head)), ("department", .string($0.department))]) } ?? .null
            listing.add([
                (e.due.description, .string(e.due.description)), (L.lateness(e.daysOverdue), .int(e.daysOverdue)), (word, .string(type)),
                (e.project.rawValue, .string(e.project.rawValue)), (L.responsible(e), .string(e.responsible)),
                (id, id.isEmpty ? .null : .string(id)), (L.about(e), e.title.isEmpty ? .null : .string(e.title)),
                (basis ?? "", .optional(basis)), (e.follower.map { "\($0.head) (\($0.department))" } ?? "", follower),
            ])
        }
        return listing
    }
}

/// `visit list`: visits newest first, of one project or all, in a period or all time.
public enum VisitListing {
    /// Headers, kinds and methods in `L`'s language; the CSV's kind and method columns keep the codes.
    public static func make(_ r: Records, project only: ProjectID?, period: Period?, labels L: Catalogue) -> Listing {
        var listing = Listing([
            ("date", L["col.date"]), ("id", L["col.id"]), ("project", L["col.project"]), ("kind", L["col.kind"]), ("method", L["col.method"]),
            ("visitor", L["col.visitor"]), ("overall", L["col.overall"]), ("nps", L["col.nps"]), ("summary", L["col.summary"]),
        ])
        listing.codeColumns = [3, 4]
        listing.rightAligned = [6, 7]
        listing.maxWidth = [8: 40]
        let dimensions = r.config.satisfaction.dimensions
        listing.addDetailColumns([("contacts", L["col.x.contacts"]), ("event", L["col.x.event"]), ("operation", L["col.x.operation"])]
            + dimensions.map { ("score_" + $0, L("col.x.score", ["dimension": Catalogue.table(L.lang)["report.dimension." + $0] ?? $0])) }
            + [("overall_rating", L["col.x.overall_rating"]), ("quotes", L["col.x.quotes"]), ("needs", L["col.x.needs"]),
               ("competitors", L["col.x.competitors"]), ("issues", L["col.x.issues"]), ("attachments", L["col.x.attachments"])])
        let chosen = r.visits.filter { v in
            (only == nil || v.project == only) && (period?.contains(v.date) ?? true)
        }.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
        for v in chosen {
            listing.add([
                (v.date.description, .string(v.date.description)), (v.id.rawValue, .string(v.id.rawValue)),
                (v.project.rawValue, .string(v.project.rawValue)), (L.word(v.kind), .string(v.kind.rawValue)),
                (L.word(v.method), .string(v.method.rawValue)), (v.visitor, .string(v.visitor)),
                cell(v.overallScore), cell(v.nps), (v.summary, .string(v.summary)),
                cell(lines: v.contacts), cell(v.event), cell(v.operation?.rawValue),
            ] + dimensions.map { cell(v.score($0)) } + [
                cell(v.overall), cell(lines: v.quotes), cell(lines: v.needs), cell(lines: v.competitors),
                cell(lines: v.issues.map(\.rawValue)), cell(lines: v.attachments.map(v.attachmentPath)),
            ])
        }
        return listing
    }
}

/// `project log --format json|csv`: one row per timeline entry.
public enum TimelineListing {
    /// Headers, kinds and details in `L`'s language; the CSV's kind and detail columns keep the codes.
    public static func make(_ entries: [TimelineEntry], labels L: Catalogue) -> Listing {
        var listing = Listing([("date", L["col.date"]), ("kind", L["col.kind"]), ("id", L["col.id"]), ("who", L["col.who_did"]),
                               ("detail", L["col.detail"]), ("subject", L["col.subject"])])
        listing.codeColumns = [1, 4]
        for e in entries {
            listing.add([(e.date.description, .string(e.date.description)), (L["tl." + e.kind.rawValue], .string(e.kind.rawValue)),
                         (e.id, .string(e.id)), cell(e.who), (L.words(e.facts), .string(e.detail)), (e.subject, .string(e.subject))])
        }
        return listing
    }
}
