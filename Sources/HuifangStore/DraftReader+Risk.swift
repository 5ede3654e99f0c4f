import HuifangCore
import HuifangYAML

extension DraftReader {
    /// What `risk add --edit` reads from its template: the fields a person decides.
    public struct RiskFields: Sendable {
        public var title: String
        public var category: RiskCategory
        public var probability: Int
        public var impact: Int
        public var response: RiskResponse
        public var plan: String
        public var owner: String
        public var reviewEvery: Duration?
    }

    /// The risk written in the template, or every problem as `LINE:COLUMN: message`. The
    /// category may be its code or its Chinese word (技术, 资源, 进度, 成本, 客户), as on the
    /// command line; `review_every` may stay empty (the policy's period).
    public static func risk(_ text: String) -> Result<RiskFields, Problems> {
        let map: YAMLNode
        switch mapping(text) {
        case .success(let m): map = m
        case .failure(let p): return .failure(p)
        }
        let r = YAMLFieldReader()
        let title = r.string(map, "title", required: true)
        let category = r.parsed(map, "category", required: true, expected: RiskCategory.allCases.map(\.rawValue).joined(separator: ", "),
                                RiskCategory.init(word:))
        let probability = r.int(map, "probability", in: Risk.levels, required: true)
        let impact = r.int(map, "impact", in: Risk.levels, required: true)
        let response = r.choice(map, "response", as: RiskResponse.self, required: true)
        let plan = r.string(map, "plan", required: true)
        let owner = r.string(map, "owner", required: true)
        var reviewEvery: Duration?
        if let every = r.string(map, "review_every"), !every.draftTrimmed.isEmpty {
            if let d = Duration(every.draftTrimmed), d.amount > 0 {
                reviewEvery = d
            } else {
                return .failure(Problems(lines: r.diagnostics.map { "\($0.mark.line):\($0.mark.column): \($0.message)" }
                    + ["\(position(of: "review_every", in: text)): 'review_every' is '\(every)', expected a period such as 2w or 1m"]))
            }
        }
        var lines = r.diagnostics.map { "\($0.mark.line):\($0.mark.column): \($0.message)" }
        for (key, value) in [("title", title), ("plan", plan), ("owner", owner)] where value?.draftTrimmed.isEmpty == true {
            lines.append("\(position(of: key, in: text)): '\(key)' is empty")
        }
        guard lines.isEmpty, let title, let category, let probability, let impact, let response, let plan, let owner else {
            return .failure(Problems(lines: lines.isEmpty ? ["1:1: the record is incomplete"] : lines))
        }
        return .success(RiskFields(title: title.draftTrimmed, category: category, probability: probability, impact: impact,
                                   response: response, plan: plan.draftTrimmed, owner: owner.draftTrimmed, reviewEvery: reviewEvery))
    }
}
