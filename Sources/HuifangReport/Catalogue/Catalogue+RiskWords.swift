import HuifangCore

// Risks' codes in words (the risk register, issue 19); JSON keeps the codes.

extension Catalogue {
    public func word(_ v: RiskCategory) -> String { value("risk_category", v.rawValue) }
    public func word(_ v: RiskResponse) -> String { value("risk_response", v.rawValue) }
    public func word(_ v: RiskStatus) -> String { value("risk_status", v.rawValue) }
    public func word(_ v: CustomerHealth.Level) -> String { value("health", v.rawValue) }

    /// A history line's action: huifang's own in words, one written by hand as it is.
    public func riskAction(_ action: String) -> String {
        Catalogue.table(lang)["risk.action.\(action)"] ?? action
    }

    /// `4 × 4 = 16`, with `(high)` when `high`.
    public func riskScore(_ r: Risk, high: Bool) -> String {
        self(high ? "risk.score_high" : "risk.score", ["p": String(r.probability), "i": String(r.impact), "score": String(r.score)])
    }

    /// A health signal in words.
    public func words(_ s: CustomerHealth.Signal) -> String {
        switch s {
        case .dissatisfied(let last): self("health.dissatisfied", ["score": ReportNumber.decimal(last, digits: 1)])
        case .falling(let from, let to):
            self("health.falling", ["from": ReportNumber.decimal(from, digits: 1), "to": ReportNumber.decimal(to, digits: 1)])
        case .majorIssues(let n): self(n == 1 ? "health.major_issues1" : "health.major_issues", ["count": String(n)])
        case .overdueVisits(let n): self(n == 1 ? "health.overdue_visits1" : "health.overdue_visits", ["count": String(n)])
        case .highRisks(let n): self(n == 1 ? "health.high_risks1" : "health.high_risks", ["count": String(n)])
        }
    }
}
