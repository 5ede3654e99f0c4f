import HuifangCore
import HuifangYAML

extension FastRecordDecoder {
    // MARK: projects/ID/risks/RID.yaml

    /// A risk straight from libyaml's events, or nil at anything unexpected (see the type's
    /// note: the tree decoder then reads it and explains).
    static func risk(_ bytes: UnsafeBufferPointer<UInt8>, path: String, project: ProjectID, fileName: String,
                     reader r: YAMLEventReader = YAMLEventReader()) -> Risk? {
        guard r.start(bytes), r.enterDocumentMapping() else { return nil }
        var id: RiskID?
        var title: String?
        var category: RiskCategory?
        var probability: Int?
        var impact: Int?
        var response: RiskResponse?
        var plan: String?
        var owner: String?
        var raised: Day?
        var reviewEvery: Duration?
        var status: RiskStatus?
        var history: [RiskHistoryEntry]?
        var recorded: Day?
        guard mapping(r, Self.riskKeys, { (field: RiskKey) in
            switch field {
            case .id: guard let v = text(r).flatMap(RiskID.init) else { return false }; id = v
            case .title: guard let v = text(r) else { return false }; title = v
            case .category: guard let v = choice(r, Self.riskCategories) else { return false }; category = v
            case .probability: guard let v = int(r, in: Risk.levels) else { return false }; probability = v
            case .impact: guard let v = int(r, in: Risk.levels) else { return false }; impact = v
            case .response: guard let v = choice(r, Self.riskResponses) else { return false }; response = v
            case .plan: guard let v = text(r) else { return false }; plan = v
            case .owner: guard let v = text(r) else { return false }; owner = v
            case .raised: guard let v = text(r).flatMap(Day.init) else { return false }; raised = v
            case .reviewEvery: guard let v = text(r).flatMap(Duration.init) else { return false }; reviewEvery = v
            case .status: guard let v = choice(r, Self.riskStatuses) else { return false }; status = v
            case .recorded: guard let v = text(r).flatMap(Day.init) else { return false }; recorded = v
            case .history:
                guard r.kind == .sequenceStart else { return false }
                var entries: [RiskHistoryEntry] = []
                while true {
                    guard r.next() else { return false }
                    if r.kind == .sequenceEnd { break }
                    var at: Day?
                    var action: String?
                    var by: String?
                    var p: Int?
                    var i: Int?
                    var newPlan: String?
                    var note: String?
                    var reason: String?
                    guard r.kind == .mappingStart, mapping(r, Self.riskHistoryKeys, { (f: RiskHistoryKey) in
                        switch f {
                        case .at: guard let v = text(r).flatMap(Day.init) else { return false }; at = v
                        case .action: guard let v = text(r) else { return false }; action = v
                        case .by: guard let v = text(r) else { return false }; by = v
                        case .probability: guard let v = int(r, in: Risk.levels) else { return false }; p = v
                        case .impact: guard let v = int(r, in: Risk.levels) else { return false }; i = v
                        case .plan: guard let v = text(r) else { return false }; newPlan = v
                        case .note: guard let v = text(r) else { return false }; note = v
                        case .reason: guard let v = text(r) else { return false }; reason = v
                        }
                        return true
                    }), let at, let action else { return false }
                    entries.append(RiskHistoryEntry(at: at, action: action, by: by, probability: p, impact: i, plan: newPlan,
                                                    note: note, reason: reason))
                }
                history = entries
            }
            return true
        }) else { return nil }
        guard r.leaveDocument(), let id, let title, let category, let probability, let impact, let response, let plan,
            let owner, let raised, let status, let history, isFileName(fileName, of: id.rawValue)
        else { return nil }
        var risk = Risk(id: id, project: project, title: title, category: category, probability: probability, impact: impact,
                        response: response, plan: plan, owner: owner, raised: raised, reviewEvery: reviewEvery, status: status,
                        history: history, location: SourceLocation(path: path))
        risk.recorded = recorded
        return risk
    }

    /// The keys of a risk and of its history lines by name, from `RecordKeys`.
    enum RiskKey: String, CaseIterable {
        case id, title, category, probability, impact, response, plan, owner, raised
        case reviewEvery = "review_every"
        case status, history, recorded
    }

    enum RiskHistoryKey: String, CaseIterable { case at, action, by, probability, impact, plan, note, reason }

    static let riskKeys = KeyTable<RiskKey>(RecordKeys.risk)
    static let riskHistoryKeys = KeyTable<RiskHistoryKey>(RecordKeys.riskHistory)
    static let riskCategories = KeyTable<RiskCategory>(RiskCategory.allCases.map(\.rawValue))
    static let riskResponses = KeyTable<RiskResponse>(RiskResponse.allCases.map(\.rawValue))
    static let riskStatuses = KeyTable<RiskStatus>(RiskStatus.allCases.map(\.rawValue))
}
