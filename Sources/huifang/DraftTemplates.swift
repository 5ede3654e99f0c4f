import HuifangCore
import HuifangReport
import HuifangStore

/// Templates and readers for `issue add --edit` and `improve add --edit`: only the fields a
/// person decides; routing fills in owner, department and deadline afterwards.
enum DraftTemplates {
    static func q(_ s: String) -> String { DraftReader.token(s) }

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

    typealias IssueDraft = DraftReader.IssueFields

    static func readIssue(_ text: String) -> Result<IssueDraft, EditProblems> {
        DraftReader.issue(text).mapError { EditProblems(lines: $0.lines) }
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

    typealias ImprovementDraft = DraftReader.ImprovementFields

    static func readImprovement(_ text: String) -> Result<ImprovementDraft, EditProblems> {
        DraftReader.improvement(text).mapError { EditProblems(lines: $0.lines) }
    }
}
