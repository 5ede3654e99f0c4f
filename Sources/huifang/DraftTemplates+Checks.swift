import HuifangCore
import HuifangReport

/// What a draft from the editor must agree with in the repository, found while the editor
/// can still be opened again, each problem at its `line:col` in the edited text (as `issue add`
/// and `improve add` would otherwise refuse after the editor closed, with no position).
extension DraftTemplates {
    static func check(_ d: IssueDraft, text: String, records r: Records, project p: Project, today: Day) -> Result<IssueDraft, EditProblems> {
        let c = MessageLanguage.catalogue
        func at(_ key: String) -> String { EditorSession.position(of: key, in: text) }
        var lines: [String] = []
        if let department = d.department?.trimmed, !department.isEmpty, r.config.department(department) == nil {
            lines.append("\(at("department")): " + c.text("draft.unknown-department", ["id": department, "known": r.config.departments.map(\.id).joined(separator: ", ")]))
        }
        if d.raised > today { lines.append("\(at("raised")): " + c.text("error.raised-after-today", ["date": d.raised.description, "today": today.description])) }
        var visit: Visit?
        if let v = d.visit?.trimmed, !v.isEmpty {
            switch r.visit(matching: v) {
            case .found(let found): visit = found
            case .notFound: lines.append("\(at("visit")): " + c.text("draft.no-visit", ["text": v, "project": p.id.rawValue]))
            case .tooShort: lines.append("\(at("visit")): " + c.text("draft.too-short.visit", ["text": v, "count": String(Records.minimumPrefix)]))
            case .ambiguous(let m): lines.append("\(at("visit")): " + c.text("draft.ambiguous.visit", ["text": v, "count": String(m.count), "matches": m.prefix(8).joined(separator: ", ")]))
            case .duplicated(let id, let paths): lines.append("\(at("visit")): " + c.text("draft.duplicated.visit", ["id": id, "paths": paths.joined(separator: ", ")]))
            }
        } else if d.source == .visit {
            lines.append("\(at("source")): " + c["draft.source-visit"])
        }
        if let visit {
            if visit.project != p.id { lines.append("\(at("visit")): " + c.text("error.visit-of-other-project", ["visit": visit.id.rawValue, "project": visit.project.rawValue, "own": p.id.rawValue])) }
            if d.raised < visit.date { lines.append("\(at("raised")): " + c.text("error.raised-before-visit", ["date": d.raised.description, "visit": visit.date.description])) }
        }
        return lines.isEmpty ? .success(d) : .failure(EditProblems(lines: lines))
    }

    static func check(_ d: ImprovementDraft, text: String, records r: Records) -> Result<ImprovementDraft, EditProblems> {
        let c = MessageLanguage.catalogue
        func at(_ key: String) -> String { EditorSession.position(of: key, in: text) }
        var lines: [String] = []
        if r.config.department(d.department.trimmed) == nil {
            lines.append("\(at("department")): " + c.text("draft.unknown-department", ["id": d.department, "known": r.config.departments.map(\.id).joined(separator: ", ")]))
        }
        for a in d.addresses {
            switch r.issue(matching: a.trimmed) {
            case .found: continue
            case .notFound: lines.append("\(at("addresses")): " + c.text("draft.no-issue", ["text": a]))
            case .tooShort: lines.append("\(at("addresses")): " + c.text("draft.too-short.issue", ["text": a, "count": String(Records.minimumPrefix)]))
            case .ambiguous(let m): lines.append("\(at("addresses")): " + c.text("draft.ambiguous.issue", ["text": a, "count": String(m.count), "matches": m.prefix(8).joined(separator: ", ")]))
            case .duplicated(let id, let paths): lines.append("\(at("addresses")): " + c.text("draft.duplicated.issue", ["id": id, "paths": paths.joined(separator: ", ")]))
            }
        }
        return lines.isEmpty ? .success(d) : .failure(EditProblems(lines: lines))
    }
}
