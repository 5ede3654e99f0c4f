import HuifangCore
import HuifangReport
import HuifangStore

/// The template `visit log --edit` opens: pre-filled from the project (contacts, the kind
/// the schedule expects next, today's date, the satisfaction dimensions) and from the flags
/// given, with the questions of policy §六 as comments in the repository's language.
enum VisitTemplate {
    static func text(id: VisitID, project p: Project, records r: Records, day: Day, flags f: VisitCommand.Log) -> String {
        let zh = r.config.language == .zh
        let L = Catalogue(r.config.language.rawValue)
        let purpose = VisitCommand.Log.purpose(p, r, day: day, event: f.event)
        let kind = f.kind ?? purpose.kind
        let event = f.event ?? (kind == .special && purpose.kind == .special ? purpose.event : nil)
        func q(_ s: String) -> String { DraftReader.token(s) }
        let contacts = f.contact.isEmpty ? p.customer.contacts.prefix(1).map(\.name) : f.contact
        let contactHelp = p.customer.contacts.map { c in ([c.name] + [c.role, c.phone].compactMap { $0 }).joined(separator: " ") }
            .joined(separator: "; ")
        let scale = r.config.satisfaction.scale
        var lines: [String] = []
        lines.append(zh ? "# 回访记录：\(p.name)（\(p.customer.name)）" : "# Visit record: \(p.name) (\(p.customer.name))")
        lines.append(zh ? "# 保存并退出即记录；不修改或清空则放弃，什么也不写。以 # 开头的行会被忽略。"
                        : "# Save and quit to log the visit; leave it unchanged or empty it to abort. Lines starting with # are ignored.")
        lines.append("id: \(id)")
        lines.append("date: \(day)")
        lines.append("kind: \(kind.rawValue)" + pad("kind: \(kind.rawValue)") + "# " + VisitKind.allCases.map(\.rawValue).joined(separator: " | "))
        let method = f.method?.rawValue ?? ""
        lines.append("method: \(method)" + pad("method: \(method)") + "# " + VisitMethod.allCases.map(\.rawValue).joined(separator: " | "))
        lines.append("visitor: \(q(f.visitor ?? p.owner))")
        lines.append("contacts: [\(contacts.map(q).joined(separator: ", "))]" + (contactHelp.isEmpty ? "" : "   # \(contactHelp)"))
        if let e = event { lines.append("event: \(q(e))") }
        lines.append("summary: \(f.summary.map(q) ?? "\"\"")" + (zh ? "   # 回访内容：运行情况、满意度及原因、新需求" : "   # what was discussed"))
        lines.append("operation: \(f.operation?.rawValue ?? "normal")" + "   # normal | degraded | down")
        let given = Dictionary(f.score.compactMap { s -> (String, String)? in
            let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }, uniquingKeysWith: { a, _ in a })
        lines.append("scores:" + (zh ? "   # 1..\(scale)，不评分的项删除或留空" : "   # 1..\(scale); leave empty what was not scored"))
        for d in r.config.satisfaction.dimensions {
            lines.append("  \(d): \(given[d] ?? "")")
        }
        lines.append("overall: \(f.overall.map(String.init) ?? "")" + (zh ? "   # 总体满意度 1..\(scale)，留空则取各项平均" : "   # 1..\(scale); empty: the mean of the scores"))
        lines.append("nps: \(f.nps.map(String.init) ?? "")" + (zh ? "   # 推荐意愿 0..10" : "   # likelihood to recommend, 0..10"))
        lines.append("quotes:" + (zh ? "   # 客户原话，逐字记录" : "   # the customer's own words, verbatim"))
        for quote in f.quote { lines.append("  - \(q(quote))") }
        lines.append("needs:" + (zh ? "   # 需求变化及潜在需求" : "   # changed and new needs"))
        for need in f.need { lines.append("  - \(q(need))") }
        lines.append("competitors:" + (zh ? "   # 竞争对手信息" : "   # what was learnt about competitors"))
        for c in f.competitor { lines.append("  - \(q(c))") }
        lines.append("")
        lines.append("# " + L["questions"] + ":")
        for key in ["q.operation", "q.satisfaction", "q.needs", "q.competitors", "q.recommend"] { lines.append("#   - " + L[key]) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String) -> String { String(repeating: " ", count: max(2, 24 - s.count)) }
}
