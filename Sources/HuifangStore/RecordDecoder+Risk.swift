import HuifangCore
import HuifangYAML

extension RecordDecoder {
    // MARK: projects/ID/risks/RID.yaml

    mutating func risk(_ node: YAMLNode?, project: ProjectID, fileName: String) -> Risk? {
        guard let map = root(node, "risk") else { return nil }
        let id = reader.parsed(map, "id", required: true, expected: "a risk id (\(RiskID.expectedForm))", RiskID.init)
        if let id, fileName != "\(id).yaml" {
            add(.error, "file name does not match the risk: expected '\(id).yaml'", at: map["id"]?.start,
                hint: "rename the file (git mv) or fix 'id'", code: .riskFileName, values: ["expected": "\(id).yaml"])
        }
        let title = reader.string(map, "title", required: true)
        let category = reader.choice(map, "category", as: RiskCategory.self, required: true)
        let probability = reader.int(map, "probability", in: Risk.levels, required: true)
        let impact = reader.int(map, "impact", in: Risk.levels, required: true)
        let response = reader.choice(map, "response", as: RiskResponse.self, required: true)
        let plan = reader.string(map, "plan", required: true)
        let owner = reader.string(map, "owner", required: true)
        let raised = day(map, "raised", required: true)
        let reviewEvery = duration(map, "review_every")
        let status = reader.choice(map, "status", as: RiskStatus.self, required: true)
        var history: [RiskHistoryEntry] = []
        for item in reader.list(map, "history", required: true) ?? [] {
            guard let h = reader.mapping(item, "a history entry") else { continue }
            let at = day(h, "at", required: true)
            let action = reader.string(h, "action", required: true)
            let p = reader.int(h, "probability", in: Risk.levels)
            let i = reader.int(h, "impact", in: Risk.levels)
            if let at, let action {
                history.append(RiskHistoryEntry(at: at, action: action, by: reader.string(h, "by"), probability: p, impact: i,
                                                plan: reader.string(h, "plan"), note: reader.string(h, "note"),
                                                reason: reader.string(h, "reason")))
            }
        }
        let recorded = day(map, "recorded")
        unknownKeys(map, RecordKeys.risk, in: "a risk")
        unknownKeys(inItemsOf: map, "history", RecordKeys.riskHistory, in: "a history entry")
        guard !failed, let id, let title, let category, let probability, let impact, let response, let plan, let owner,
            let raised, let status
        else { return nil }
        var risk = Risk(id: id, project: project, title: title, category: category, probability: probability, impact: impact,
                        response: response, plan: plan, owner: owner, raised: raised, reviewEvery: reviewEvery, status: status,
                        history: history, location: SourceLocation(path: path))
        risk.recorded = recorded
        return risk
    }
}
