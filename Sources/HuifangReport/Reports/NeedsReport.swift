import HuifangCore

/// 需求线索汇总 (issue 19): the needs visits recorded in the period, as leads, by department and
/// customer, with their status.
public enum NeedsReport {
    public static func build(_ c: ReportContext, leads: [NeedLead]) -> ReportOutput {
        let L = c.labels
        let r = c.records
        var doc = ReportDocument(title: L["needs.title"] + " \(c.period.label)", subtitle: c.subtitle, language: L.language)
        let projects = Dictionary(r.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func department(_ p: ProjectID) -> String { projects[p]?.department ?? "" }
        func customer(_ p: ProjectID) -> String { projects[p]?.customer.name ?? p.rawValue }
        func departmentName(_ id: String) -> String { r.config.department(id)?.name ?? id }
        let statuses = NeedStatus.allCases
        // department, customer -> counts per status
        var groups: [String: [NeedLead]] = [:]
        for l in leads { groups[department(l.project) + "\u{0}" + customer(l.project), default: []].append(l) }
        let keys = groups.keys.sorted { a, b in
            let (na, nb) = (groups[a]!.count, groups[b]!.count)
            return na != nb ? na > nb : a < b
        }
        doc.blocks.append(.heading(L["needs.by_customer"]))
        var byRows: [[String]] = []
        var byJSON: [JSONValue] = []
        for k in keys {
            let parts = k.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            let list = groups[k]!
            let counts = statuses.map { s in list.filter { $0.state.status == s }.count }
            byRows.append([departmentName(parts[0]), parts[1], String(list.count)] + counts.map(String.init))
            byJSON.append(.object([("department", .string(parts[0])), ("customer", .string(parts[1])), ("needs", .int(list.count))]
                + zip(statuses, counts).map { ($0.rawValue, JSONValue.int($1)) }))
        }
        let statusHeaders = statuses.map { L["needs.col." + $0.rawValue] }
        if leads.isEmpty {
            doc.blocks.append(.paragraph(L["needs.none"]))
        } else {
            doc.blocks.append(.table(ReportTable(headers: [L["department"], L["customer"], L["needs.count"]] + statusHeaders, rows: byRows,
                                                 numeric: Set(2..<(3 + statuses.count)))))
            doc.blocks.append(.heading(L["needs.list"]))
            doc.blocks.append(.table(ReportTable(
                headers: [L["date"], L["customer"], L["needs.need"], L["col.status"], L["needs.owner"], L["needs.id"]],
                rows: leads.map { l in
                    [l.date.description, customer(l.project), l.text, L["need.status." + l.state.status.rawValue], l.state.owner ?? "", l.id]
                })))
        }
        let json = JSONValue.object([
            ("period", .string(c.period.label)), ("from", .string(c.period.start.description)), ("to", .string(c.period.end.description)),
            ("by_customer", .array(byJSON)),
            ("needs", .array(leads.map(leadJSON))),
        ])
        let csv = (headers: ["id", "date", "project", "department", "customer", "need", "status", "owner", "note"],
                   rows: leads.map { l in
                       [l.id, l.date.description, l.project.rawValue, department(l.project), customer(l.project), l.text, l.state.status.rawValue,
                        l.state.owner ?? "", l.state.note ?? ""]
                   })
        return ReportOutput(document: doc, json: json, csv: csv)
    }

    public static func leadJSON(_ l: NeedLead) -> JSONValue {
        .object([("id", .string(l.id)), ("visit", .string(l.visit.rawValue)), ("project", .string(l.project.rawValue)),
                 ("date", .string(l.date.description)), ("need", .string(l.text)), ("status", .string(l.state.status.rawValue)),
                 ("owner", .optional(l.state.owner)), ("note", .optional(l.state.note)), ("updated", .optional(l.state.updated?.description))])
    }
}

/// 竞争对手信息汇总 (issue 19): competitor notes of the period by competitor: how often
/// mentioned, in which projects, and what the customers said.
public enum CompetitorsReport {
    public static func build(_ c: ReportContext) -> ReportOutput {
        let L = c.labels
        let groups = CompetitorNotes.groups(c.records, period: c.period)
        var doc = ReportDocument(title: L["competitors.title"] + " \(c.period.label)", subtitle: c.subtitle, language: L.language)
        let customers = Dictionary(c.records.projects.map { ($0.id, $0.customer.name) }, uniquingKeysWith: { a, _ in a })
        func name(_ g: String?) -> String { g ?? L["competitors.unnamed"] }
        if groups.isEmpty {
            doc.blocks.append(.paragraph(L["competitors.none"]))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: [L["competitors.competitor"], L["competitors.mentions"], L["competitors.projects"]],
                rows: groups.map { g in [name(g.competitor), String(g.mentions), g.projects.map(\.rawValue).joined(separator: ", ")] },
                numeric: [1])))
            for g in groups {
                doc.blocks.append(.heading(name(g.competitor)))
                doc.blocks.append(.bullets(g.notes.map { n in "\(n.said) — \(customers[n.project] ?? n.project.rawValue) (\(n.project)) \(n.date)" }))
            }
            if groups.contains(where: { $0.competitor == nil }) { doc.blocks.append(.paragraph(L["competitors.name_hint"])) }
        }
        let json = JSONValue.object([
            ("period", .string(c.period.label)), ("from", .string(c.period.start.description)), ("to", .string(c.period.end.description)),
            ("competitors", .array(groups.map { g in
                .object([("competitor", .optional(g.competitor)), ("mentions", .int(g.mentions)), ("projects", .strings(g.projects.map(\.rawValue))),
                         ("notes", .array(g.notes.map { n in
                             .object([("said", .string(n.said)), ("project", .string(n.project.rawValue)), ("visit", .string(n.visit.rawValue)),
                                      ("date", .string(n.date.description))])
                         }))])
            })),
        ])
        let csv = (headers: ["competitor", "date", "project", "customer", "visit", "said"],
                   rows: groups.flatMap { g in g.notes.map { n in
                       [g.competitor ?? "", n.date.description, n.project.rawValue, customers[n.project] ?? "", n.visit.rawValue, n.said]
                   } })
        return ReportOutput(document: doc, json: json, csv: csv)
    }
}
