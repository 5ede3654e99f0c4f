import HuifangCore

/// `project list`: one row per project with its visits and open issues.
public enum ProjectListing {
    /// Every project of `r`, or only those of `department`.
    public static func make(_ r: Records, department: String?) -> Listing {
        var listing = Listing([
            ("id", "ID"), ("name", "名称 Name"), ("customer", "客户 Customer"), ("department", "部门 Dept"),
            ("owner", "负责人 Owner"), ("tier", "Tier"), ("accepted", "验收 Accepted"), ("visits", "回访 Visits"),
            ("last_visit", "最近回访 Last"), ("open_issues", "未结问题 Open"),
        ])
        listing.rightAligned = [7, 9]
        listing.maxWidth = [1: 28, 2: 24]
        listing.addDetailColumns([("contacts", "联系人 Contacts"), ("tags", "标签 Tags"), ("retired", "停止回访 Retired"),
                                  ("retired_reason", "停止原因 Reason"), ("visit_ids", "回访 Visit IDs"), ("issue_ids", "问题 Issue IDs")])
        let issues = Dictionary(grouping: r.issues, by: \.project)
        let visits = Dictionary(grouping: r.visits, by: \.project)
        let open = Dictionary(grouping: r.issues.filter(\.isOpen), by: \.project)
        for p in r.projects where department == nil || p.department == department {
            let vs = visits[p.id] ?? []
            listing.add([
                (p.id.rawValue, .string(p.id.rawValue)), (p.name, .string(p.name)), (p.customer.name, .string(p.customer.name)),
                (p.department, .string(p.department)), (p.owner, .string(p.owner)), (p.tier.rawValue, .string(p.tier.rawValue)),
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
    public static func make(_ entries: [AgendaEntry]) -> Listing {
        var listing = Listing([
            ("due", "到期 Due"), ("days_overdue", "逾期 Late"), ("type", "类型 Type"), ("project", "项目 Project"),
            ("responsible", "负责人 Who"), ("id", "ID"), ("title", "事项 What"),
        ])
        listing.rightAligned = [1]
        listing.maxWidth = [6: 48]
        for e in entries {
            let type: String
            let id: String
            switch e.subject {
            case .visit(let k):
                type = "visit/" + k.rawValue
                id = ""
            case .issue(let iid, let s):
                type = "issue/" + s.rawValue
                id = iid.rawValue
            case .confirmation(let iid):
                type = "confirmation"
                id = iid.rawValue
            }
            let late = e.daysOverdue > 0 ? "\(e.daysOverdue)d" : (e.daysOverdue == 0 ? "today" : "in \(-e.daysOverdue)d")
            listing.add([
                (e.due.description, .string(e.due.description)), (late, .int(e.daysOverdue)), (type, .string(type)),
                (e.project.rawValue, .string(e.project.rawValue)), (e.responsibleText, .string(e.responsibleText)),
                (id, id.isEmpty ? .null : .string(id)), (e.title, .string(e.title)),
            ])
        }
        return listing
    }
}

/// `visit list`: visits newest first, of one project or all, in a period or all time.
public enum VisitListing {
    public static func make(_ r: Records, project only: ProjectID?, period: Period?) -> Listing {
        var listing = Listing([
            ("date", "日期 Date"), ("id", "ID"), ("project", "项目 Project"), ("kind", "类型 Kind"), ("method", "方式 Method"),
            ("visitor", "回访人 Visitor"), ("overall", "满意度 Overall"), ("nps", "NPS"), ("summary", "内容 Summary"),
        ])
        listing.rightAligned = [6, 7]
        listing.maxWidth = [8: 40]
        let dimensions = r.config.satisfaction.dimensions
        listing.addDetailColumns([("contacts", "联系人 Contacts"), ("event", "事件 Event"), ("operation", "运行 Operation")]
            + dimensions.map { ("score_" + $0, "评分 " + $0) }
            + [("overall_rating", "总体评分 Overall rating"), ("quotes", "客户原话 Quotes"), ("needs", "需求 Needs"),
               ("competitors", "竞争对手 Competitors"), ("issues", "问题 Issues"), ("attachments", "附件 Attachments")])
        let chosen = r.visits.filter { v in
            (only == nil || v.project == only) && (period?.contains(v.date) ?? true)
        }.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
        for v in chosen {
            listing.add([
                (v.date.description, .string(v.date.description)), (v.id.rawValue, .string(v.id.rawValue)),
                (v.project.rawValue, .string(v.project.rawValue)), (v.kind.rawValue, .string(v.kind.rawValue)),
                (v.method.rawValue, .string(v.method.rawValue)), (v.visitor, .string(v.visitor)),
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
    public static func make(_ entries: [TimelineEntry]) -> Listing {
        var listing = Listing([("date", "date"), ("kind", "kind"), ("id", "id"), ("who", "who"), ("detail", "detail"), ("subject", "subject")])
        for e in entries {
            listing.add([(e.date.description, .string(e.date.description)), (e.kind.rawValue, .string(e.kind.rawValue)),
                         (e.id, .string(e.id)), cell(e.who), (e.detail, .string(e.detail)), (e.subject, .string(e.subject))])
        }
        return listing
    }
}
