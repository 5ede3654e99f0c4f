import HuifangCore
import HuifangReport
import HuifangStore

extension DraftTemplates {
    /// The template of `risk add --edit`: the fields a person decides, pre-filled with the flags
    /// given; the comments in the repository's language (the catalogue's `risk.template.*`).
    static func risk(project p: Project, flags f: RiskCommand.Add, _ L: Catalogue) -> String {
        var l: [String] = []
        l.append("# " + L("risk.template.head", ["name": p.name, "customer": p.customer.name]))
        l.append("# " + L["risk.template.save"])
        l.append("title: \(f.title.map(q) ?? "\"\"")   # " + L["risk.template.title"])
        l.append("category: \(f.category?.rawValue ?? "")   # " + RiskCategory.allCases.map(\.rawValue).joined(separator: " | "))
        l.append("probability: \(f.probability.map(String.init) ?? "")   # " + L["risk.template.probability"])
        l.append("impact: \(f.impact.map(String.init) ?? "")   # " + L["risk.template.impact"])
        l.append("response: \(f.response?.rawValue ?? "")   # " + RiskResponse.allCases.map(\.rawValue).joined(separator: " | "))
        l.append("plan: \(f.plan.map(q) ?? "\"\"")   # " + L["risk.template.plan"])
        l.append("owner: \(f.owner.map(q) ?? "")   # " + L["risk.template.owner"])
        l.append("review_every: \(f.reviewEvery?.description ?? "")   # " + L["risk.template.review_every"])
        return l.joined(separator: "\n") + "\n"
    }

    static func readRisk(_ text: String) -> Result<DraftReader.RiskFields, EditProblems> {
        DraftReader.risk(text).mapError { EditProblems(lines: $0.lines) }
    }
}
