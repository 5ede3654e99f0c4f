import HuifangCore

/// 项目回访报告: one project's visits, problems and their resolution, satisfaction and open items.
public enum ProjectReport {
    /// The report of `p` (the command looks it up by id or prefix).
    public static func build(_ c: ReportContext, _ p: Project) -> ReportOutput {
        let r = c.records
        let L = c.labels
        let k = c.kpis([p.id])
        let visits = r.visits(of: p.id).filter { c.period.contains($0.date) }
        let issues = r.issues(of: p.id).filter { c.period.contains($0.raised) || ($0.isUnclosed && $0.raised <= c.period.end) }
            .sorted { ($0.raised, $0.id) < ($1.raised, $1.id) }
        let t = k.countedOn
        let openVisits = c.schedule.items.filter { $0.project == p.id && $0.exists(on: t) && !$0.isSatisfied(on: t) }
        let openIssues = r.issues(of: p.id).filter { $0.raised <= t && !$0.isResolved(on: t) }
        let awaiting = r.issues(of: p.id).filter { $0.awaitsConfirmation(on: t) }
        let issueIDs = Set(r.issues(of: p.id).map(\.id))
        let measures = r.improvements.filter { $0.addresses.contains(where: issueIDs.contains) }
        let dept = r.config.department(p.department)

        var doc = ReportDocument(title: "\(L.report("project.title")): \(p.name) \(c.period.label)", subtitle: c.subtitle, language: L.language)
        doc.blocks.append(.heading(L["basics"]))
        doc.blocks.append(.facts([
            (L["project"], "\(p.id) — \(p.name)"), (L["customer"], p.customer.name),
            (L["contacts"], p.customer.contacts.map { ([$0.name] + [$0.role].compactMap { $0 }).joined(separator: " ") }.joined(separator: "; ")),
            (L["department"], dept.map { "\($0.name) (\($0.id))" } ?? p.department), (L["owner"], p.owner), (L["tier"], L.reportValue(p.tier)),
            (L["accepted"], p.accepted?.description ?? L["not accepted"]),
        ]))
        doc.blocks.append(.table(SummaryReport.kpiTable([(p.id.rawValue, k)], L)))
        doc.blocks += ReportOverview.smallSampleNote([k], L)

        doc.blocks.append(.heading(L.report("visits in period") + " (\(visits.count))"))
        if visits.isEmpty {
            doc.blocks.append(.paragraph(L["no visits"]))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: [L["date"], L["kind"], L["method"], L["visitor"], L["overall"], L["summary"]],
                rows: visits.map { [$0.date.description, L.reportValue($0.kind), L.reportValue($0.method), $0.visitor,
                                    $0.overallScore.map { ReportNumber.decimal($0, digits: 1) } ?? "", $0.summary] },
                numeric: [4])))
            let quotes = visits.flatMap { v in v.quotes.map { ($0, ([v.date.description] + v.contacts).joined(separator: " ")) } }
            if !quotes.isEmpty {
                doc.blocks.append(.subheading(L["quotes"]))
                for (q, s) in quotes { doc.blocks.append(.quote(q, source: s)) }
            }
            // Evidence (policy §七.2), linked relative to where the report is written.
            let files = visits.flatMap { v in v.attachments.map { ("\(v.date) \(v.id): \($0)", c.linkBase + v.attachmentPath($0)) } }
            if !files.isEmpty {
                doc.blocks.append(.subheading(L["evidence"]))
                doc.blocks.append(.links(files.map { (text: $0.0, href: $0.1) }))
            }
        }

        doc.blocks.append(.heading(L.report("satisfaction.title")))
        doc.blocks.append(.chart(Chart(kind: .bars, title: L.report("satisfaction.title") + " (\(L.report("scale")) \(r.config.satisfaction.scale))",
                                       labels: k.dimensions.map { L.reportDimension($0.name) } + [L["overall"]],
                                       series: [(p.id.rawValue, k.dimensions.map(\.mean) + [k.meanOverall])],
                                       maximum: Double(r.config.satisfaction.scale))))

        doc.blocks.append(.heading(L.report("problems")))
        if issues.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: ["ID", L["title"], L["severity"], L.report("category"), L["date"], L["deadline"], L["status"], L.report("resolution")],
                rows: issues.map { i in
                    [i.id.rawValue, i.title, L.reportValue(i.severity), L.reportValue(i.category), i.raised.description, i.due.description, L.reportValue(i.status),
                     i.currentResolution.map { "\($0.date) (\($0.date <= i.due ? L.report("on time") : L.report("late"))): \($0.summary)" } ?? ""]
                })))
        }

        doc.blocks.append(.heading(L.report("open items") + " (\(t))"))
        var items: [String] = openVisits.map { L("report.open visit", ["kind": L.reportValue($0.kind), "due": $0.due.description]) + ($0.due < t ? " (\(L.report("late")))" : "") }
        items += openIssues.map { "\($0.id) \($0.title) — \($0.owner), \(L["deadline"]) \($0.due)" + ($0.due < t ? " (\(L.report("late")))" : "") }
        items += awaiting.compactMap { i in
            i.resolved.map { res in
                let by = Issue.confirmationDue(resolvedOn: res.date, r.config.policy, calendar: r.calendar)
                return "\(i.id) \(i.title) — \(L.report("awaiting confirmation")), \(L["deadline"]) \(by)" + (by < t ? " (\(L.report("late")))" : "")
            }
        }
        doc.blocks.append(items.isEmpty ? .paragraph(L.report("none")) : .bullets(items))

        doc.blocks.append(.heading(L.report("suggestions")))
        let suggestions: [String] = measures.map { "\($0.id) \($0.title) — \($0.owner), \($0.due), \(L.reportValue($0.status))" }
        doc.blocks.append(suggestions.isEmpty ? .paragraph(L.report("none")) : .bullets(suggestions))

        // What the customer asked for and said of competitors (policy §六.3, §六.4): their own sections.
        let needs = visits.flatMap { v in v.needs.map { "\($0) — \(v.date)" } }
        doc.blocks.append(.heading(L["report.needs.title"]))
        doc.blocks.append(needs.isEmpty ? .paragraph(L["report.no needs"]) : .bullets(needs))
        let competitors = visits.flatMap { v in v.competitors.map { "\($0) — \(v.date)" } }
        doc.blocks.append(.heading(L["report.competitors.title"]))
        doc.blocks.append(competitors.isEmpty ? .paragraph(L["report.no competitors"]) : .bullets(competitors))

        let json = JSONValue.object([
            ("period", ReportJSON.period(k)), ("project", ProjectJSON.project(p, visits: visits, issues: issues)),
            ("as_of", .string(c.today.description)), ("counted_on", .string(t.description)),
        ] + ReportJSON.scope(k) + [
            ("open_visits", .array(openVisits.map { .object([("kind", .string($0.kind.rawValue)), ("due", .string($0.due.description))]) })),
            ("open_issues", .strings(openIssues.map(\.id.rawValue))),
            ("awaiting_confirmation", .array(awaiting.map { i in
                .object([("id", .string(i.id.rawValue)),
                         ("due", .optional(i.resolved.map { Issue.confirmationDue(resolvedOn: $0.date, r.config.policy, calendar: r.calendar).description }))])
            })),
            ("improvements", .strings(measures.map(\.id.rawValue))),
        ])
        let csvHeaders = ["date", "id", "kind", "method", "visitor", "contacts", "overall", "nps", "summary", "quotes", "issues", "attachments"]
        let csvRows = visits.map { v in
            [v.date.description, v.id.rawValue, v.kind.rawValue, v.method.rawValue, v.visitor, v.contacts.joined(separator: "; "),
             v.overallScore.map { ReportNumber.decimal($0, digits: 2) } ?? "", v.nps.map(String.init) ?? "", v.summary,
             v.quotes.joined(separator: " / "), v.issues.map(\.rawValue).joined(separator: " "),
             v.attachments.map(v.attachmentPath).joined(separator: " ")]
        }
        doc.chartsSayMissing(L)
        return ReportOutput(document: doc, json: json, csv: (csvHeaders, csvRows))
    }
}
