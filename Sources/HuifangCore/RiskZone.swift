/// The zone of a cell of the risk matrix, by its score (probability × impact): *high* from
/// `policy.risk_high_at` (default 15), *medium* from `mediumAt` (a third of it, rounded up:
/// 5 by default), *low* below. The HTML reports colour the matrix's cells by it (docs/RULES.md).
public enum RiskZone: String, Sendable, CaseIterable {
    case low, medium, high

    /// The lowest score of the medium zone: ⌈risk_high_at / 3⌉, at least 1.
    public static func mediumAt(_ policy: Policy) -> Int { max(1, (policy.riskHighAt + 2) / 3) }

    public init(score: Int, _ policy: Policy) {
        if score >= policy.riskHighAt {
            self = .high
        } else if score >= Self.mediumAt(policy) {
            self = .medium
        } else {
            self = .low
        }
    }
}
