/// One visitor's visits in a period (department reports): how many, how satisfied the customers
/// were, and how many records are complete by the rule of the record-completeness KPI
/// (`KPIEngine`: summary, visitor, contacts, and every issue raised in the visit linked).
public struct VisitorKPIs: Sendable, Hashable {
    public var visitor: String
    public var visits = 0
    public var scoredVisits = 0
    public var meanOverall: Double?
    /// The mean overall score over the scale, as the satisfaction index.
    public var satisfactionIndex: Double?
    public var completeRecords = 0

    public var recordCompleteness: Double? { visits == 0 ? nil : Double(completeRecords) / Double(visits) }

    public init(visitor: String) { self.visitor = visitor }

    /// Per visitor, most visits first: `visits` are the period's visits of the scope,
    /// `raisedIn` the issues raised in each of them (the KPI pass's map).
    public static func of(_ visits: [Visit], raisedIn: [VisitID: [IssueID]], scale: Int) -> [VisitorKPIs] {
        var byVisitor: [String: Int] = [:]
        var out: [VisitorKPIs] = []
        var sums: [Double] = []
        for v in visits {
            let n: Int
            if let known = byVisitor[v.visitor] {
                n = known
            } else {
                n = out.count
                byVisitor[v.visitor] = n
                out.append(VisitorKPIs(visitor: v.visitor))
                sums.append(0)
            }
            out[n].visits += 1
            if let o = v.overallScore {
                out[n].scoredVisits += 1
                sums[n] += o
            }
            if v.isCompleteRecord(raisedIn: raisedIn[v.id] ?? []) { out[n].completeRecords += 1 }
        }
        for n in out.indices where out[n].scoredVisits > 0 {
            let mean = sums[n] / Double(out[n].scoredVisits)
            out[n].meanOverall = mean
            out[n].satisfactionIndex = scale > 0 ? mean / Double(scale) : nil
        }
        return out.sorted { ($1.visits, $0.visitor) < ($0.visits, $1.visitor) }
    }
}
