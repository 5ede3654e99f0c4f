import HuifangCore

extension RecordCoding {
    static let riskCategories = RiskCategory.allCases
    static let riskResponses = RiskResponse.allCases
    static let riskStatuses = RiskStatus.allCases

    static func write(_ w: inout BinaryWriter, _ k: Risk) {
        w.string(k.id.rawValue)
        w.string(k.project.rawValue)
        w.string(k.title)
        write(&w, k.category, of: riskCategories)
        w.int(k.probability)
        w.int(k.impact)
        write(&w, k.response, of: riskResponses)
        w.string(k.plan)
        w.string(k.owner)
        write(&w, k.raised)
        optString(&w, k.reviewEvery?.description)
        write(&w, k.status, of: riskStatuses)
        w.array(k.history) { w, h in
            write(&w, h.at)
            w.string(h.action)
            optString(&w, h.by)
            optInt(&w, h.probability)
            optInt(&w, h.impact)
            optString(&w, h.plan)
            optString(&w, h.note)
            optString(&w, h.reason)
        }
    }

    static func risk(_ r: inout BinaryReader, _ at: SourceLocation) throws(BinaryError) -> Risk {
        let id = try recordID(&r, RiskID.self)
        let project = try projectID(&r)
        let title = try r.string()
        let category = try choice(&r, riskCategories)
        let probability = try r.int()
        let impact = try r.int()
        let response = try choice(&r, riskResponses)
        let plan = try r.string()
        let owner = try r.string()
        let raised = try day(&r)
        let every = try optString(&r)
        var reviewEvery: Duration?
        if let every {
            guard let d = Duration(every) else { throw BinaryError() }
            reviewEvery = d
        }
        let status = try choice(&r, riskStatuses)
        let history = try r.array { (r: inout BinaryReader) throws(BinaryError) in
            RiskHistoryEntry(at: try day(&r), action: try r.string(), by: try optString(&r), probability: try optInt(&r),
                             impact: try optInt(&r), plan: try optString(&r), note: try optString(&r), reason: try optString(&r))
        }
        return Risk(id: id, project: project, title: title, category: category, probability: probability, impact: impact,
                    response: response, plan: plan, owner: owner, raised: raised, reviewEvery: reviewEvery, status: status,
                    history: history, location: at)
    }
}
