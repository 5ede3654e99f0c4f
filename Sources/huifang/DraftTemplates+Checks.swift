import HuifangCore

/// What a draft from the editor must agree with in the repository, found while the editor
/// can still be opened again, each problem at its `line:col` in the edited text (as `issue add`
/// and `improve add` would otherwise refuse after the editor closed, with no position).
extension DraftTemplates {
    static func check(_ d: IssueDraft, text: String, records r: Records, project p: Project, today: Day) -> Result<IssueDraft, EditProblems> {
        func at(_ key: String) -> String { EditorSession.position(of: key, in: text) }
        var lines: [String] = []
        if let department = d.department?.trimmed, !department.isEmpty, r.config.department(department) == nil {
            lines.append("\(at("department")): unknown department '\(department)'; known: \(r.config.departments.map(\.id).joined(separator: ", "))")
        }
        if d.raised > today { lines.append("\(at("raised")): raised date \(d.raised) is after today (\(today))") }
        var visit: Visit?
        if let v = d.visit?.trimmed, !v.isEmpty {
            switch r.visit(matching: v) {
            case .found(let found): visit = found
            case .notFound: lines.append("\(at("visit")): no visit '\(v)' (see 'huifang visit list \(p.id)')")
            case .tooShort: lines.append("\(at("visit")): '\(v)' is too short to name a visit: give at least \(Records.minimumPrefix) characters")
            case .ambiguous(let m): lines.append("\(at("visit")): '\(v)' matches \(m.count) visits: \(m.prefix(8).joined(separator: ", "))")
            case .duplicated(let id, let paths): lines.append("\(at("visit")): visit id '\(id)' is duplicated: \(paths.joined(separator: ", "))")
            }
        } else if d.source == .visit {
            lines.append("\(at("source")): source 'visit' needs 'visit: VID', the visit in which the problem came up")
        }
        if let visit {
            if visit.project != p.id { lines.append("\(at("visit")): visit \(visit.id) belongs to project \(visit.project), not \(p.id)") }
            if d.raised < visit.date { lines.append("\(at("raised")): raised \(d.raised) is before the visit on \(visit.date)") }
        }
        return lines.isEmpty ? .success(d) : .failure(EditProblems(lines: lines))
    }

    static func check(_ d: ImprovementDraft, text: String, records r: Records) -> Result<ImprovementDraft, EditProblems> {
        func at(_ key: String) -> String { EditorSession.position(of: key, in: text) }
        var lines: [String] = []
        if r.config.department(d.department.trimmed) == nil {
            lines.append("\(at("department")): unknown department '\(d.department)'; known: \(r.config.departments.map(\.id).joined(separator: ", "))")
        }
        for a in d.addresses {
            switch r.issue(matching: a.trimmed) {
            case .found: continue
            case .notFound: lines.append("\(at("addresses")): no issue '\(a)' (see 'huifang issue list')")
            case .tooShort: lines.append("\(at("addresses")): '\(a)' is too short to name an issue: give at least \(Records.minimumPrefix) characters")
            case .ambiguous(let m): lines.append("\(at("addresses")): '\(a)' matches \(m.count) issues: \(m.prefix(8).joined(separator: ", "))")
            case .duplicated(let id, let paths): lines.append("\(at("addresses")): issue id '\(id)' is duplicated: \(paths.joined(separator: ", "))")
            }
        }
        return lines.isEmpty ? .success(d) : .failure(EditProblems(lines: lines))
    }
}
