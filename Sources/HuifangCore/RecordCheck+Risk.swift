extension RecordCheck {
    /// The rules of risks (issue 19): a history line before the risk was raised, or before the
    /// line above it (the history is append-only), and a status the history contradicts (closed
    /// without a closing line, open after one).
    static func riskFindings(_ r: Records) -> [Finding] {
        var out: [Finding] = []
        for k in r.risks {
            var last = k.raised
            for h in k.history where h.at < last {
                out.append(Finding(at: k.location, code: .riskHistoryDate, values: ["at": h.at.description, "before": last.description, "action": h.action]))
                break
            }
            for h in k.history { last = max(last, h.at) }
            let closedLine = k.history.last?.action == RiskHistoryEntry.closed
            if k.status == .closed && !closedLine || k.status == .open && closedLine {
                out.append(Finding(at: k.location, code: .riskState, values: ["id": k.id.rawValue, "status": k.status.rawValue]))
            }
        }
        return out
    }
}
