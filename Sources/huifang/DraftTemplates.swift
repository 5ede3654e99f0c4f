import HuifangCore
import HuifangReport
import HuifangYAML

/// Templates and readers for `issue add --edit` and `improve add --edit`: only the fields a
/// person decides; routing fills in owner, department and deadline afterwards.
enum DraftTemplates {
    static func q(_ s: String) -> String { YAMLScalarQuoting.token(s) }

    static func issue(project p: Project, zh: Bool, flags f: IssueCommand.Add, today: Day) -> String {
        var l: [String] = []
        l.append(zh ? "# 客户反馈问题：\(p.name)（\(p.customer.name)）" : "# Customer problem: \(p.name) (\(p.customer.name))")
        l.append(zh ? "# 保存并退出即记录并按级别分派；不修改或清空则放弃。" : "# Save and quit to record and route it; leave unchanged or empty it to abort.")
        l.append("title: \(f.title.map(q) ?? "\"\"")" + (zh ? "   # 问题，一句话" : "   # the problem, in a few words"))
        l.append("category: \(f.category?.rawValue ?? "")   # " + IssueCategory.allCases.map(\.rawValue).joined(separator: " | "))
        l.append("severity: \(f.severity?.rawValue ?? "")   # " + Severity.allCases.map(\.rawValue).joined(separator: " | ")
                 + (zh ? "（重大：项目停滞、重大损失或损害声誉）" : " (major: stops the project, a major loss, or harms our reputation)"))
        l.append("source: \((f.source ?? (f.visit == nil ? .customer : .visit)).rawValue)   # " + IssueSource.allCases.map(\.rawValue).joined(separator: " | "))
        if let v = f.visit { l.append("visit: \(q(v))") }
        l.append("raised: \(f.raised ?? today)")
        l.append("owner: \(f.owner.map(q) ?? "")" + (zh ? "   # 留空则按分派规则" : "   # empty: from the route"))
        l.append("department: \(f.department ?? "")" + (zh ? "   # 留空则按分派规则" : "   # empty: from the route"))
        return l.joined(separator: "\n") + "\n"
    }

    struct IssueDraft {
        var title: String
        var category: IssueCategory
        var severity: Severity
        var source: IssueSource
        var visit: String?
        var raised: Day
        var owner: String?
        var department: String?
    }

    static func readIssue(_ text: String) -> Result<IssueDraft, EditProblems> {
        let node: YAMLNode?
        do { node = try YAMLParser.parse(text) } catch {
            return .failure(EditProblems(lines: ["\(error.mark.line):\(error.mark.column): \(error.message)"]))
        }
        guard let map = node, map.pairs != nil else { return .failure(EditProblems(lines: ["1:1: the text is not a mapping of keys to values"])) }
        let r = YAMLFieldReader()
        let title = r.string(map, "title", required: true)
        let category = r.choice(map, "category", as: IssueCategory.self, required: true)
        let severity = r.choice(map, "severity", as: Severity.self, required: true)
        let source = r.choice(map, "source", as: IssueSource.self, required: true)
        let visit = r.string(map, "visit")
        let raised = r.parsed(map, "raised", required: true, expected: Day.expectedForm, Day.init)
        let owner = r.string(map, "owner")
        let department = r.string(map, "department")
        var lines = r.diagnostics.map { "\($0.mark.line):\($0.mark.column): \($0.message)" }
        if let title, title.trimmed.isEmpty { lines.append("\(EditorSession.position(of: "title", in: text)): 'title' is empty") }
        guard lines.isEmpty, let title, let category, let severity, let source, let raised else {
            return .failure(EditProblems(lines: lines.isEmpty ? ["1:1: the record is incomplete"] : lines))
        }
        return .success(IssueDraft(title: title.trimmed, category: category, severity: severity, source: source, visit: visit,
                                   raised: raised, owner: owner, department: department))
    }
}

extension DraftTemplates {
    static func improvement(zh: Bool, flags f: ImproveCommand.Add, departments: [Department]) -> String {
        var l: [String] = []
        l.append(zh ? "# 改进措施：保存并退出即记录；不修改或清空则放弃。" : "# Improvement measure: save and quit to record it; leave unchanged or empty it to abort.")
        l.append("title: \(f.title.map(q) ?? "\"\"")" + (zh ? "   # 措施" : "   # what will be done"))
        l.append("addresses: [\(f.addresses.map(q).joined(separator: ", "))]" + (zh ? "   # 针对的问题编号" : "   # issue ids (prefixes work)"))
        l.append("department: \(f.department ?? "")   # " + departments.map(\.id).joined(separator: " | "))
        l.append("owner: \(f.owner.map(q) ?? "")")
        l.append("due: \(f.due?.description ?? "")   # YYYY-MM-DD")
        l.append("expected_effect: \(f.expectedEffect.map(q) ?? "\"\"")" + (zh ? "   # 预期效果，尽量可衡量" : "   # measurable where possible"))
        return l.joined(separator: "\n") + "\n"
    }

    struct ImprovementDraft {
        var title: String
        var addresses: [String]
        var department: String
        var owner: String
        var due: Day
        var expectedEffect: String
    }

    static func readImprovement(_ text: String) -> Result<ImprovementDraft, EditProblems> {
        let node: YAMLNode?
        do { node = try YAMLParser.parse(text) } catch {
            return .failure(EditProblems(lines: ["\(error.mark.line):\(error.mark.column): \(error.message)"]))
        }
        guard let map = node, map.pairs != nil else { return .failure(EditProblems(lines: ["1:1: the text is not a mapping of keys to values"])) }
        let r = YAMLFieldReader()
        let title = r.string(map, "title", required: true)
        let addresses = r.strings(map, "addresses", required: true)
        let department = r.string(map, "department", required: true)
        let owner = r.string(map, "owner", required: true)
        let due = r.parsed(map, "due", required: true, expected: Day.expectedForm, Day.init)
        let effect = r.string(map, "expected_effect", required: true)
        var lines = r.diagnostics.map { "\($0.mark.line):\($0.mark.column): \($0.message)" }
        for (key, value) in [("title", title), ("expected_effect", effect)] where value?.trimmed.isEmpty == true {
            lines.append("\(EditorSession.position(of: key, in: text)): '\(key)' is empty")
        }
        if addresses?.isEmpty == true { lines.append("\(EditorSession.position(of: "addresses", in: text)): 'addresses' is empty: name the issues it addresses") }
        guard lines.isEmpty, let title, let addresses, let department, let owner, let due, let effect else {
            return .failure(EditProblems(lines: lines.isEmpty ? ["1:1: the record is incomplete"] : lines))
        }
        return .success(ImprovementDraft(title: title.trimmed, addresses: addresses, department: department, owner: owner,
                                         due: due, expectedEffect: effect.trimmed))
    }
}
