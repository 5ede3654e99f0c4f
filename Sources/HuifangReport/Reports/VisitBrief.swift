import HuifangCore

/// 回访提纲: what a visitor needs at hand before calling or meeting the customer.
public enum VisitBrief {
    public static func make(_ p: Project, _ r: Records, today: Day, labels L: Catalogue) -> ReportDocument {
        var doc = ReportDocument(title: "\(L["prepare.title"]): \(p.name)", subtitle: "\(p.customer.name) · \(today)",
                                 language: L.language)
        let dept = r.config.department(p.department)
        doc.blocks.append(.heading(L["basics"]))
        doc.blocks.append(.facts([
            (L["project"], "\(p.id) — \(p.name)"), (L["customer"], p.customer.name),
            (L["department"], dept.map { "\($0.name) (\($0.id))" } ?? p.department), (L["owner"], p.owner),
            (L["tier"], L.reportValue(p.tier)), (L["accepted"], p.accepted?.description ?? L["not accepted"]),
        ]))
        if !p.customer.contacts.isEmpty {
            doc.blocks.append(.subheading(L["contacts"]))
            doc.blocks.append(.bullets(p.customer.contacts.map { c in
                ([c.name] + [c.role, c.phone, c.email].compactMap { $0 }).joined(separator: " · ")
            }))
        }

        let schedule = Schedule(r)
        let due = schedule.open(on: today).filter { $0.project == p.id }
        doc.blocks.append(.heading(L["due"]))
        if due.isEmpty {
            let next = schedule.items.filter { $0.project == p.id && $0.due > today && !$0.isSatisfied(on: today) }.first
            doc.blocks.append(.paragraph(L["nothing due"] + (next.map { " (\(L.reportValue($0.kind)): \($0.due))" } ?? "")))
        } else {
            let events = Dictionary(r.events.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            let issues = Dictionary(r.issues.map { ($0.id.rawValue, $0.title) }, uniquingKeysWith: { a, _ in a })
            doc.blocks.append(.table(ReportTable(headers: [L["deadline"], L["kind"], L["why"]], rows: due.map { item in
                let late = item.due < today ? " (\(L.daysLate(item.due.days(until: today))))" : ""
                let why: String
                switch item.kind {
                case .first: why = "\(L["accepted"]) \(item.triggered)"
                case .periodic: why = "\(L["last visit"]) \(item.triggered)"
                case .special: why = item.basis.flatMap { events[$0] } ?? item.basis ?? ""
                case .customerRequest: why = item.basis.flatMap { issues[$0] } ?? item.basis ?? ""
                }
                return [item.due.description + late, L.reportValue(item.kind), why]
            })))
        }

        let visits = r.visits(of: p.id).filter { $0.date <= today }
        doc.blocks.append(.heading(L["recent visits"]))
        if visits.isEmpty {
            doc.blocks.append(.paragraph(L["no visits"]))
        } else {
            let recent = Array(visits.suffix(5).reversed())
            doc.blocks.append(.table(ReportTable(
                headers: [L["date"], L["kind"], L["method"], L["visitor"], L["overall"], L["summary"]],
                rows: recent.map { v in
                    [v.date.description, L.reportValue(v.kind), L.reportValue(v.method), v.visitor,
                     v.overallScore.map { ReportNumber.decimal($0, digits: 1) } ?? "", v.summary]
                }, numeric: [4])))
            let scored = visits.suffix(8).filter { $0.overallScore != nil }
            if scored.count >= 2 {
                doc.blocks.append(.chart(Chart(kind: .line, title: L["trend"], labels: scored.map { String($0.date.description.dropFirst(2)) },
                                               series: [(L["overall"], scored.map(\.overallScore))], maximum: Double(r.config.satisfaction.scale))))
            }
            let quotes = recent.flatMap { v in v.quotes.map { ($0, ([v.date.description] + v.contacts).joined(separator: " ")) } }
            if !quotes.isEmpty {
                doc.blocks.append(.subheading(L["quotes"]))
                for (q, source) in quotes.prefix(6) { doc.blocks.append(.quote(q, source: source)) }
            }
        }

        let open = r.issues(of: p.id).filter(\.isUnclosed).sorted { $0.due < $1.due }
        doc.blocks.append(.heading(L["open issues"]))
        if open.isEmpty {
            doc.blocks.append(.paragraph(L["no open issues"]))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: ["ID", L["severity"], L["status"], L["deadline"], L["report.responsible"], L["title"]],
                rows: open.map { i in
                    let state = i.deadlineState(on: today, calendar: r.calendar, dueSoonShare: r.config.policy.dueSoonShare)
                    return [i.id.rawValue, L.reportValue(i.severity), L.reportValue(i.status), "\(i.due) (\(L.reportValue(state)))", i.owner, i.title]
                })))
        }
        // Issue 19: the open high risks of the project, which the visitor should ask about.
        let high = r.highRisks(of: p.id).filter { $0.raised <= today }
        if !high.isEmpty {
            doc.blocks.append(.heading(L["risk.brief.title"]))
            doc.blocks.append(.table(ReportTable(
                headers: ["ID", L["risk.col.score"], L["risk.col.category"], L["risk.col.response"], L["report.responsible"], L["risk.col.title"],
                          L["risk.col.plan"]],
                rows: high.map { [$0.id.rawValue, String($0.score), L.word($0.category), L.word($0.response), $0.owner, $0.title, $0.plan] },
                numeric: [1])))
        }
        let issueIDs = Set(r.issues(of: p.id).map(\.id))
        let measures = r.improvements.filter { $0.addresses.contains(where: issueIDs.contains) }
        if !measures.isEmpty {
            doc.blocks.append(.heading(L["improvements"]))
            doc.blocks.append(.table(ReportTable(headers: ["ID", L["status"], L["deadline"], L["report.responsible"], L["measure"]],
                                                 rows: measures.map { [$0.id.rawValue, L.reportValue($0.status), $0.due.description, $0.owner, $0.title] })))
        }

        doc.blocks.append(.heading(L["questions"]))
        var questions = [L["q.operation"], L["q.satisfaction"], L["q.needs"], L["q.competitors"], L["q.recommend"]]
        if !open.isEmpty {
            questions.append(L["q.issues"] + " " + open.map { "\($0.title) (\($0.id))" }.joined(separator: "; "))
        }
        doc.blocks.append(.bullets(questions))
        doc.chartsSayMissing(L)
        return doc
    }
}
